// The output as one line of words ("1200×630 webp q80, cropped"): the wizard shows it as one
// editable line of its confirmation and presets write it the same way, so what describeOutput
// writes parseOutputLine reads back to the same output.
import { parseSize } from '../catalog/sizes';
import { assetSetKinds, backgrounds, fits, outputFormats, resolveOutput, sizeText, type AssetSetKind, type Background, type Fit, type OutputFormat, type OutputOptions, type ResolvedOutput } from './outputOptions';

/** How each fit reaches the size, in the words the line and the confirmation use. */
export const fitWords: Readonly<Record<Fit, string>> = { cover: 'cropped', contain: 'padded', fill: 'stretched' };
const fitSynonyms: Readonly<Record<string, Fit>> = { cover: 'cover', cropped: 'cover', crop: 'cover', contain: 'contain', padded: 'contain', pad: 'contain', fill: 'fill', stretched: 'fill', stretch: 'fill' };
/** Words the line may carry for readability ("favicon set", "png fallback", "transparent background"). */
const fillerWords = new Set(['set', 'fallback', 'background']);

/** One line for the output: size, format and quality, then how the size is reached and the background. */
export function describeOutput(output: ResolvedOutput): string {
  const head: string[] = [];
  if (output.assetSet === 'favicon') head.push('favicon set');
  if (output.assetSet === 'og-card') head.push('og-card');
  if (output.assetSet === 'responsive') {
    head.push(`responsive ${(output.widths ?? []).join(',')}${output.avif ? ' +avif' : ''},`);
  }
  if (output.size) head.push(sizeText(output.size));
  if (output.assetSet !== 'favicon') {
    head.push(output.format + (output.assetSet === 'responsive' ? ' fallback' : ''));
  }
  if (output.quality !== undefined) head.push(`q${output.quality}`);
  const parts = [head.join(' ')];
  if (output.fit) parts.push(fitWords[output.fit]);
  if (output.background !== 'auto') parts.push(output.background);
  return parts.join(', ');
}

export type OutputLineResult =
  | { readonly ok: true; readonly options: OutputOptions; readonly output: ResolvedOutput }
  | { readonly ok: false; readonly problems: readonly string[] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const example = '"1600x900 webp q80 cover"';

/** Reads a line the user edited (or describeOutput wrote); an empty line is the default output. */
export function parseOutputLine(line: string): OutputLineResult {
  const options: Mutable<OutputOptions> = {};
  const problems: string[] = [];
  const seen = new Map<keyof OutputOptions, string>();
  const set = <K extends keyof OutputOptions>(key: K, value: OutputOptions[K], word: string) => {
    const earlier = seen.get(key);
    if (earlier !== undefined && JSON.stringify(options[key]) !== JSON.stringify(value)) {
      problems.push(`"${word}" contradicts "${earlier}": keep one of them.`);
      return;
    }
    seen.set(key, word);
    options[key] = value;
  };
  const words = line
    .split(/\s+/)
    .map((word) => word.replace(/^,+|,+$/g, ''))
    .filter((word) => word.length > 0);
  for (const original of words) {
    const word = original.toLowerCase();
    const size = parseSize(word);
    const quality = /^q(\d{1,3})$/.exec(word);
    if (size) {
      set('size', size, original);
    } else if ((outputFormats as readonly string[]).includes(word)) {
      set('format', word as OutputFormat, original);
    } else if (word === 'jpg') {
      set('format', 'jpeg', original);
    } else if (quality) {
      set('quality', Number(quality[1]), original);
    } else if (fitSynonyms[word]) {
      set('fit', fitSynonyms[word], original);
    } else if ((backgrounds as readonly string[]).includes(word)) {
      set('background', word as Background, original);
    } else if ((assetSetKinds as readonly string[]).includes(word) || word === 'og') {
      set('assetSet', (word === 'og' ? 'og-card' : word) as AssetSetKind, original);
    } else if (/^\d+w?(,\d+w?)*$/.test(word)) {
      set('widths', word.split(',').map((width) => parseInt(width, 10)), original);
    } else if (word === '+avif') {
      set('avif', true, original);
    } else if (!fillerWords.has(word)) {
      problems.push(`"${original}" is not an output word: write a size, a format (${outputFormats.join(', ')}), a quality like q80, a fit (${fits.join(', ')}) or a background (${backgrounds.join(', ')}), for example ${example}.`);
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const resolution = resolveOutput(options);
  return resolution.ok ? { ok: true, options, output: resolution.output } : resolution;
}
