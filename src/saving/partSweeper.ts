// `.part` files are removed by whoever wrote them; one left behind means the window closed or the
// host crashed mid-write. Those older than a day are swept when the extension starts — except a
// complete image: that is a paid image whose name could not be claimed, which the user was told
// is kept (ImageFileWriter's "the only copy"). It is never deleted.
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { isPartialFileName } from '../core/assets/fileName';
import { completenessFormatOf, completenessTracker, type CompletenessTracker } from '../core/images/imageCompleteness';

export const partMaxAgeMs = 24 * 60 * 60 * 1000;

/** Deletes the given files that are our `.part` files, older than `maxAgeMs` and not a complete image; returns what it deleted. */
export async function sweepPartFiles(paths: readonly string[], now = Date.now(), maxAgeMs = partMaxAgeMs): Promise<string[]> {
  const swept: string[] = [];
  for (const path of paths) {
    if (!isPartialFileName(basename(path))) {
      continue;
    }
    try {
      const info = await stat(path);
      if (info.isFile() && now - info.mtimeMs > maxAgeMs && !(await isCompleteImage(path))) {
        await unlink(path);
        swept.push(path);
      }
    } catch {
      // Gone already, or not ours to touch.
    }
  }
  return swept;
}

/** Whether the file's bytes are a whole PNG, JPEG, WebP or AVIF (read as a stream, never held whole). */
export async function isCompleteImage(path: string): Promise<boolean> {
  let tracker: CompletenessTracker | undefined;
  let head = Buffer.alloc(0);
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    if (!tracker) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 12) continue;
      const format = completenessFormatOf(head);
      if (!format) return false;
      tracker = completenessTracker(format);
      tracker.push(head);
      continue;
    }
    tracker.push(chunk);
  }
  return tracker?.verdict().complete ?? false;
}
