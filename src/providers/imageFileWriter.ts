// Writes an image as it arrives into a temporary file beside the target and moves it into place
// only when it is complete, recognized and within the size cap. Nothing partial is ever left.
import { randomBytes } from 'node:crypto';
import { link, open, unlink, type FileHandle } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { basename, dirname, join } from 'node:path';
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
/** Chunks are gathered up to this size and written with one writev: one syscall per MB, not per 64 KB. */
const writeBatchBytes = 1024 * 1024;

export class ImageFileWriter {
  private bytes = 0;
  private head: Buffer = Buffer.alloc(0);
  private info: ImageInfo | undefined;
  private done = false;
  private batch: Uint8Array[] = [];
  private batchBytes = 0;

  private constructor(
    private readonly target: string,
    private readonly temp: string,
    private readonly file: FileHandle,
    private readonly options: ImageFileOptions,
  ) {}

  static async create(target: string, options: ImageFileOptions): Promise<ImageFileWriter> {
    const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
    const file = await open(temp, 'wx');
    return new ImageFileWriter(target, temp, file, options);
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    if (this.bytes > this.options.maxBytes) {
      throw providerError('imageTooLarge', { provider: this.options.provider }, `The image is larger than the ${Math.round(this.options.maxBytes / 1024 / 1024)} MB download limit; ImageGen stopped downloading it.`);
    }
    if (!this.info) {
      this.inspect(chunk);
    }
    this.batch.push(chunk);
    this.batchBytes += chunk.length;
    if (this.batchBytes >= writeBatchBytes) {
      await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.batch.length > 0) {
      const chunks = this.batch;
      this.batch = [];
      this.batchBytes = 0;
      await this.file.writev(chunks);
    }
  }

  /** The writer as a Writable (for undici's stream()); batches arrive through writev. */
  asWritable(): Writable {
    return new Writable({
      highWaterMark: writeBatchBytes,
      write: (chunk: Uint8Array, _encoding, callback) => {
        this.write(chunk).then(() => callback(), callback);
      },
      writev: (chunks, callback) => {
        (async () => {
          for (const { chunk } of chunks) {
            await this.write(chunk as Uint8Array);
          }
        })().then(() => callback(), callback);
      },
    });
  }

  /** Closes the temporary file and links it to the target; fails if the target exists. */
  async finish(): Promise<SavedImage> {
    if (!this.info) {
      throw providerError('notAnImage', { provider: this.options.provider }, this.bytes === 0 ? 'The provider sent an empty image.' : 'The image ended before its header was complete.');
    }
    await this.flush();
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
      this.batch = [];
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
