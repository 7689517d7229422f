// A finished file appears whole under its name or not at all: written to a hidden `.part` in the
// same folder (so the start-up sweep knows it), then named the way saved images are named
// (claimFileName: the first free name, never replacing a file). The one file it may replace is
// the provider's image it was made from, which is ours and which it supersedes.
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { partialFileName } from '../core/assets/fileName';
import { claimFileName, realNaming } from '../saving/claimFileName';
import { renameWithRetry } from '../saving/renameWithRetry';
import { notCreated } from '../saving/imageWriteError';

/** Writes `bytes` as `folder/base.extension` (or `base-2.extension` …); `replacing` may be overwritten when it is that very name. */
export async function writeFinishedFile(folder: string, base: string, extension: string, bytes: Uint8Array, replacing?: string): Promise<string> {
  const partPath = join(folder, partialFileName(base, randomBytes(6).toString('hex')));
  try {
    const file = await open(partPath, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    const wanted = join(folder, `${base}.${extension}`);
    // Saved images get lower-case extensions, so the provider's file is this name exactly or not at all.
    if (replacing === wanted) {
      await renameWithRetry(partPath, wanted, rename);
      return wanted;
    }
    return await claimFileName({ partPath, folder, baseName: base, extension, naming: realNaming }, (error) => notCreated(folder, error));
  } catch (error) {
    throw error instanceof Error && error.name === 'ImageWriteError' ? error : notCreated(folder, error);
  } finally {
    await unlink(partPath).catch(() => undefined); // Gone after a rename; a leftover is swept.
  }
}
