// What goes wrong on disk while an image is saved, in words that say what to do: a local
// problem, never a provider's.

/** The image could not be written or named on disk: a local problem, never a provider's. */
export class ImageWriteError extends Error {
  override readonly name = 'ImageWriteError';
  constructor(message: string, readonly code?: string) {
    super(message);
  }
}

/** The folder would not take a new file: what is wrong with it, and what to do. */
export function notCreated(folder: string, error: unknown): ImageWriteError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    EACCES: `ImageGen may not create files in ${folder} (EACCES): the folder is not writable. Fix its permissions or save the images in another folder, then retry.`,
    EPERM: `ImageGen may not create files in ${folder} (EPERM): the folder is not writable. Fix its permissions or save the images in another folder, then retry.`,
    ENOSPC: `The disk that holds ${folder} is full (ENOSPC). Free some space, then retry.`,
    EDQUOT: `Your disk quota for ${folder} is used up (EDQUOT). Free some space, then retry.`,
    EROFS: `${folder} is on a read-only file system (EROFS). Save the images in a folder on a writable disk, then retry.`,
    ENOENT: `The folder ${folder} does not exist (any more). Create it or save the images in another folder, then retry.`,
  };
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  return new ImageWriteError(why[code ?? ''] ?? `ImageGen could not create the image file in ${folder} (${reason}). Check that the folder exists and is writable, then retry.`, code);
}
