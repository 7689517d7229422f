// The text a finished asset set puts into the user's document: the favicon `<link>` lines, the
// Open Graph `<meta>` lines, or a responsive `<picture>`. Which documents take it inline:
// - head lines (favicon, og-card) go into whole HTML pages only: `html` and `php`. A Vue or
//   Svelte component, Markdown or MDX has no `<head>` of its own, so there they are a snippet.
// - a `<picture>` goes into HTML templates (`html`, `php`, `vue`, `svelte`: the languages
//   linkStyleFor writes `<img>` in) as HTML, and into `mdx` as JSX (self-closed tags, `srcSet`:
//   MDX rejects an unclosed `<img>`, React wants `srcSet`); plain `markdown` gets the largest
//   WebP as `![alt](…)`, which every Markdown renderer shows.
// - any other language gets the HTML as a snippet to copy.
import { encodeLinkPath, escapeAttribute, formatImageLink } from '../insert/imageLink';
import { faviconFileNames, icoSizes, type AssetFile } from './assetSetPlan';
import type { AssetSetKind } from './outputOptions';
import { setMarkupInline } from './setMarkupPlacement';

export interface SetMarkup {
  readonly text: string;
  /** True when the text belongs in the document itself; false: offer it as a snippet to copy. */
  readonly inline: boolean;
}


/** What a `<picture>` without a layout says: the image spans the viewport. */
export const defaultSizes = '100vw';

/**
 * The markup for a written set. `hrefOf` gives each file's link path as formatImageLink takes it
 * (relative or root-relative, `/` separators, not yet URL-encoded: this encodes it). For an OG
 * card, crawlers want an absolute URL: `hrefOf` should give one when the site's address is known.
 */
export function setMarkup(kind: AssetSetKind, files: readonly AssetFile[], hrefOf: (fileName: string) => string, alt: string, languageId: string): SetMarkup {
  const href = (file: AssetFile) => escapeAttribute(encodeLinkPath(hrefOf(file.fileName)));
  const inline = setMarkupInline(kind, languageId);
  switch (kind) {
    case 'favicon':
      return { text: faviconLines(files, href), inline };
    case 'og-card':
      return { text: ogCardLines(files, href, alt), inline };
    case 'responsive':
      if (languageId === 'markdown') {
        const largestWebp = largest(files.filter((file) => file.format === 'webp'));
        return { text: formatImageLink('markdown', hrefOf(largestWebp.fileName), alt), inline };
      }
      return { text: picture(files, hrefOf, alt, languageId === 'mdx'), inline };
  }
}


function faviconLines(files: readonly AssetFile[], href: (file: AssetFile) => string): string {
  return files
    .map((file) => {
      if (file.format === 'ico') {
        const sizes = (file.icoSizes ?? [file.width]).map((size) => `${size}x${size}`).join(' ');
        return `<link rel="icon" href="${href(file)}" sizes="${sizes}">`;
      }
      const sizes = `${file.width}x${file.height}`;
      return file.fileName === faviconFileNames.appleTouch
        ? `<link rel="apple-touch-icon" sizes="${sizes}" href="${href(file)}">`
        : `<link rel="icon" type="image/png" sizes="${sizes}" href="${href(file)}">`;
    })
    .join('\n');
}

function ogCardLines(files: readonly AssetFile[], href: (file: AssetFile) => string, alt: string): string {
  const card = files[0]!;
  const lines = [
    `<meta property="og:image" content="${href(card)}">`,
    `<meta property="og:image:width" content="${card.width}">`,
    `<meta property="og:image:height" content="${card.height}">`,
  ];
  if (alt.trim() !== '') lines.push(`<meta property="og:image:alt" content="${escapeAttribute(alt)}">`);
  return lines.join('\n');
}

const mimeTypes = { avif: 'image/avif', webp: 'image/webp' } as const;

function picture(files: readonly AssetFile[], hrefOf: (fileName: string) => string, alt: string, jsx: boolean): string {
  // In a srcset a space ends the URL and a comma may separate candidates: both are encoded.
  const candidate = (file: AssetFile) => `${encodeLinkPath(hrefOf(file.fileName)).replace(/,/g, '%2C')} ${file.width}w`;
  const srcsetName = jsx ? 'srcSet' : 'srcset';
  const end = jsx ? ' />' : '>';
  const lines = ['<picture>'];
  for (const format of ['avif', 'webp'] as const) {
    const ofFormat = files.filter((file) => file.format === format).sort((a, b) => a.width - b.width);
    if (ofFormat.length === 0) continue;
    const srcset = escapeAttribute(ofFormat.map(candidate).join(', '));
    lines.push(`  <source type="${mimeTypes[format]}" ${srcsetName}="${srcset}" sizes="${defaultSizes}"${end}`);
  }
  const fallback = largest(files.filter((file) => file.format === 'png' || file.format === 'jpeg'));
  const src = escapeAttribute(encodeLinkPath(hrefOf(fallback.fileName)));
  lines.push(`  <img src="${src}" width="${fallback.width}" height="${fallback.height}" alt="${escapeAttribute(alt)}" loading="lazy" decoding="async"${end}`);
  lines.push('</picture>');
  return lines.join('\n');
}

function largest(files: readonly AssetFile[]): AssetFile {
  if (files.length === 0) throw new RangeError('A responsive set has WebP files and a fallback: this plan has none.');
  return files.reduce((a, b) => (b.width > a.width ? b : a));
}

/** A written set's file as the markup needs it, back from its name and size (a task record keeps only those). */
export function writtenAssetFile(fileName: string, width: number, height: number): AssetFile {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const format: AssetFile['format'] = extension === 'jpg' || extension === 'jpeg' ? 'jpeg' : extension === 'ico' ? 'ico' : extension === 'webp' ? 'webp' : extension === 'avif' ? 'avif' : 'png';
  return { fileName, width, height, format, fit: 'cover', ...(format === 'ico' ? { icoSizes } : {}) };
}
