// The text inserted for a finished image, by document language.
import type { PlatformPath } from 'node:path';

export type LinkStyle = 'markdown' | 'html' | 'path';

export function linkStyleFor(languageId: string): LinkStyle {
  if (languageId === 'markdown' || languageId === 'mdx') return 'markdown';
  if (languageId === 'html' || languageId === 'vue' || languageId === 'svelte' || languageId === 'php') return 'html';
  return 'path';
}

/**
 * The image's path relative to `fromFolder` (the document's folder), with `/` separators, from file
 * system paths of the given flavour; undefined when no relative path leads there (another drive).
 */
export function relativeImagePath(fromFolder: string, imagePath: string, path: PlatformPath): string | undefined {
  const relative = path.relative(fromFolder, imagePath);
  return path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
}

/** Alt text from a prompt: one line, at most 100 characters, no Markdown brackets left unescaped. */
export function altTextFromPrompt(prompt: string): string {
  const line = prompt.replace(/\[sim:[^\]]*\]/g, '').replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99).trimEnd()}…` : line;
}

const escapeMarkdownAlt = (alt: string) => alt.replace(/[\\[\]]/g, '\\$&');
/** Spaces, brackets and parentheses would end or break a Markdown link destination. */
const escapeMarkdownPath = (path: string) => path.replace(/[ ()<>[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function formatImageLink(style: LinkStyle, relativePath: string, alt: string): string {
  switch (style) {
    case 'markdown':
      return `![${escapeMarkdownAlt(alt)}](${escapeMarkdownPath(relativePath)})`;
    case 'html':
      return `<img src="${escapeAttribute(relativePath)}" alt="${escapeAttribute(alt)}">`;
    case 'path':
      return relativePath;
  }
}
