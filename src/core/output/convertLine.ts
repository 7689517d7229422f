// The output line of Convert / Resize Image… (issue 24): the same words as every host's output
// (outputLine.ts), checked against the image it applies to. There is no provider here, so nothing
// can be made larger than the image (never upscale), and a background is only what the image has.
import type { PixelSize } from '../catalog/sizes';
import { parseOutputLine } from './outputLine';
import { normalFormatName } from './outputFormats';
import { sizeText, type ResolvedOutput } from './outputOptions';

export type ConvertLineResult = { readonly ok: true; readonly output: ResolvedOutput } | { readonly ok: false; readonly problems: readonly string[] };

export interface ConvertSource {
  /** The file's name, for the words ("hero.png is 1536×864 …"). */
  readonly name: string;
  readonly size: PixelSize;
  /** What the file is ('png', 'jpeg', 'webp', 'avif'). */
  readonly format: string;
}

/** The line the box starts with: the web format most pages want, or PNG for an image already in it. */
export function suggestedConvertLine(format: string): string {
  return format === 'webp' ? 'png' : 'webp q80';
}

/** Reads the line for `source`; `setsAvailable`: whether this caller can write asset sets (Convert can: writeAssetSet). */
export function readConvertLine(line: string, source: ConvertSource, setsAvailable: boolean): ConvertLineResult {
  const parsed = parseOutputLine(line);
  if (!parsed.ok) return parsed;
  const { output, options } = parsed;
  const problems: string[] = [];
  if (output.assetSet !== undefined && !setsAvailable) {
    problems.push(`The ${output.assetSet} set cannot be made from an existing image yet: ask for it when you generate the image, or write a format and a size here.`);
  }
  if (options.background === 'opaque') {
    problems.push('Convert keeps the background the image has: leave out "opaque".');
  }
  const target = output.size;
  if (target && (target.width > source.size.width || target.height > source.size.height)) {
    problems.push(`${source.name} is ${shown(source.size)}, so ${shown(target)} would be upscaled: choose a size no larger than ${shown(source.size)}.`);
  }
  if (!target && output.assetSet === undefined && options.quality === undefined && normalFormatName(source.format) === output.format && output.background !== 'transparent') {
    problems.push(`${source.name} already is ${output.format.toUpperCase()}: choose another format or a size.`);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, output };
}

/** The note the converted file's provenance keeps: what it was made from, and how. */
export function conversionNote(source: ConvertSource, output: ResolvedOutput, made: PixelSize, when: Date): string {
  const how = output.size ? ` (${output.fit ?? 'cover'})` : '';
  const quality = output.quality !== undefined ? ` q${output.quality}` : '';
  return `${when.toISOString()}: ${shown(made)} ${output.format}${quality}${how} from ${source.name} (${shown(source.size)})`;
}

/** Sizes as the user reads them: 1200×630 (outputOptions' one spelling). */
export const shown = sizeText;
