// Writes an image as it arrives into a temporary file beside the target and moves it into place
// only when it is complete, recognized and within the size cap. Nothing partial is ever left.
import { randomBytes } from 'node:crypto';
import { link, open, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { partialFileName } from '../core/assets/fileName';
import { readImageInfo, sniffFormat, type ImageInfo } from '../core/images/imageInfo';
import { providerError } from './errors';

export interface ImageFileOptions {
  readonly provider: string;
  readonly maxBytes: number;
}

export interface SavedImage extends ImageInfo {
  readonly path: string;
  readonly bytes: number;
}

/** How many leading bytes may pass without a readable header before the data is refused. */
const maxHeaderBytes = 512 * 1024;
/**
 * Arriving bytes are copied into one of two reused buffers of this size; a full buffer goes to
 * disk (one write per MB, at its own offset) while the other fills. Copying frees the caller's
 * memory at once — a network read buffer can be reused for the next read, so a download leaves no
 * garbage behind — and the two buffers bound the memory however slow the disk is.
 */
const bufferBytes = 1024 * 1024;
const bufferCount = 2;

export class ImageFileWriter {
  private bytes = 0;
  private head: Buffer = Buffer.alloc(0);
  private info: ImageInfo | undefined;
  private done = false;
  private allocated = 0;
  private readonly spare: Buffer[] = [];
  private filling: Buffer | undefined;
  private filled = 0;
  private written = 0;
  private readonly inFlight: Promise<void>[] = [];
  private writeFailure: { readonly error: unknown } | undefined;
  private readonly backlog: Buffer[] = [];
  private draining: Promise<void> | undefined;

  private constructor(
    private readonly target: string,
    private readonly temp: string,
    private readonly file: FileHandle,
    private readonly options: ImageFileOptions,
  ) {}

  static async create(target: string, options: ImageFileOptions): Promise<ImageFileWriter> {
    const temp = join(dirname(target), partialFileName(basename(target), randomBytes(6).toString('hex')));
    const file = await open(temp, 'wx');
    return new ImageFileWriter(target, temp, file, options);
  }

  /**
   * Copies the chunk in; the caller may reuse its memory as soon as this returns. Returns a promise
   * when the disk is behind (what did not fit waits in a backlog): the caller should pause its
   * source until it settles. Throws when the image is refused (too large, not an image) or an
   * earlier write failed.
   */
  take(chunk: Uint8Array): Promise<void> | undefined {
    this.throwIfWriteFailed();
    this.bytes += chunk.length;
    if (this.bytes > this.options.maxBytes) {
      throw providerError('imageTooLarge', { provider: this.options.provider }, `The image is larger than the ${Math.round(this.options.maxBytes / 1024 / 1024)} MB download limit; ImageGen stopped downloading it.`);
    }
    if (!this.info) {
      this.inspect(chunk);
    }
    if (this.draining) {
      this.backlog.push(Buffer.from(chunk));
      return this.draining;
    }
    const copied = this.copyWhileRoom(chunk);
    if (copied === chunk.length) {
      return undefined;
    }
    this.backlog.push(Buffer.from(chunk.subarray(copied)));
    const draining = this.drainBacklog();
    draining.catch(() => undefined); // A failure is kept in writeFailure and reported by the next take() or finish().
    return (this.draining = draining);
  }

  async write(chunk: Uint8Array): Promise<void> {
    await this.take(chunk);
  }

  /** Copies into the buffers while one is free; returns how many bytes were copied. */
  private copyWhileRoom(chunk: Uint8Array): number {
    let offset = 0;
    while (offset < chunk.length) {
      if (!this.filling) {
        const free = this.spare.pop() ?? (this.allocated < bufferCount ? this.allocate() : undefined);
        if (!free) {
          return offset;
        }
        this.filling = free;
      }
      const taken = Math.min(chunk.length - offset, this.filling.length - this.filled);
      this.filling.set(chunk.subarray(offset, offset + taken), this.filled);
      this.filled += taken;
      offset += taken;
      if (this.filled === this.filling.length) {
        this.startWrite();
      }
    }
    return offset;
  }

  private async drainBacklog(): Promise<void> {
    try {
      while (this.backlog.length > 0 && !this.done) {
        await this.inFlight[0]; // A buffer comes back when the older write completes.
        this.throwIfWriteFailed();
        const chunk = this.backlog[0]!;
        const copied = this.copyWhileRoom(chunk);
        if (copied === chunk.length) {
          this.backlog.shift();
        } else {
          this.backlog[0] = chunk.subarray(copied);
        }
      }
    } finally {
      this.draining = undefined;
    }
  }

  private allocate(): Buffer {
    this.allocated += 1;
    return Buffer.allocUnsafeSlow(bufferBytes);
  }

  private startWrite(): void {
    const buffer = this.filling;
    if (!buffer || this.filled === 0) {
      return;
    }
    const length = this.filled;
    const position = this.written;
    this.filling = undefined;
    this.filled = 0;
    this.written += length;
    const write: Promise<void> = this.file
      .write(buffer, 0, length, position)
      .then(
        () => undefined,
        (error: unknown) => void (this.writeFailure ??= { error }),
      )
      .finally(() => {
        this.inFlight.splice(this.inFlight.indexOf(write), 1);
        this.spare.push(buffer);
      });
    this.inFlight.push(write);
  }

  private async settleWrites(): Promise<void> {
    while (this.inFlight.length > 0) {
      await this.inFlight[0];
    }
  }

  private throwIfWriteFailed(): void {
    if (this.writeFailure) {
      throw this.writeFailure.error;
    }
  }

  /** Closes the temporary file and links it to the target; fails if the target exists. */
  async finish(): Promise<SavedImage> {
    if (!this.info) {
      throw providerError('notAnImage', { provider: this.options.provider }, this.bytes === 0 ? 'The provider sent an empty image.' : 'The image ended before its header was complete.');
    }
    await this.draining;
    this.startWrite();
    await this.settleWrites();
    this.throwIfWriteFailed();
    await this.file.close();
    this.done = true;
    try {
      await link(this.temp, this.target);
    } finally {
      await unlink(this.temp).catch(() => undefined);
    }
    return { ...this.info, path: this.target, bytes: this.bytes };
  }

  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      this.filling = undefined;
      this.backlog.length = 0;
      await this.draining?.catch(() => undefined);
      await this.settleWrites(); // Closing under a write in flight could write into a reused descriptor.
      await this.file.close().catch(() => undefined);
      await unlink(this.temp).catch(() => undefined);
    }
  }

  private inspect(chunk: Uint8Array): void {
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length >= 12 && !sniffFormat(this.head)) {
      throw providerError('notAnImage', { provider: this.options.provider });
    }
    try {
      this.info = readImageInfo(this.head);
    } catch (error) {
      throw providerError('notAnImage', { provider: this.options.provider, serverMessage: error instanceof Error ? error.message : String(error) });
    }
    if (this.info) {
      this.head = Buffer.alloc(0);
    } else if (this.head.length > maxHeaderBytes) {
      throw providerError('notAnImage', { provider: this.options.provider, serverMessage: 'no image header in the first 512 KB' });
    }
  }
}
