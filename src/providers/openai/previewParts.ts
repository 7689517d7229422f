// A partial image gathered as it is decoded, in blocks that each own their whole ArrayBuffer.
// Why blocks and not one buffer: the size is known only at the end of the event, and joining
// pieces at the end would hold the image twice. Why owned buffers: VS Code posts a typed array to
// a webview by sending its whole underlying ArrayBuffer, and Node's small decoded pieces are
// views into a shared pool that may hold other bytes (headers, keys).
const blockSize = 256 * 1024;

export class PreviewParts {
  private readonly blocks: Uint8Array<ArrayBuffer>[] = [];
  private current: Uint8Array<ArrayBuffer> | undefined;
  private filled = 0;
  private total = 0;
  private tooLarge = false;

  /** `maxBytes`: past it the preview is dropped (a preview is a nicety; the final image is capped elsewhere). */
  constructor(private readonly maxBytes: number) {}

  get byteLength(): number {
    return this.total;
  }

  /** More came than `maxBytes`: the bytes were dropped. */
  get overflowed(): boolean {
    return this.tooLarge;
  }

  push(chunk: Uint8Array): void {
    if (this.tooLarge || chunk.length === 0) return;
    if (this.total + chunk.length > this.maxBytes) {
      this.tooLarge = true;
      this.blocks.length = 0;
      this.current = undefined;
      return;
    }
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.current || this.filled === this.current.length) {
        this.current = new Uint8Array(blockSize);
        this.blocks.push(this.current);
        this.filled = 0;
      }
      const take = Math.min(chunk.length - offset, this.current.length - this.filled);
      this.current.set(chunk.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
    }
    this.total += chunk.length;
  }

  /** The blocks, the last one cut to its filled length; none if nothing came or it was too big. */
  finish(): Uint8Array<ArrayBuffer>[] {
    if (this.tooLarge || this.blocks.length === 0) return [];
    const last = this.blocks.length - 1;
    if (this.filled < this.blocks[last]!.length) {
      // Copied, not `subarray`: the block's unfilled tail would travel with it.
      this.blocks[last] = this.blocks[last]!.slice(0, this.filled);
    }
    const parts = [...this.blocks];
    this.blocks.length = 0;
    this.current = undefined;
    return parts;
  }
}
