// The output options as a host receives them (a tool call's JSON, MCP arguments, command-line
// flags: strings, numbers, "1200x630", "640,1280"), turned into OutputOptions with sentences that
// name the parameter as the caller typed it. The allowed values are outputOptions' lists, and
// resolveOutput's rules are the last check, so every host refuses the same things with the same words.
import { assetSetKinds, backgrounds, fits, outputFormats, parseOutputSize, resolveOutput, type OutputOptions } from './outputOptions';

/** One value as a host may hand it over; anything else is refused with the parameter's name. */
export type LooseValue = string | number | boolean | readonly (string | number)[] | undefined;

export interface OutputParams {
  readonly format?: LooseValue;
  readonly quality?: LooseValue;
  readonly size?: LooseValue;
  readonly fit?: LooseValue;
  readonly background?: LooseValue;
  readonly assetSet?: LooseValue;
  readonly widths?: LooseValue;
  readonly avif?: LooseValue;
}

export type OutputParamName = keyof OutputParams;
/** The host's own name for each parameter (`outputFormat`, `output_format`, `--output-format`). */
export type OutputParamNames = Readonly<Partial<Record<OutputParamName, string>>>;

/** Names for a caller that has none of its own. */
export const plainOutputParamNames: Readonly<Record<OutputParamName, string>> = {
  format: 'Output format',
  quality: 'Output quality',
  size: 'Output size',
  fit: 'Fit',
  background: 'Background',
  assetSet: 'Asset set',
  widths: 'Widths',
  avif: 'avif',
};

export type OutputParamsResult =
  | { readonly ok: true; readonly output: OutputOptions | undefined }
  | { readonly ok: false; readonly problems: readonly string[] };

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const shown = (value: LooseValue) => JSON.stringify(Array.isArray(value) ? value.join(',') : String(value)).slice(0, 60);

/** Widths as a list (`[640, 1280]`) or one string (`"640,1280"`, `"640 1280"`); undefined when any is no whole number. */
function parseWidths(value: LooseValue): number[] | undefined {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\s,]+/).filter((item) => item !== '') : typeof value === 'number' ? [value] : undefined;
  if (items === undefined) return undefined;
  const widths = items.map((item) => (typeof item === 'number' ? item : /^\d{1,6}$/.test(item.trim()) ? Number(item.trim()) : Number.NaN));
  return widths.every((width) => Number.isInteger(width) && width > 0) ? widths : undefined;
}

/** A name from the list, matched without regard to case; `jpg` is the common name of jpeg. */
function oneOf<T extends string>(list: readonly T[], value: LooseValue): T | undefined {
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  const found = list.find((item) => item === word);
  return found ?? (word === 'jpg' && (list as readonly string[]).includes('jpeg') ? ('jpeg' as T) : undefined);
}

/**
 * Reads what a host was given. Nothing given: `output` is undefined, and the provider's image is
 * saved as it is. Otherwise every problem at once: the values that cannot be read, then the rules
 * of resolveOutput for the ones that can.
 */
export function parseOutputParams(params: OutputParams, names: OutputParamNames = {}): OutputParamsResult {
  const name = (key: OutputParamName) => names[key] ?? plainOutputParamNames[key];
  const given = (Object.keys(params) as OutputParamName[]).filter((key) => params[key] !== undefined);
  if (given.length === 0) return { ok: true, output: undefined };

  const options: Mutable<OutputOptions> = {};
  const problems: string[] = [];
  const unreadable = new Set<OutputParamName>();
  const refuse = (key: OutputParamName, sentence: string) => {
    unreadable.add(key);
    problems.push(sentence);
  };
  const pick = <T extends string>(key: 'format' | 'fit' | 'background' | 'assetSet', list: readonly T[]): T | undefined => {
    const value = params[key];
    if (value === undefined) return undefined;
    const found = oneOf(list, value);
    if (found === undefined) refuse(key, `${name(key)} ${shown(value)} is not one of ${list.join(', ')}.`);
    return found;
  };

  const format = pick('format', outputFormats);
  if (format) options.format = format;
  const fit = pick('fit', fits);
  if (fit) options.fit = fit;
  const background = pick('background', backgrounds);
  if (background) options.background = background;
  const assetSet = pick('assetSet', assetSetKinds);
  if (assetSet) options.assetSet = assetSet;

  if (params.quality !== undefined) {
    const quality = typeof params.quality === 'number' ? params.quality : typeof params.quality === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(params.quality) ? Number(params.quality) : undefined;
    // Its range is resolveOutput's rule, said once for every host.
    if (quality === undefined) refuse('quality', `${name('quality')} ${shown(params.quality)} is not a number: give a whole number from 0 to 100.`);
    else options.quality = quality;
  }
  if (params.size !== undefined) {
    const size = typeof params.size === 'string' ? parseOutputSize(params.size.trim()) : undefined;
    if (size === undefined) refuse('size', `${name('size')} ${shown(params.size)} is not WIDTHxHEIGHT, for example 1200x630.`);
    else options.size = size;
  }
  if (params.widths !== undefined) {
    const widths = parseWidths(params.widths);
    if (widths === undefined) refuse('widths', `${name('widths')} ${shown(params.widths)} is not a list of whole numbers, for example 640,1280,1920.`);
    else options.widths = widths;
  }
  if (params.avif !== undefined) {
    const avif = typeof params.avif === 'boolean' ? params.avif : oneOf(['true', 'false'], params.avif);
    if (avif === undefined) refuse('avif', `${name('avif')} ${shown(params.avif)} is not true or false.`);
    else options.avif = avif === true || avif === 'true';
  }

  // A value that could not be read is left out of the rules, and so are the ones judged by it: a
  // quality cannot be judged without its format, nor widths and avif without their set.
  if (unreadable.has('format')) delete options.quality;
  if (unreadable.has('assetSet')) {
    delete options.widths;
    delete options.avif;
  }
  const resolution = resolveOutput(options);
  if (!resolution.ok) problems.push(...resolution.problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, output: options };
}
