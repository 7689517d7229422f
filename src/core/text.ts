// Text from outside (provider answers, error messages) is bounded before it enters a record, a log
// line or a studio message, and cut between code points, never inside a surrogate pair.

export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }
  let cut = maxLength - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    cut -= 1; // Do not keep half of a pair.
  }
  return `${text.slice(0, cut)}…`;
}

/** Error texts as records, logs and the studio keep them. */
export const maxErrorTextLength = 1_000;
