// The Imaging contract on sharp's WebAssembly build (libvips compiled to wasm): the entry point of
// dist/imaging.js, which loadImaging.ts requires on the first conversion. Chosen over the jSquash
// codecs (issue 24, numbers in bench/results.md): one library for decode, resize and all four
// encoders, XMP embedding, and libvips' demand-driven pipeline, so a 2048² decode → 1200×630 encode
// does not hold the decoded image twice.
import sharp, { type Metadata, type Sharp, type SharpConstructor } from 'sharp';
import { addPngText } from '../core/png/pngText';
import { writeIco } from './ico';
import { isImagingChild, serveImaging } from './imagingServer';
import { defaultQuality } from '../core/output/outputFormats';
import { ImagingError, type ImageInfo, type Imaging, type RawImage, type RenderOptions } from './imaging';

/** Larger inputs are refused before decoding: 2× the largest size a model makes (4096²) each way. */
const maxInputPixels = 8192 * 8192;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rethrow(error: unknown): never {
  if (error instanceof ImagingError) throw error;
  const message = error instanceof Error ? error.message : String(error);
  // libvips' words for input it cannot read (not an image, or a damaged one); anything else is the
  // library failing.
  if (/unsupported image format|corrupt|truncated|read error|Input buffer|bad seek|premature end|exceeds pixel limit|not a known file format/i.test(message)) {
    throw new ImagingError('notAnImage', `Not an image the library can read: ${message}`, { cause: error });
  }
  throw new ImagingError('failed', `The image conversion failed: ${message}`, { cause: error });
}

function pixels(value: number, what: string, minimum = 1): void {
  if (!Number.isInteger(value) || value < minimum) throw new ImagingError('invalidOptions', `${what} must be a whole number of pixels, at least ${minimum} (${value}).`);
}

function parseColour(colour: string): { r: number; g: number; b: number; alpha: number } {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) throw new ImagingError('invalidOptions', `A pad colour is #rrggbb (${colour}).`);
  return { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16), alpha: 1 };
}

/** The crop → resize → pad steps; `size` is the image's size before them (for the pad's check). */
function geometry(image: Sharp, options: RenderOptions, size: { width: number; height: number }): Sharp {
  let { width, height } = size;
  const { crop, resize, pad } = options;
  if (crop) {
    pixels(crop.left, 'The crop left', 0);
    pixels(crop.top, 'The crop top', 0);
    pixels(crop.width, 'The crop width');
    pixels(crop.height, 'The crop height');
    if (crop.left + crop.width > width || crop.top + crop.height > height) throw new ImagingError('invalidOptions', `The crop ${crop.width}×${crop.height} at ${crop.left},${crop.top} is outside the ${width}×${height} image.`);
    image = image.extract({ left: crop.left, top: crop.top, width: crop.width, height: crop.height });
    ({ width, height } = crop);
  }
  if (resize) {
    pixels(resize.width, 'The width');
    pixels(resize.height, 'The height');
    // fit: fill scales to exactly this size: the size maths already kept (or chose) the aspect.
    image = image.resize(resize.width, resize.height, { fit: 'fill', kernel: 'lanczos3' });
    ({ width, height } = resize);
  }
  if (pad) {
    const right = pad.width - pad.left - width;
    const bottom = pad.height - pad.top - height;
    if (pad.left < 0 || pad.top < 0 || right < 0 || bottom < 0 || !Number.isInteger(right + bottom + pad.left + pad.top)) {
      throw new ImagingError('invalidOptions', `The ${width}×${height} image does not fit its ${pad.width}×${pad.height} canvas at ${pad.left},${pad.top}.`);
    }
    if (pad.colour === undefined && options.format === 'jpeg') throw new ImagingError('invalidOptions', 'JPEG has no transparency: pad with a colour.');
    const background = pad.colour === undefined ? { r: 0, g: 0, b: 0, alpha: 0 } : parseColour(pad.colour);
    // A transparent pad needs an alpha channel even when the source has none.
    if (pad.colour === undefined) image = image.ensureAlpha();
    image = image.extend({ left: pad.left, top: pad.top, right, bottom, background });
  }
  return image;
}

async function encode(image: Sharp, options: RenderOptions): Promise<Uint8Array> {
  if (options.format === 'png') {
    // Lossless: quality does not apply (a palette PNG would, but would change colours silently).
    const png = await image.png({ compressionLevel: 6, adaptiveFiltering: true }).toBuffer();
    return options.pngText && Object.keys(options.pngText).length > 0 ? addPngText(png, options.pngText) : png;
  }
  const quality = options.quality ?? defaultQuality(options.format)!;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new ImagingError('invalidOptions', `Quality is 1–100 (${quality}).`);
  if (options.xmp !== undefined) image = image.withXmp(options.xmp);
  switch (options.format) {
    case 'webp':
      return image.webp({ quality, effort: 4 }).toBuffer();
    case 'avif':
      // Effort 3 (aom speed 6), not sharp's 4: on the same 1200×630 pixels the WebAssembly build
      // took 5.6–5.9 s at 4 and 0.8–1.0 s at 3, for a file 6 % larger (10.3 → 11.0 KB); native
      // sharp took 0.97 s at 4. Issue 24, measured 2026-12-03.
      return image.avif({ quality, effort: 3 }).toBuffer();
    case 'jpeg': {
      // JPEG has no alpha: what was transparent becomes the pad colour, or white.
      const background = options.pad?.colour !== undefined ? parseColour(options.pad.colour) : { r: 255, g: 255, b: 255, alpha: 1 };
      return image.flatten({ background }).jpeg({ quality }).toBuffer();
    }
    default:
      throw new ImagingError('invalidOptions', `Unknown output format ${String((options as { format: unknown }).format)}.`);
  }
}

/** The size as seen (EXIF orientations 5–8 swap width and height). */
async function orientedSize(image: Sharp): Promise<{ width: number; height: number; meta: Metadata }> {
  const meta = await image.metadata();
  if (!meta.width || !meta.height || !meta.format) throw new ImagingError('notAnImage', 'Not an image the library can read.');
  const swap = (meta.orientation ?? 1) >= 5;
  return { width: swap ? meta.height : meta.width, height: swap ? meta.width : meta.height, meta };
}

class SharpImaging implements Imaging {
  readonly version: string;

  constructor(
    private readonly lib: SharpConstructor,
    build: string,
  ) {
    this.version = `sharp ${lib.versions.sharp ?? '?'} (libvips ${lib.versions.vips}, ${build})`;
  }

  private open(bytes: Uint8Array): Sharp {
    return this.lib(asBuffer(bytes), { limitInputPixels: maxInputPixels, failOn: 'error' });
  }

  async inspect(bytes: Uint8Array): Promise<ImageInfo> {
    try {
      const { width, height, meta } = await orientedSize(this.open(bytes));
      // libvips reads AVIF through libheif and calls it heif; the caller asked about AVIF.
      const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format!;
      return { width, height, format, hasAlpha: meta.hasAlpha ?? false };
    } catch (error) {
      rethrow(error);
    }
  }

  async render(bytes: Uint8Array, options: RenderOptions): Promise<Uint8Array> {
    try {
      const size = await orientedSize(this.open(bytes));
      // EXIF orientation applied first, so the rectangles are in the image as it is seen.
      return await encode(geometry(this.open(bytes).rotate(), options, size), options);
    } catch (error) {
      rethrow(error);
    }
  }

  async toRaw(bytes: Uint8Array): Promise<RawImage> {
    try {
      const { data, info } = await this.open(bytes).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
    } catch (error) {
      rethrow(error);
    }
  }

  async fromRaw(image: RawImage, options: RenderOptions): Promise<Uint8Array> {
    if (image.data.length !== image.width * image.height * 4) throw new ImagingError('invalidOptions', `RGBA pixels for ${image.width}×${image.height} are ${image.width * image.height * 4} bytes, not ${image.data.length}.`);
    try {
      const pipeline = this.lib(asBuffer(image.data), { raw: { width: image.width, height: image.height, channels: 4 } });
      return await encode(geometry(pipeline, options, image), options);
    } catch (error) {
      rethrow(error);
    }
  }

  writeIco(pngs: Parameters<typeof writeIco>[0]): Uint8Array {
    return writeIco(pngs);
  }
}

/** The adapter on a given sharp (the bench runs the same code on native sharp as its baseline). */
export function imagingWith(lib: SharpConstructor, build: string): Imaging {
  // libvips' operation cache keeps decoded images for reuse; a conversion never repeats, so the
  // cache would only hold memory.
  lib.cache(false);
  return new SharpImaging(lib, build);
}

/** dist/imaging.js's entry: the bundled sharp, which esbuild.mjs ties to the WebAssembly build. */
export async function createImaging(): Promise<Imaging> {
  return imagingWith(sharp, 'WebAssembly');
}

// Forked by processImaging.ts as the imaging child: serve the calls from here.
if (isImagingChild()) serveImaging(createImaging);
