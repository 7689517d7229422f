// The image library's contract (issue 24): what the editor, the MCP server and the command line ask
// of it. No vscode and no library types here, so callers compile without the library and load it
// only when a conversion is asked for (loadImaging.ts). Rectangles come from the size maths in
// src/core/output/; this layer applies them exactly and decides nothing about fit.

export type { OutputFormat } from '../core/output/outputFormats';
import type { OutputFormat } from '../core/output/outputFormats';

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The canvas the (resized) image is placed on (fit = contain): `width`×`height`, the image at
 * `left`,`top`. `colour` is '#rrggbb'; absent means transparent, which JPEG refuses.
 */
export interface Pad extends Rect {
  readonly colour?: string;
}

export interface RenderOptions {
  /** Cut from the source first (fit = cover: the rectangle the size maths chose). */
  readonly crop?: Rect;
  /** The size the (cropped) image is scaled to, exactly: no aspect is kept, the maths chose it. */
  readonly resize?: { readonly width: number; readonly height: number };
  /** Then placed on a canvas. */
  readonly pad?: Pad;
  readonly format: OutputFormat;
  /** 1–100; each format's default otherwise (core/output/outputOptions defaultQuality, the one home). Not used by PNG (lossless). */
  readonly quality?: number;
  /** PNG only: iTXt chunks, written by src/core/png/pngText.ts (the saving path's own code). */
  readonly pngText?: Readonly<Record<string, string>>;
  /** WebP, JPEG and AVIF: an XMP packet, embedded by the library (sharp's withXmp). */
  readonly xmp?: string;
}

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  /** What the bytes are ('png', 'webp', 'avif', 'jpeg', 'gif', …), as the library names it. */
  readonly format: string;
  readonly hasAlpha: boolean;
}

/** Decoded pixels: RGBA, 4 bytes a pixel, row after row, no padding. */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface IcoEntry {
  /** 1–256 pixels, square. */
  readonly size: number;
  /** A PNG of size×size (render(..., { format: 'png' })). */
  readonly bytes: Uint8Array;
}

export interface Imaging {
  /** Reads the header only. Throws ImagingError('notAnImage') for bytes the library cannot read. */
  inspect(bytes: Uint8Array): Promise<ImageInfo>;
  /** Decode → crop → resize → pad → encode, with provenance embedded where the format has room. */
  render(bytes: Uint8Array, options: RenderOptions): Promise<Uint8Array>;
  /** Decodes to RGBA (EXIF orientation applied), so a key-out can run before fromRaw(). */
  toRaw(bytes: Uint8Array): Promise<RawImage>;
  /** Encodes RGBA pixels like render() (crop, resize and pad apply to them too). */
  fromRaw(image: RawImage, options: RenderOptions): Promise<Uint8Array>;
  /** An .ico whose entries are the given PNGs, unchanged (ico.ts). */
  writeIco(pngs: readonly IcoEntry[]): Uint8Array;
  /** The library and its version, for logs. */
  readonly version: string;
}

export type ImagingErrorKind = 'unavailable' | 'notAnImage' | 'invalidOptions' | 'failed';

/** Read by `kind` and `name` (isImagingError), never instanceof: the class lives in more than one bundle. */
export class ImagingError extends Error {
  override readonly name = 'ImagingError';
  constructor(
    readonly kind: ImagingErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isImagingError(error: unknown): error is ImagingError {
  return error instanceof Error && error.name === 'ImagingError' && typeof (error as { kind?: unknown }).kind === 'string';
}
