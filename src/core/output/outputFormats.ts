// The formats ImageGen delivers and their default qualities, apart from the option schemas so the
// image library's bundle (dist/imaging.js) takes these without zod.
export const outputFormats = ['png', 'webp', 'avif', 'jpeg'] as const;
export type OutputFormat = (typeof outputFormats)[number];

/** The quality a lossy format is written at when none is given; undefined for PNG. */
export function defaultQuality(format: OutputFormat): number | undefined {
  switch (format) {
    case 'webp':
      return 80;
    case 'avif':
      return 60;
    case 'jpeg':
      return 85;
    case 'png':
      return undefined;
  }
}

/** The file extension a format is saved with (JPEG as `.jpg`, as the saved images are). */
export function fileExtensionOf(format: OutputFormat | 'ico'): string {
  return format === 'jpeg' ? 'jpg' : format;
}

/** A format as a file or a library names it, in these words: `jpg` is jpeg; libvips calls AVIF `heif` (its container). */
export function normalFormatName(format: string): string {
  const lower = format.toLowerCase();
  return lower === 'jpg' ? 'jpeg' : lower === 'heif' ? 'avif' : lower;
}

/** The options take a quality from 0 to 100 (resolveOutput); the encoders' lowest is 1, so 0 is written at 1, never refused after the image was paid for. */
export function encoderQuality(quality: number): number {
  return Math.max(1, quality);
}
