// Node's sockets read into a fresh 64 KB buffer per read, and fetch hands each chunk on in another
// fresh array: a 25 MB download leaves ~25–50 MB of dead buffers behind it, which V8 frees only
// at its next collection (measured: peak extra RSS 20–69 MB for a 25 MB image). A minor
// collection (a scavenge: young objects only, well under a millisecond here) every few megabytes
// frees them while the download runs (measured: 0–2 MB). V8 offers that collection to JavaScript
// only through `gc`, which exists once the `--expose-gc` flag is set; the flag only adds `gc` to
// contexts created afterwards, here one private context. Where any of this is unavailable,
// downloads work as before, with the garbage left to V8.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;

let collect: Collect | null | undefined;

function minorCollection(): Collect | null {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : undefined');
      collect = typeof found === 'function' ? (found as Collect) : null;
    } catch {
      collect = null;
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
