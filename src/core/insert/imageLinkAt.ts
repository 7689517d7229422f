// Which image link a position in a line is on: Markdown `![alt](path "title")` or an HTML
// `<img … src="path">`, with the path decoded the way a renderer reads it (`%20` is a space).
// Remote images (http:, data:) are not files in the workspace and are left out.

export interface ImageLinkAt {
  /** The path as written in the document, decoded. */
  readonly path: string;
  /** The link's start and end in the line (characters). */
  readonly start: number;
  readonly end: number;
}

const markdownImage = /!\[(?:\\.|[^\]\\])*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g;
const htmlImage = /<img\b[^>]*?\bsrc\s*=\s*("([^"]*)"|'([^']*)')[^>]*>/gi;

export function imageLinkAt(line: string, character: number): ImageLinkAt | undefined {
  for (const match of line.matchAll(markdownImage)) {
    if (character >= match.index && character <= match.index + match[0].length) {
      return found(match[1]!.replace(/^<|>$/g, ''), match.index, match[0].length);
    }
  }
  for (const match of line.matchAll(htmlImage)) {
    if (character >= match.index && character <= match.index + match[0].length) {
      return found((match[2] ?? match[3] ?? '').replace(/&amp;/g, '&').replace(/&quot;/g, '"'), match.index, match[0].length);
    }
  }
  return undefined;
}

function found(raw: string, start: number, length: number): ImageLinkAt | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) {
    return undefined;
  }
  // A query or fragment is not part of the file; an encoded `%23` or `%3F` is.
  const written = raw.replace(/[?#].*$/, '');
  let path = written;
  try {
    path = decodeURIComponent(written);
  } catch {
    // A lone % stays as written.
  }
  return { path, start, end: start + length };
}
