// The Imaging contract on sharp's WebAssembly build (libvips compiled to wasm): the entry point of
// dist/imaging.js, which loadImaging.ts requires on the first conversion. Chosen over the jSquash
// codecs with the numbers in bench/results.md (issue 24): one library for decode, resize and all
// four encoders, XMP embedding, and libvips' streaming pipeline (a 2048² decode → 1200×630 encode
// does not hold the whole decoded image twice).
import sharp from 'sharp';
import { addPngText } from '../core/png/pngText';
import { writeIco } from './ico';
import { defaultQuality, ImagingError, type ImageInfo, type Imaging, type RawImage, type RenderOptions, type ResizeStep } from './imaging';

/** Larger inputs are refused before decoding: 2× the largest size a model makes (4096²) each way. */
const maxInputPixels = 8192 * 8192;

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function rethrow(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  // libvips' words for input it cannot read; anything else is the library failing.
  if (/unsupported image format|corrupt header|Input buffer|bad seek|premature end|Input image exceeds pixel limit/i.test(message)) {
    throw new ImagingError('notAnImage', `Not an image the library can read: ${message}`, { cause: error });
  }
  if (error instanceof ImagingError) throw error;
  throw new ImagingError('failed', `The image conversion failed: ${message}`, { cause: error });
}

function positive(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new ImagingError('invalidOptions', `${what} must be a whole number of pixels above 0 (${value}).`);
}

function parseColour(colour: string): { r: number; g: number; b: number; alpha: number } {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  if (!match) throw new ImagingError('invalidOptions', `A pad colour is #rrggbb (${colour}).`);
  return { r: parseInt(match[1]!, 16), g: parseInt(match[2]!, 16), b: parseInt(match[3]!, 16), alpha: 1 };
}

function applyResize(image: sharp.Sharp, step: ResizeStep, format: RenderOptions['format'] | 'raw'): sharp.Sharp {
  positive(step.width, 'The width');
  positive(step.height, 'The height');
  if (step.crop) {
    positive(step.crop.width, 'The crop width');
    positive(step.crop.height, 'The crop height');
    image = image.extract({ left: step.crop.left, top: step.crop.top, width: step.crop.width, height: step.crop.height });
  }
  image = image.resize(step.width, step.height, { fit: 'fill', kernel: 'lanczos3' });
  const pad = step.pad;
  if (pad) {
    const right = pad.width - pad.left - step.width;
    const bottom = pad.height - pad.top - step.height;
    if (pad.left < 0 || pad.top < 0 || right < 0 || bottom < 0) throw new ImagingError('invalidOptions', `The ${step.width}×${step.height} image does not fit its ${pad.width}×${pad.height} canvas at ${pad.left},${pad.top}.`);
    if (pad.background === 'transparent' && format === 'jpeg') throw new ImagingError('invalidOptions', 'JPEG has no transparency: pad with a colour.');
    const background = pad.background === 'transparent' ? { r: 0, g: 0, b: 0, alpha: 0 } : parseColour(pad.background.colour);
    // A transparent pad needs an alpha channel even when the source has none.
    if (pad.background === 'transparent') image = image.ensureAlpha();
    image = image.extend({ left: pad.left, top: pad.top, right, bottom, background });
  }
  return image;
}

async function encode(image: sharp.Sharp, options: RenderOptions): Promise<Uint8Array> {
  const quality = options.quality ?? defaultQuality[options.format];
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new ImagingError('invalidOptions', `Quality is 1–100 (${quality}).`);
  const xmp = options.metadata?.xmp;
  if (xmp !== undefined && options.format !== 'png') image = image.withXmp(xmp);
  switch (options.format) {
    case 'png': {
      // Lossless: quality does not apply (a palette PNG would, but changes colours silently).
      const png = await image.png({ compressionLevel: 6, adaptiveFiltering: true }).toBuffer();
      const text = options.metadata?.pngText;
      return text && Object.keys(text).length > 0 ? addPngText(png, text) : png;
    }
    case 'webp':
      return image.webp({ quality, effort: 4 }).toBuffer();
    case 'avif':
      return image.avif({ quality, effort: 4 }).toBuffer();
    case 'jpeg': {
      // JPEG has no alpha: what was transparent becomes the pad colour, or white.
      const pad = options.resize?.pad;
      const background = pad && pad.background !== 'transparent' ? parseColour(pad.background.colour) : { r: 255, g: 255, b: 255, alpha: 1 };
      return image.flatten({ background }).jpeg({ quality, mozjpeg: false }).toBuffer();
    }
    default:
      throw new ImagingError('invalidOptions', `Unknown output format ${String((options as { format: unknown }).format)}.`);
  }
}

class SharpImaging implements Imaging {
  readonly version = `sharp ${sharp.versions.sharp ?? '?'} (libvips ${sharp.versions.vips}, WebAssembly)`;

  private open(bytes: Uint8Array): sharp.Sharp {
    return sharp(asBuffer(bytes), { limitInputPixels: maxInputPixels, sequentialRead: true, failOn: 'error' });
  }

  async inspect(bytes: Uint8Array): Promise<ImageInfo> {
    try {
      const meta = await this.open(bytes).metadata();
      if (!meta.width || !meta.height || !meta.format) throw new ImagingError('notAnImage', 'Not an image the library can read.');
      return { width: meta.width, height: meta.height, format: meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format, hasAlpha: meta.hasAlpha ?? false };
    } catch (error) {
      rethrow(error);
    }
  }

  async render(bytes: Uint8Array, options: RenderOptions): Promise<Uint8Array> {
    try {
      let image = this.open(bytes).rotate(); // EXIF orientation applied, so the size is what is seen.
      if (options.resize) image = applyResize(image, options.resize, options.format);
      return await encode(image, options);
    } catch (error) {
      rethrow(error);
    }
  }

  async raw(bytes: Uint8Array, resize?: ResizeStep): Promise<RawImage> {
    try {
      let image = this.open(bytes).rotate();
      if (resize) image = applyResize(image, resize, 'raw');
      const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height };
    } catch (error) {
      rethrow(error);
    }
  }

  async fromRaw(image: RawImage, options: RenderOptions): Promise<Uint8Array> {
    if (image.data.length !== image.width * image.height * 4) throw new ImagingError('invalidOptions', `RGBA pixels for ${image.width}×${image.height} are ${image.width * image.height * 4} bytes, not ${image.data.length}.`);
    try {
      let pipeline = sharp(asBuffer(image.data), { raw: { width: image.width, height: image.height, channels: 4 } });
      if (options.resize) pipeline = applyResize(pipeline, options.resize, options.format);
      return await encode(pipeline, options);
    } catch (error) {
      rethrow(error);
    }
  }

  writeIco = writeIco;
}

export async function createImaging(): Promise<Imaging> {
  // libvips' operation cache keeps decoded images for reuse; a conversion never repeats, so it
  // would only hold memory the bench's RSS target counts.
  sharp.cache(false);
  return new SharpImaging();
}
