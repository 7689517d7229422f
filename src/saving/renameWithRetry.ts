// Windows: an antivirus scanner or the indexer holds a file for a moment after it is written, and a
// rename of it (or onto it) fails with EPERM, EACCES or EBUSY. One home for "try again a few times
// before it counts", used by the image names (claimFileName), finished files and the task journal.

/** The waits between tries: about a second in all, then the error counts. */
const retryDelaysMs: readonly number[] = [50, 200, 800];

/** Whether an error is the transient kind a held file gives. */
export function isHeldFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
}

export async function renameWithRetry(from: string, to: string, rename: (from: string, to: string) => Promise<void>, retryable: (error: unknown) => boolean = isHeldFileError): Promise<void> {
  for (let retry = 0; ; retry++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      if (retry >= retryDelaysMs.length || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelaysMs[retry]));
    }
  }
}
