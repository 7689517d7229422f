// The text inserted for a finished image, by document language and `imagegen.link.style`.
import type { PlatformPath } from 'node:path';
import { withoutHiddenControls } from './visibleText';

export type LinkStyle = 'markdown' | 'html' | 'path';

/** `imagegen.link.style`: how the path is written (relative or from the site root) and whether Markdown gets an `<img>`. */
export type LinkSetting = 'relative' | 'rootRelative' | 'html';

export function linkStyleFor(languageId: string, setting: LinkSetting = 'relative'): LinkStyle {
  if (languageId === 'markdown' || languageId === 'mdx') return setting === 'html' ? 'html' : 'markdown';
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

/** Alt text from a prompt: one line, at most 100 characters, no bidi or control characters, no Markdown brackets left unescaped. */
export function altTextFromPrompt(prompt: string): string {
  const line = withoutHiddenControls(prompt.replace(/\[sim:[^\]]*\]/g, '')).replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99).trimEnd()}…` : line;
}

const escapeMarkdownAlt = (alt: string) => alt.replace(/[\\[\]]/g, '\\$&');
const percent = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
/**
 * A file path as a URL path (a URI, used when no relative path leads to the image, is already
 * encoded: only what would break the link is): `%` first (so nothing is encoded twice), then what a URL reads as a
 * fragment (`#`) or a query (`?`), spaces, and what would end or break a Markdown destination.
 * Non-ASCII letters stay as they are: every renderer reads them as UTF-8.
 */
export const encodeLinkPath = (path: string) => (/^[a-z][a-z0-9+.-]*:/i.test(path) ? path.replace(/[ ()<>"]/g, percent) : path.replace(/[% #?()<>[\]"]/g, percent));
/** An HTML (or JSX: it decodes the same references) attribute value, for inside double quotes. */
export const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `width` (pixels) goes on an `<img>` only. */
export function formatImageLink(style: LinkStyle, relativePath: string, alt: string, width?: number): string {
  switch (style) {
    case 'markdown':
      return `![${escapeMarkdownAlt(alt)}](${encodeLinkPath(relativePath)})`;
    case 'html':
      return `<img src="${escapeAttribute(encodeLinkPath(relativePath))}" alt="${escapeAttribute(alt)}"${width ? ` width="${Math.round(width)}"` : ''}>`;
    case 'path':
      return relativePath;
  }
}

/**
 * The path a link uses: relative to the document's folder, or for `rootRelative` `/`-rooted at the
 * site root when the image is inside it (else relative too); undefined when no relative path
 * leads there (another drive). File system paths of the given flavour.
 */
export function linkPathFor(setting: LinkSetting, documentFolder: string, imagePath: string, siteRoot: string, path: PlatformPath): string | undefined {
  if (setting === 'rootRelative') {
    const fromRoot = relativeImagePath(siteRoot, imagePath, path);
    if (fromRoot !== undefined && !fromRoot.startsWith('../') && fromRoot !== '..') {
      return `/${fromRoot}`;
    }
  }
  return relativeImagePath(documentFolder, imagePath, path);
}
