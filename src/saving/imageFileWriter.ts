// The one path an image's bytes take to disk, whether they come from a download or from a
// `b64_json` decoder: magic bytes checked, size capped, PNG provenance inserted after IHDR (a JPEG
// or WebP gets it in a sidecar file), written
// into a hidden `.part` file created exclusively in the destination folder, and given its name
// only when complete, by claiming a name that does not exist yet (`base.png`, `base-2.png` …).
// Any failure or abort removes the `.part`; nothing partial ever appears under an image's name.
import { randomBytes } from 'node:crypto';
import { open, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { partialFileName } from '../core/assets/fileName';
import { claimFileName, realNaming, type NamingCalls } from './claimFileName';

export type { NamingCalls } from './claimFileName';
import { imageExtensions, readImageInfo, sniffFormat, type ImageInfo } from '../core/images/imageInfo';
import { completenessTracker, type CompletenessTracker } from '../core/images/imageCompleteness';
import { pngHeaderEnd, pngTextChunks } from '../core/png/pngText';
import { provenanceSidecarPath } from '../core/images/provenance';
import { providerError } from '../providers/errors';
import { ImageWriteError, notCreated } from './imageWriteError';

export { ImageWriteError } from './imageWriteError';
import type { ImageSink, SavedImage } from '../providers/provider';

export interface ImageFileOptions {
  /** Folder the image is saved in; it must exist. */
  readonly folder: string;
  /** The name without extension; the extension follows the format found in the bytes. */
  readonly baseName: string;
  readonly provider: string;
  readonly maxBytes: number;
  /** Text embedded in PNGs (prompt, model, parameters, task id). */
  readonly provenance?: Record<string, string>;
  /** The calls that give the finished file its name (tests stand in for file systems without hard links). */
  readonly naming?: NamingCalls;
}


/** How many leading bytes may pass without a readable header before the data is refused. */
const maxHeaderBytes = 512 * 1024;
/**
 * Arriving bytes are copied into one of two reused buffers of this size; a full buffer goes to
 * disk (one write per MB, at its own offset) while the other fills. Copying frees the caller's
 * memory at once, and the two buffers bound the memory however slow the disk is.
 */
const bufferBytes = 1024 * 1024;
const bufferCount = 2;

export class ImageFileWriter implements ImageSink {
  private bytes = 0;
  private head: Buffer = Buffer.alloc(0);
  private info: ImageInfo | undefined;
  /** Follows the bytes as they came (before provenance is inserted) to the format's end. */
  private completeness: CompletenessTracker | undefined;
  /** Whether the end of the image must be seen in its bytes (see expectEndMarker). */
  private endMustBeSeen = false;
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
    readonly partPath: string,
    private readonly file: FileHandle,
    private readonly options: ImageFileOptions,
  ) {}

  static async create(options: ImageFileOptions): Promise<ImageFileWriter> {
    const partPath = join(options.folder, partialFileName(options.baseName, randomBytes(6).toString('hex')));
    let file: FileHandle;
    try {
      file = await open(partPath, 'wx');
    } catch (error) {
      throw notCreated(options.folder, error);
    }
    return new ImageFileWriter(partPath, file, options);
  }

  /**
   * Takes the chunk in; the caller may reuse its memory as soon as this returns. Returns a promise
   * when the disk is behind: the caller should pause its source until it settles. Throws when the
   * image is refused (too large, not an image) or an earlier write failed.
   */
  take(chunk: Uint8Array): Promise<void> | undefined {
    this.throwIfWriteFailed();
    this.bytes += chunk.length;
    if (this.bytes > this.options.maxBytes) {
      throw providerError('imageTooLarge', { provider: this.options.provider }, `The image is larger than the ${Math.round(this.options.maxBytes / 1024 / 1024)} MB download limit; ImageGen stopped downloading it.`);
    }
    if (!this.info) {
      const ready = this.inspect(chunk);
      if (!ready) {
        return undefined; // Held in `head` until the header can be read.
      }
      const held = this.head;
      this.head = Buffer.alloc(0);
      return this.emit(held);
    }
    this.completeness?.push(chunk);
    return this.emit(chunk);
  }

  async write(chunk: Uint8Array): Promise<void> {
    await this.take(chunk);
  }

  private emit(chunk: Uint8Array): Promise<void> | undefined {
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
      const error = this.writeFailure.error as NodeJS.ErrnoException;
      throw new ImageWriteError(`ImageGen could not write the image into ${this.options.folder} (${error.code ?? error.message}).`, error.code);
    }
  }

  /** Completes the file and gives it the first free name; the `.part` is gone either way. */
  async finish(): Promise<SavedImage> {
    if (!this.info) {
      throw providerError('notAnImage', { provider: this.options.provider }, this.bytes === 0 ? 'The provider sent an empty image.' : 'The image ended before its header was complete.');
    }
    this.refuseIfIncomplete();
    await this.draining;
    this.startWrite();
    await this.settleWrites();
    this.throwIfWriteFailed();
    await this.file.close();
    this.done = true;
    const path = await this.claimName(imageExtensions[this.info.format]);
    await unlink(this.partPath).catch(() => undefined); // Gone already after a rename; a leftover is swept.
    if (this.info.format !== 'png' && this.options.provenance) {
      // JPEG and WebP carry no PNG text: the provenance goes beside the image. The image is what
      // was paid for, so a sidecar that cannot be written (a taken name, a full disk) does not fail it.
      await writeFile(provenanceSidecarPath(path), JSON.stringify(this.options.provenance, null, 2), { flag: 'wx' }).catch(() => undefined);
    }
    return { ...this.info, path, bytes: this.bytes };
  }

  /**
   * No declared length (a chunked body): only the format's end tells a whole image from a cut
   * one. A declared length (HTTP checks it) or a closed b64_json string vouches for the bytes: the
   * image the provider made and charged for is kept even when its format looks unfinished.
   */
  expectEndMarker(): void {
    this.endMustBeSeen = true;
  }

  /**
   * A body without Content-Length that stopped early ends like a whole one: the format's own end
   * (PNG IEND, JPEG EOI, WebP's RIFF size) decides. The caller's abort() then removes the `.part`.
   */
  private refuseIfIncomplete(): void {
    const verdict = this.endMustBeSeen ? this.completeness?.verdict() : undefined;
    if (verdict && !verdict.complete) {
      throw providerError('server', { provider: this.options.provider, retryable: true }, `The image download ended early (${this.bytes} bytes, ${verdict.missing}); nothing was saved.`);
    }
  }

  private claimName(extension: string): Promise<string> {
    return claimFileName({ partPath: this.partPath, folder: this.options.folder, baseName: this.options.baseName, extension, naming: this.options.naming ?? realNaming }, (error) => this.unnamed(error));
  }

  private unnamed(error: unknown): ImageWriteError {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return new ImageWriteError(`The image was downloaded but could not be given its name (${reason}); it is kept as ${this.partPath}.`, (error as NodeJS.ErrnoException).code);
  }

  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      this.filling = undefined;
      this.backlog.length = 0;
      await this.draining?.catch(() => undefined);
      await this.settleWrites(); // Closing under a write in flight could write into a reused descriptor.
      await this.file.close().catch(() => undefined);
      await unlink(this.partPath).catch(() => undefined);
    }
  }

  /** Collects the first bytes until the header is readable; returns whether they can be written now. */
  private inspect(chunk: Uint8Array): boolean {
    this.head = this.head.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.head, chunk]);
    if (this.head.length >= 12 && !sniffFormat(this.head)) {
      throw providerError('notAnImage', { provider: this.options.provider });
    }
    let info: ImageInfo | undefined;
    let textAt: number | undefined;
    try {
      info = readImageInfo(this.head);
      textAt = info?.format === 'png' ? pngHeaderEnd(this.head) : undefined;
    } catch (error) {
      throw providerError('notAnImage', { provider: this.options.provider, serverMessage: error instanceof Error ? error.message : String(error) });
    }
    if (!info || (info.format === 'png' && textAt === undefined)) {
      if (this.head.length > maxHeaderBytes) {
        throw providerError('notAnImage', { provider: this.options.provider, serverMessage: 'no image header in the first 512 KB' });
      }
      return false;
    }
    this.info = info;
    this.completeness = completenessTracker(info.format);
    this.completeness.push(this.head);
    if (textAt !== undefined && this.options.provenance) {
      this.head = Buffer.concat([this.head.subarray(0, textAt), pngTextChunks(this.options.provenance), this.head.subarray(textAt)]);
    }
    return true;
  }
}
