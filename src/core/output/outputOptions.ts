// What the user wants delivered, as opposed to what the model makes: a format, an exact size and
// how to reach it, a background and optionally a set of assets. Every host (wizard, studio,
// presets, agent tool, MCP, CLI) resolves its options here, so the rules and the words are the same.
import * as z from 'zod/mini';
import { backgrounds, type Background } from '../catalog/modelSpec';
import { parseSize, type PixelSize } from '../catalog/sizes';
import { defaultQuality, outputFormats, type OutputFormat } from './outputFormats';

export { defaultQuality, outputFormats, type OutputFormat };
export const fits = ['cover', 'contain', 'fill'] as const;
export type Fit = (typeof fits)[number];
export { backgrounds, type Background };
export const assetSetKinds = ['favicon', 'og-card', 'responsive'] as const;
export type AssetSetKind = (typeof assetSetKinds)[number];

/** What a host was given; anything may be missing. */
export interface OutputOptions {
  readonly format?: OutputFormat;
  readonly quality?: number;
  readonly size?: PixelSize;
  readonly fit?: Fit;
  readonly background?: Background;
  readonly assetSet?: AssetSetKind;
  /** Responsive widths; only with `assetSet: 'responsive'`. */
  readonly widths?: readonly number[];
  /** Also write AVIF files in a responsive set. */
  readonly avif?: boolean;
}

/** The options with every default filled in and every rule checked. */
export interface ResolvedOutput {
  readonly format: OutputFormat;
  /** Absent for PNG (lossless). */
  readonly quality?: number;
  readonly size?: PixelSize;
  /** Present exactly when `size` is. */
  readonly fit?: Fit;
  readonly background: Background;
  readonly assetSet?: AssetSetKind;
  /** Ascending, without duplicates; present exactly for a responsive set. */
  readonly widths?: readonly number[];
  readonly avif: boolean;
}

export type OutputResolution = { readonly ok: true; readonly output: ResolvedOutput } | { readonly ok: false; readonly problems: readonly string[] };

const pixelSizeSchema = z.object({ width: z.number().check(z.int()), height: z.number().check(z.int()) });

/** The boundary shape (presets' `output` block, the studio's messages): types only; resolveOutput checks the rules with its own words. */
export const outputOptionsSchema = z.object({
  format: z.optional(z.enum(outputFormats)),
  quality: z.optional(z.number()),
  size: z.optional(pixelSizeSchema),
  fit: z.optional(z.enum(fits)),
  background: z.optional(z.enum(backgrounds)),
  assetSet: z.optional(z.enum(assetSetKinds)),
  widths: z.optional(z.readonly(z.array(z.number()))),
  avif: z.optional(z.boolean()),
});

export const minEdge = 16;
export const maxEdge = 8192;
export const defaultWidths: readonly number[] = [640, 1280, 1920];
/** Each width is a file (two with AVIF) written after the image arrives: a bound for every host. */
export const maxWidths = 16;
/** The favicon set's largest file (icon-512.png): what its generation must reach. */
export const faviconLargestSize = 512;
/** The Open Graph card size every major site renders without cropping. */
export const ogCardSize: PixelSize = { width: 1200, height: 630 };

/** `1200x630` or `1200×630`; undefined when it is not two positive integers. */
export function parseOutputSize(text: string): PixelSize | undefined {
  return parseSize(text);
}

const inRange = (value: number) => Number.isInteger(value) && value >= minEdge && value <= maxEdge;
/** A size as messages and the output line show it: `1200×630`. */
export const sizeText = (size: PixelSize): string => `${size.width}×${size.height}`;

function setProblems(options: OutputOptions, problems: string[]): void {
  const { assetSet, size, format } = options;
  if (assetSet === 'favicon') {
    if (size) problems.push('The favicon set has its own sizes (16 to 512 pixels): leave out the size.');
    if (format && format !== 'png') problems.push('The favicon set is always ICO and PNG: leave out the format.');
  } else if (assetSet === 'og-card') {
    if (size && (size.width !== ogCardSize.width || size.height !== ogCardSize.height)) {
      problems.push(`An OG card is ${sizeText(ogCardSize)}: leave out the size, or drop the og-card set for a ${sizeText(size)} image.`);
    }
    // Link previews (Facebook, LinkedIn, Slack, X) read PNG, JPEG and WebP; an AVIF card shows no picture.
    if (format === 'avif') problems.push('Link previews do not show AVIF: an OG card is png, jpeg or webp.');
  } else if (assetSet === 'responsive') {
    if (size) problems.push('A responsive set is sized by its widths: give widths instead of a size.');
    if (format === 'webp' || format === 'avif') problems.push('A responsive set is always WebP; its format is the fallback: png or jpeg (add avif: true for AVIF files).');
  }
  // A fit is how an exact size is reached; without one it would be dropped without a word.
  if (options.fit !== undefined && !size && assetSet !== 'og-card') {
    problems.push(assetSet ? `The ${assetSet} set sizes its files itself: leave out the fit.` : 'A fit says how an exact size is reached: give the size too (for example 1200x630), or leave the fit out.');
  }
  if (options.widths !== undefined && assetSet !== 'responsive') {
    problems.push('Widths are for the responsive set: choose the responsive set or leave the widths out.');
  }
  if (options.avif && assetSet !== 'responsive') {
    problems.push('avif adds AVIF files to a responsive set; for one AVIF image choose the format avif.');
  }
}

/** Checks the options and fills in the defaults; the problems are whole sentences, the same in every host. */
export function resolveOutput(options: OutputOptions): OutputResolution {
  const problems: string[] = [];
  const format: OutputFormat = options.format ?? 'png';
  let quality: number | undefined = defaultQuality(format);
  if (options.quality !== undefined) {
    if (format === 'png') {
      problems.push('PNG is lossless, so it takes no quality: leave the quality out, or choose webp, avif or jpeg.');
    } else if (!Number.isInteger(options.quality) || options.quality < 0 || options.quality > 100) {
      problems.push(`Quality ${options.quality} is not a whole number from 0 to 100.`);
    } else {
      quality = options.quality;
    }
  }
  const background = options.background ?? 'auto';
  if (background === 'transparent' && format === 'jpeg') {
    problems.push('JPEG has no transparency: use png or webp.');
  }
  if (options.size && !(inRange(options.size.width) && inRange(options.size.height))) {
    problems.push(`${sizeText(options.size)} is outside what ImageGen delivers: both sides from ${minEdge} to ${maxEdge} pixels.`);
  }
  setProblems(options, problems);
  let widths: number[] | undefined;
  if (options.assetSet === 'responsive') {
    const given = options.widths ?? defaultWidths;
    const bad = given.filter((width) => !inRange(width));
    if (new Set(given).size > maxWidths) {
      problems.push(`A responsive set takes at most ${maxWidths} widths (each is a file); ${new Set(given).size} were given.`);
    } else if (given.length === 0) {
      problems.push(`A responsive set needs at least one width, for example ${defaultWidths.join(', ')}.`);
    } else if (bad.length > 0) {
      problems.push(`Width${bad.length > 1 ? 's' : ''} ${bad.join(', ')} ${bad.length > 1 ? 'are' : 'is'} out of range: each width from ${minEdge} to ${maxEdge} pixels.`);
    }
    widths = [...new Set(given)].sort((a, b) => a - b);
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const size = options.size ?? (options.assetSet === 'og-card' ? ogCardSize : undefined);
  return {
    ok: true,
    output: {
      format,
      ...(quality !== undefined ? { quality } : {}),
      ...(size ? { size: { width: size.width, height: size.height }, fit: options.fit ?? 'cover' } : {}),
      background,
      ...(options.assetSet ? { assetSet: options.assetSet } : {}),
      ...(widths ? { widths } : {}),
      avif: options.avif === true,
    },
  };
}
