// File names for saved images: a slug of the prompt plus a timestamp, never an existing name.

export function slugFromPrompt(prompt: string, maxLength = 48): string {
  const slug = prompt
    .replace(/\[sim:[^\]]*\]/g, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return slug.length > 0 ? slug : 'image';
}

export function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

/**
 * The hidden name a file is written under before it is moved to `name` complete: beside it (so the
 * move is a rename), a dot file, and ending in `.part` so leftovers are recognizable.
 */
export function partialFileName(name: string, uniqueId: string): string {
  return `.${name}.${uniqueId}.part`;
}

/** `base.ext`, else `base-2.ext`, `base-3.ext` …: the first name `exists` says is free. */
export async function uniqueFileName(base: string, extension: string, exists: (name: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? `${base}.${extension}` : `${base}-${n}.${extension}`;
    if (!(await exists(name))) {
      return name;
    }
  }
  throw new Error(`no free file name for ${base}.${extension}`);
}
