// `imagegen.fileName`: the team's naming for generated images. Variables: `${prompt}` (a slug of
// it), `${date}` (YYYYMMDD), `${time}` (HHMMSS), `${model}` (the model's id), `${documentBaseName}`
// and `${n}` (the first free number). The result is a file name on every platform: path
// separators and forbidden characters become `-`. Whatever the template, a name is claimed
// exclusively, so nothing is ever overwritten (claimFileName).
import { posix, win32 } from 'node:path';
import { counterMark, cutAtGraphemes, safeFileNamePart, slugFromPrompt, timestamp } from './fileName';

export const defaultFileNameTemplate = '${prompt}-${date}-${time}';

export interface FileNameValues {
  readonly prompt: string;
  readonly modelKey: string;
  /** The document the image is for (a file system path of either flavour), if any. */
  readonly documentPath?: string;
  readonly now: Date;
}

/**
 * The base name (without extension) a template gives; `${n}` becomes a mark that
 * candidateFileName turns into 1, 2, 3 … until a name is free. An unknown variable stays as written.
 */
export function expandFileName(template: string, values: FileNameValues): string {
  const stamp = timestamp(values.now);
  const documentName = values.documentPath ? (values.documentPath.includes('\\') ? win32 : posix).basename(values.documentPath).replace(/\.[^.]*$/, '') : 'untitled';
  const variables: Record<string, string> = {
    prompt: slugFromPrompt(values.prompt),
    date: stamp.slice(0, 8),
    time: stamp.slice(9),
    model: values.modelKey.slice(values.modelKey.indexOf(':') + 1),
    documentBaseName: documentName,
  };
  const text = (template.trim() || defaultFileNameTemplate).replace(/\$\{(\w+)\}/g, (whole, name: string) => (name === 'n' ? counterMark : (variables[name] ?? whole)));
  // Cleaned and cut as one name (the mark kept): forbidden characters become -, at most 200 bytes, no trailing dot or space.
  const cleaned = cutAtGraphemes(text.replace(/[<>:"/\\|?*\u0001-\u001f\u007f]/g, '-'), Infinity, 200).replace(/[. ]+$/, '');
  const base = cleaned.includes(counterMark) ? cleaned : safeFileNamePart(cleaned, '');
  // Only separators left (a template of slashes, say): a name needs a letter or a number.
  const meaningful = base.replaceAll(counterMark, '').replace(/[-. ]/g, '') !== '' || base.includes(counterMark);
  return meaningful ? base : 'image';
}
