// Which saved images an agent's answer carries inline: clients cap the size of one result, so the
// images of one answer (one image, or every candidate of a request) stay within one limit together.
// The first ones fit in order; an image too large alone, or one past what is left, is named in the
// answer's text instead (it is saved all the same: the agent opens the file).

/** An answer's images together stay at or below this many bytes (before base64). */
export const maxInlineImageBytes = 5 * 1024 * 1024;

export type InlineChoice = { readonly inline: true } | { readonly inline: false; readonly why: 'tooLarge' | 'overTotal' };

/** For each image's size in bytes, in order, whether it goes inline and why not. */
export function chooseInlineImages(sizes: readonly number[], limit = maxInlineImageBytes): InlineChoice[] {
  let left = limit;
  return sizes.map((size) => {
    if (size > limit) return { inline: false, why: 'tooLarge' };
    if (size > left) return { inline: false, why: 'overTotal' };
    left -= size;
    return { inline: true };
  });
}

/** Why an image is not in the answer, in the words an agent reads. */
export function leftOutWords(why: 'tooLarge' | 'overTotal', bytes: number, limit = maxInlineImageBytes): string {
  const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const cap = `${Math.round(limit / 1024 / 1024)} MB`;
  return why === 'tooLarge' ? `it is ${size}, over the ${cap} an answer carries` : `it is ${size} and the images before it already fill most of the ${cap} an answer carries`;
}
