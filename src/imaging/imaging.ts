// The image library's contract (issue 24): what the engine, the MCP server and the command line ask
// of it. No vscode and no library types here, so callers compile without the library and load it
// only when a conversion is asked for (loadImaging.ts).

export type OutputFormat = 'png' | 'webp' | 'avif' | 'jpeg';

export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Where the resized image sits on a larger canvas (fit = contain): the canvas is `width`×`height`
 * of the pad, the image is placed at `left`,`top`. `colour` is '#rrggbb'; `transparent` needs a
 * format with alpha (JPEG is refused, the caller picks a colour).
 */
export interface Pad extends Rect {
  readonly background: { readonly colour: string } | 'transparent';
}

export interface ResizeStep {
  /** Cut from the source first (fit = cover: the centred rectangle the size maths chose). */
  readonly crop?: Rect;
  /** The size the (cropped) image is scaled to, exactly (no aspect kept: the maths chose it). */
  readonly width: number;
  readonly height: number;
  /** Then placed on a canvas (fit = contain). */
  readonly pad?: Pad;
}

export interface Metadata {
  /** PNG only: iTXt chunks, written by src/core/png/pngText.ts. */
  readonly pngText?: Readonly<Record<string, string>>;
  /** WebP, JPEG and AVIF: an XMP packet, embedded by the library. */
  readonly xmp?: string;
}

export interface RenderOptions {
  readonly resize?: ResizeStep;
  readonly format: OutputFormat;
  /** 1–100; each format's default otherwise (defaultQuality). */
  readonly quality?: number;
  readonly metadata?: Metadata;
}

export interface ImageInfo {
  readonly width: number;
  readonly height: number;
  /** What the bytes are ('png', 'webp', 'avif', 'jpeg', 'gif', …), as the library names it. */
  readonly format: string;
  readonly hasAlpha: boolean;
}

/** Decoded pixels: 4 bytes a pixel, row after row, no padding. */
export interface RawImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface IcoEntry {
  /** 1–256 pixels, square. */
  readonly size: number;
  readonly bytes: Uint8Array;
}

export interface Imaging {
  /** Reads the header only. Throws ImagingError('notAnImage') for bytes the library cannot read. */
  inspect(bytes: Uint8Array): Promise<ImageInfo>;
  /** Decode → crop → resize → pad → encode, with metadata embedded where the format has room. */
  render(bytes: Uint8Array, options: RenderOptions): Promise<Uint8Array>;
  /** Decodes to RGBA (after an optional resize step), e.g. for a background key-out. */
  raw(bytes: Uint8Array, resize?: ResizeStep): Promise<RawImage>;
  /** Encodes RGBA pixels (what raw() gave, changed) like render() encodes. */
  fromRaw(image: RawImage, options: RenderOptions): Promise<Uint8Array>;
  /** An .ico whose entries are PNGs, from PNGs (render(..., { format: 'png' })). */
  writeIco(pngs: readonly IcoEntry[]): Uint8Array;
  /** The library and its version, for logs and the About line. */
  readonly version: string;
}

export type ImagingErrorKind = 'unavailable' | 'notAnImage' | 'invalidOptions' | 'failed';

/** Read by `kind` and `name`, never instanceof: the class lives in more than one bundle. */
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

/** Quality used when none is given: the libraries' own defaults, which web tooling keeps. */
export const defaultQuality: Readonly<Record<OutputFormat, number>> = { png: 100, webp: 80, avif: 50, jpeg: 80 };

/** Formats whose file can carry provenance in itself; the others need the sidecar. */
export const embedsProvenance: Readonly<Record<OutputFormat, 'pngText' | 'xmp'>> = { png: 'pngText', webp: 'xmp', avif: 'xmp', jpeg: 'xmp' };
