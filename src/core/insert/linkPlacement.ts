// What goes between the text before the cursor and an inserted image link, so a link never sticks
// to what precedes it: at the end of a non-empty line, or right after another image, the link
// starts its own line (after text in Markdown, its own paragraph: a single line break would render
// it inline with the text above); inside a sentence it stays inline, with a space after a word so
// it never glues onto it; on an empty line nothing is added. Plain paths (code, text files) go
// exactly where the cursor is: a line break or a space there could break code.
import type { LinkStyle } from './imageLink';

const imageAtEnd = /(!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>)\s*$/i;

/** `lineBefore`/`lineAfter`: the text of the cursor's line before and after it. */
export function separatorBefore(style: LinkStyle, lineBefore: string, lineAfter: string): string {
  if (style === 'path' || lineBefore.trim() === '') return '';
  if (imageAtEnd.test(lineBefore)) return '\n';
  if (lineAfter.trim() !== '') return /\s$/.test(lineBefore) ? '' : ' ';
  return style === 'markdown' ? '\n\n' : '\n';
}
