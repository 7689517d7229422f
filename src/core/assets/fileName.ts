// File names for saved images: a slug of the prompt plus a timestamp, valid on every platform
// (Windows' reserved names and characters, no trailing dot or space, at most 255 bytes), cut
// at grapheme boundaries so an emoji or accent is never split.

/** Room left for the `-NN` suffix, the extension and the hidden `.part` name around a base. */
const maxBaseBytes = 200;
const forbidden = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const reservedWindowsName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest prefix of `text` of at most `maxGraphemes` graphemes and `maxBytes` UTF-8 bytes. */
export function cutAtGraphemes(text: string, maxGraphemes: number, maxBytes = Infinity): string {
  let result = '';
  let bytes = 0;
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (count >= maxGraphemes || bytes + size > maxBytes) {
      break;
    }
    result += segment;
    bytes += size;
    count++;
  }
  return result;
}

/** A name part every file system accepts: no forbidden characters, no reserved device name, no trailing dot or space. */
export function safeFileNamePart(text: string, fallback = 'image'): string {
  let name = cutAtGraphemes(text.replace(forbidden, '-'), Infinity, maxBaseBytes).replace(/[. ]+$/, '');
  if (name.length === 0) {
    name = fallback;
  }
  // `CON`, `con.png`, `Nul.tar.gz`: Windows reserves the device name whatever follows the first dot.
  if (reservedWindowsName.test(name.split('.')[0]!)) {
    name = `_${name}`;
  }
  return name;
}

export function slugFromPrompt(prompt: string, maxGraphemes = 48): string {
  const slug = prompt
    .replace(/\[sim:[^\]]*\]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Extended_Pictographic}\u200d\ufe0f]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return safeFileNamePart(cutAtGraphemes(slug, maxGraphemes).replace(/-+$/, ''));
}

/** Letters NFKD does not split into a base letter and marks. */
const asciiFolds: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', þ: 'th', ł: 'l', ı: 'i' };

/**
 * A slug of the prompt in ASCII letters, digits and `-` only, at most `maxChars` long: for names
 * that go into URLs (an asset set's folder, read by every server and CDN the same way). Accents
 * are folded (`é` → `e`); scripts without an ASCII form (CJK, emoji) drop out, so the result may
 * be empty: the caller chooses the fallback.
 */
export function asciiSlugFromPrompt(prompt: string, maxChars: number): string {
  return prompt
    .replace(/\[sim:[^\]]*\]/g, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøđðþłı]/g, (letter) => asciiFolds[letter] ?? '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxChars)
    .replace(/-+$/, '');
}

export function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/** Where a file name template said `${n}`: a character no file name or slug can hold. */
export const counterMark = '\u0000';

/**
 * `base.ext`, then `base-2.ext`, `base-3.ext` …: the n-th name to try when claiming one; a base
 * with a counter mark (`${n}` in imagegen.fileName) gets 1, 2, 3 … there instead.
 */
export function candidateFileName(base: string, extension: string, attempt: number): string {
  if (base.includes(counterMark)) {
    // The number can make a device name (`COM${n}` → COM1): checked on the final name.
    const name = base.replaceAll(counterMark, String(Math.max(1, attempt)));
    return `${reservedWindowsName.test(name.split('.')[0]!) ? '_' : ''}${name}.${extension}`;
  }
  return attempt <= 1 ? `${base}.${extension}` : `${base}-${attempt}.${extension}`;
}

/**
 * The hidden name a file is written under before it gets its own name: a dot file in the same
 * folder (so the final step is a link or rename), ending in `.part` so leftovers are recognizable.
 */
export function partialFileName(base: string, uniqueId: string): string {
  return `.${base.replaceAll(counterMark, 'n')}.${uniqueId}.part`;
}

/** Whether a name is one of ours (`partialFileName`), so a sweep never touches anyone else's file. */
export function isPartialFileName(name: string): boolean {
  return /^\..+\.[0-9a-f]{12}\.part$/.test(name);
}
