// The output as a form holds it (the studio's Output section): a choice per option and the typed
// texts as typed, so a half-written size survives a reload. Turned into output options here, with
// what cannot be read named by field; the rules themselves stay in resolveOutput.
import * as z from 'zod/mini';
import { parseSize } from '../catalog/sizes';
import { assetSetKinds, backgrounds, fits, outputFormats, type OutputOptions } from './outputOptions';

export interface OutputFields {
  readonly format: (typeof outputFormats)[number];
  /** As typed; empty: the format's default quality. */
  readonly quality: string;
  /** `WxH` as typed; empty: the size the model makes. */
  readonly size: string;
  readonly fit: (typeof fits)[number];
  readonly background: (typeof backgrounds)[number];
  /** Empty: one image, no set. */
  readonly assetSet: (typeof assetSetKinds)[number] | '';
  /** Comma- or space-separated, as typed; empty: the default widths. */
  readonly widths: string;
  readonly avif: boolean;
}

/** Also what the page saves across reloads; read leniently (a bad saved form is a fresh one). */
export const outputFieldsSchema = z.object({
  format: z.enum(outputFormats),
  quality: z.string().check(z.maxLength(20)),
  size: z.string().check(z.maxLength(40)),
  fit: z.enum(fits),
  background: z.enum(backgrounds),
  assetSet: z.union([z.enum(assetSetKinds), z.literal('')]),
  widths: z.string().check(z.maxLength(200)),
  avif: z.boolean(),
});

/** The form untouched: the image as generated. */
export const defaultOutputFields: OutputFields = { format: 'png', quality: '', size: '', fit: 'cover', background: 'auto', assetSet: '', widths: '', avif: false };

/** A text the form could not read: which field, and the text (the page says it in its own words). */
export interface UnreadableField {
  readonly field: 'size' | 'quality' | 'widths';
  readonly text: string;
}

export type FieldsRead = { readonly ok: true; readonly options: OutputOptions | undefined } | { readonly ok: false; readonly unreadable: readonly UnreadableField[] };

/** The fields as output options; undefined when every field is at its default (nothing to convert). */
export function outputOptionsOf(fields: OutputFields): FieldsRead {
  const unreadable: UnreadableField[] = [];
  const sizeText = fields.size.trim();
  const size = sizeText === '' ? undefined : parseSize(sizeText);
  if (sizeText !== '' && !size) unreadable.push({ field: 'size', text: sizeText });
  const qualityText = fields.quality.trim();
  const quality = qualityText === '' || fields.format === 'png' ? undefined : /^\d{1,3}$/.test(qualityText) ? Number(qualityText) : undefined;
  if (qualityText !== '' && fields.format !== 'png' && quality === undefined) unreadable.push({ field: 'quality', text: qualityText });
  const responsive = fields.assetSet === 'responsive';
  const widthWords = responsive ? fields.widths.split(/[\s,]+/).filter((word) => word.length > 0) : [];
  if (widthWords.some((word) => !/^\d{1,5}$/.test(word))) unreadable.push({ field: 'widths', text: fields.widths.trim() });
  if (unreadable.length > 0) return { ok: false, unreadable };
  const options: OutputOptions = {
    ...(fields.format !== 'png' ? { format: fields.format } : {}),
    ...(quality !== undefined ? { quality } : {}),
    ...(size ? { size, fit: fields.fit } : {}),
    ...(fields.background !== 'auto' ? { background: fields.background } : {}),
    ...(fields.assetSet !== '' ? { assetSet: fields.assetSet } : {}),
    ...(widthWords.length > 0 ? { widths: widthWords.map(Number) } : {}),
    ...(responsive && fields.avif ? { avif: true } : {}),
  };
  return { ok: true, options: Object.keys(options).length > 0 ? options : undefined };
}

/** The fields that show these options (a preset's output, applied to the form). */
export function outputFieldsOf(options: OutputOptions | undefined): OutputFields {
  if (!options) return defaultOutputFields;
  return {
    format: options.format ?? 'png',
    quality: options.quality !== undefined ? String(options.quality) : '',
    size: options.size ? `${options.size.width}x${options.size.height}` : '',
    fit: options.fit ?? 'cover',
    background: options.background ?? 'auto',
    assetSet: options.assetSet ?? '',
    widths: options.widths ? options.widths.join(', ') : '',
    avif: options.avif === true,
  };
}
