// `.part` files are removed by whoever wrote them; one left behind means the window closed or the
// host crashed mid-write. Those older than a day are swept when the extension starts.
import { stat, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { isPartialFileName } from '../core/assets/fileName';

export const partMaxAgeMs = 24 * 60 * 60 * 1000;

/** Deletes the given files that are our `.part` files and older than `maxAgeMs`; returns what it deleted. */
export async function sweepPartFiles(paths: readonly string[], now = Date.now(), maxAgeMs = partMaxAgeMs): Promise<string[]> {
  const swept: string[] = [];
  for (const path of paths) {
    if (!isPartialFileName(basename(path))) {
      continue;
    }
    try {
      const info = await stat(path);
      if (info.isFile() && now - info.mtimeMs > maxAgeMs) {
        await unlink(path);
        swept.push(path);
      }
    } catch {
      // Gone already, or not ours to touch.
    }
  }
  return swept;
}
