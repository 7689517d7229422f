// Node's sockets read into a fresh 64 KB buffer per read, and fetch hands each chunk on in another
// fresh array: a 25 MB download leaves ~25–50 MB of dead buffers behind it, which V8 frees only
// at its next collection (measured: peak extra RSS 20–69 MB for a 25 MB image). A minor
// collection (a scavenge: young objects only, well under a millisecond here) every few megabytes
// frees them while the download runs (measured: 0–2 MB). V8 offers that collection to JavaScript
// only through `gc`: a `gc` the process already has is used; otherwise `--expose-gc` is set just
// long enough to create one private context that has it, then unset, so no other context or
// worker ever sees `gc`. Not attempted under Electron (V8 may freeze its flags there, where
// setting one is fatal); where it is not available, downloads work as before and the garbage is
// left to V8.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;

let collect: Collect | null | undefined;

function minorCollection(): Collect | null {
  if (collect === undefined) {
    const existing: unknown = (globalThis as { gc?: unknown }).gc;
    if (typeof existing === 'function') {
      collect = existing as Collect;
    } else if (process.versions.electron !== undefined) {
      collect = null;
    } else {
      try {
        setFlagsFromString('--expose-gc');
        const found: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
        collect = typeof found === 'function' ? (found as Collect) : null;
      } catch {
        collect = null;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
  }
  return collect;
}

/** Every `everyBytes` received, asks V8 for a scavenge so the network's read buffers are freed. */
export class NetworkBufferRelease {
  private since = 0;

  constructor(private readonly everyBytes = 512 * 1024) {}

  received(bytes: number): void {
    this.since += bytes;
    if (this.since >= this.everyBytes) {
      this.since = 0;
      minorCollection()?.({ type: 'minor' });
    }
  }
}
