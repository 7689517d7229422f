// Which files an asset set is (issue 24): names, sizes, formats and fits, decided here from the
// resolved output and the generated image's size; the image library (src/imaging/) only applies
// them. Names are fixed and predictable ("favicon.ico", "og-image.png", "image-640.webp"), because
// the set has its own folder (setFolderName) and pages link to these names.
import type { PixelSize } from '../catalog/sizes';
import { asciiSlugFromPrompt, safeFileNamePart } from '../assets/fileName';
import { upscaledAcross } from './fitGeometry';
import { fileExtensionOf as extensionOf } from './outputFormats';
import { defaultQuality, faviconLargestSize, ogCardSize, type AssetSetKind, type Fit, type ResolvedOutput } from './outputOptions';

export type AssetFileFormat = 'png' | 'webp' | 'avif' | 'jpeg' | 'ico';

export interface AssetFile {
  readonly fileName: string;
  readonly width: number;
  readonly height: number;
  readonly format: AssetFileFormat;
  readonly fit: Fit;
  /** For lossy formats; absent for PNG and ICO (lossless). */
  readonly quality?: number;
  /** ICO only: the square PNG entries it holds, ascending; `width`×`height` is the largest. */
  readonly icoSizes?: readonly number[];
}

export interface AssetSetPlan {
  readonly kind: AssetSetKind;
  readonly files: readonly AssetFile[];
  /** Whole sentences about what was dropped or upscaled, for the user; empty when nothing was. */
  readonly notes: readonly string[];
}

/** The favicon set's file names: pages and `setMarkup` refer to them. */
export const faviconFileNames = { ico: 'favicon.ico', appleTouch: 'apple-touch-icon.png', icon192: 'icon-192.png', icon512: 'icon-512.png' } as const;
/** The entries of favicon.ico: what browsers pick from for tabs, bookmarks and the taskbar. */
export const icoSizes: readonly number[] = [16, 32, 48];
export const appleTouchIconSize = 180;
/** The base of a responsive set's names: `image-640.webp`; the folder already says what it shows. */
export const defaultResponsiveBaseName = 'image';

const maxFolderChars = 40;
const fallbackFolderName = 'image-set';

/**
 * The folder an asset set goes into, from the prompt: lower-case ASCII letters, digits and `-`
 * (it ends up in URLs), at most 40 characters, never empty (a CJK or emoji-only prompt gives
 * `image-set`), never a Windows device name (`con` → `_con`), never ending in a dot or space.
 * The caller makes it unique in its parent folder.
 */
export function setFolderName(prompt: string): string {
  return safeFileNamePart(asciiSlugFromPrompt(prompt, maxFolderChars) || fallbackFolderName, fallbackFolderName);
}

/** The files to write for the output's asset set; undefined when the output has none. */
export function planAssetSet(output: ResolvedOutput, source: PixelSize, baseName = defaultResponsiveBaseName): AssetSetPlan | undefined {
  switch (output.assetSet) {
    case undefined:
      return undefined;
    case 'favicon':
      return faviconPlan(source);
    case 'og-card':
      return ogCardPlan(output, source);
    case 'responsive':
      return responsivePlan(output, source, baseName);
  }
}

function faviconPlan(source: PixelSize): AssetSetPlan {
  const square = (fileName: string, size: number): AssetFile => ({ fileName, width: size, height: size, format: 'png', fit: 'cover' });
  const largestEntry = Math.max(...icoSizes);
  const files: AssetFile[] = [
    { fileName: faviconFileNames.ico, width: largestEntry, height: largestEntry, format: 'ico', fit: 'cover', icoSizes },
    square(faviconFileNames.appleTouch, appleTouchIconSize),
    square(faviconFileNames.icon192, 192),
    square(faviconFileNames.icon512, faviconLargestSize),
  ];
  return { kind: 'favicon', files, notes: upscaleNotes(files, source) };
}

function ogCardPlan(output: ResolvedOutput, source: PixelSize): AssetSetPlan {
  const size = output.size ?? ogCardSize;
  const file: AssetFile = {
    fileName: `og-image.${extensionOf(output.format)}`,
    width: size.width,
    height: size.height,
    format: output.format,
    fit: output.fit ?? 'cover',
    ...(output.quality !== undefined ? { quality: output.quality } : {}),
  };
  return { kind: 'og-card', files: [file], notes: upscaleNotes([file], source) };
}

function responsivePlan(output: ResolvedOutput, source: PixelSize, baseName: string): AssetSetPlan {
  const asked = output.widths ?? [];
  const notes: string[] = [];
  const tooWide = asked.filter((width) => width > source.width);
  let widths = asked.filter((width) => width <= source.width);
  if (tooWide.length > 0) {
    const list = tooWide.join(', ');
    const plural = tooWide.length > 1;
    notes.push(
      `The generated image is ${source.width} pixels wide, so the set has no ${list} pixel file${plural ? 's' : ''}: ImageGen never upscales. Ask for a larger size to get ${plural ? 'them' : 'it'}.`,
    );
  }
  if (widths.length === 0) {
    widths = [source.width];
    notes.push(`The set has one width instead, the image's own ${source.width} pixels.`);
  }
  const heightAt = (width: number) => Math.max(1, Math.round((width * source.height) / source.width));
  const sized = (width: number, format: 'webp' | 'avif' | 'png' | 'jpeg', quality: number | undefined): AssetFile => ({
    fileName: `${baseName}-${width}.${extensionOf(format)}`,
    width,
    height: heightAt(width),
    format,
    // Cover: the rounded height differs from the exact ratio by under a pixel, so at most a row is cut and nothing is stretched.
    fit: 'cover',
    ...(quality !== undefined ? { quality } : {}),
  });
  const files: AssetFile[] = [];
  if (output.avif) files.push(...widths.map((width) => sized(width, 'avif', defaultQuality('avif'))));
  files.push(...widths.map((width) => sized(width, 'webp', defaultQuality('webp'))));
  // resolveOutput allows only png or jpeg as a responsive set's format: the fallback for browsers without WebP.
  const fallback = output.format === 'jpeg' ? 'jpeg' : 'png';
  files.push(sized(widths[widths.length - 1]!, fallback, output.quality));
  return { kind: 'responsive', files, notes };
}

/** A note for each fixed-size file the source cannot fill without scaling up (a small image being converted). */
function upscaleNotes(files: readonly AssetFile[], source: PixelSize): string[] {
  return files.flatMap((file) => {
    const across = upscaledAcross(source, file, file.fit);
    return across === undefined ? [] : [upscaleNote(file.fileName, file, across)];
  });
}

/** What is said when a file is made larger than the pixels it comes from: never scaled up silently. */
export function upscaleNote(fileName: string, target: PixelSize, across: number): string {
  return `${fileName} is ${target.width}×${target.height} but the image gives only ${across} pixels across for it, so it is scaled up and may look soft: start from a larger image for a sharp one.`;
}
