// Every image reference a text file holds, as the file's language writes it: Markdown and MDX
// images, links and reference definitions, HTML `src`, `srcset` (every candidate), `href` and `poster`,
// CSS `url(...)`, JSX `src={'…'}`, imports and `require` of image files. Paths come back decoded as
// a renderer reads them (`%20` is a space; no query or fragment); remote ones (http:, data:, //…; a
// drive letter is no scheme) are no files of the workspace and are left out. Finding a reference too many only keeps an
// image; missing one could offer a linked image for the trash, so the patterns err on finding.

/** The kinds of text whose references are read; a file may be several (MDX: Markdown, HTML, JSX). */
type Kind = 'markdown' | 'html' | 'css' | 'script';

const kindsByName: Readonly<Record<string, readonly Kind[]>> = {
  markdown: ['markdown', 'html'],
  md: ['markdown', 'html'],
  mdx: ['markdown', 'html', 'script'],
  html: ['html', 'css'],
  htm: ['html', 'css'],
  xhtml: ['html', 'css'],
  vue: ['html', 'css', 'script'],
  svelte: ['html', 'css', 'script'],
  astro: ['html', 'css', 'script'],
  css: ['css'],
  scss: ['css'],
  sass: ['css'],
  less: ['css'],
  javascript: ['script', 'html'],
  javascriptreact: ['script', 'html'],
  typescript: ['script', 'html'],
  typescriptreact: ['script', 'html'],
  js: ['script', 'html'],
  jsx: ['script', 'html'],
  mjs: ['script', 'html'],
  cjs: ['script', 'html'],
  ts: ['script', 'html'],
  tsx: ['script', 'html'],
  mts: ['script', 'html'],
  cts: ['script', 'html'],
};

/** The extensions of the text files whose references count (the workspace scan's include glob). */
export const linkingExtensions = ['md', 'markdown', 'mdx', 'html', 'htm', 'css', 'scss', 'sass', 'less', 'js', 'jsx', 'mjs', 'cjs', 'ts', 'tsx', 'vue', 'svelte', 'astro'] as const;

/** Whether a file's language (a VS Code language id or an extension, with or without its dot) is one that links images. */
export function linksImages(languageOrExtension: string): boolean {
  return kindsOf(languageOrExtension).length > 0;
}

function kindsOf(languageOrExtension: string): readonly Kind[] {
  return kindsByName[languageOrExtension.replace(/^\./, '').toLowerCase()] ?? [];
}

const markdownLink = /!?\[(?:\\.|[^\]\\])*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const referenceDefinition = /^ {0,3}\[(?:\\.|[^\]\\])+\]:\s*(<[^>\n]*>|\S+)/gm;
const htmlAttribute = /(?:^|[\s"'{(<])(?:src|href|poster|data-src|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'{}`]+))/gi;
const srcsetAttribute = /\b(?:srcset|data-srcset|imagesrcset)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi;
const cssUrl = /\burl\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi;
const jsxExpression = /\b(?:src|href|poster)\s*=\s*\{\s*(?:"([^"]*)"|'([^']*)'|`([^`$]*)`)\s*\}/g;
const moduleSpecifier = /\b(?:import|export)\s+(?:[\w$*{}\s,]+\s+from\s+)?["']([^"'\n]+)["']|\b(?:require|import)\s*\(\s*["']([^"'\n]+)["']\s*\)|\bnew\s+URL\(\s*["']([^"'\n]+)["']/g;
/** Any quoted string naming an image file (a config object, an `image-set()`): a reference too, to be safe. */
/** `cover: ./images/cover.png` (front matter, YAML data files), unquoted. */
const yamlImageValue = /^[ \t-]*[\w.-]+:[ \t]+([^\s"'#][^\s#]*?\.(?:png|jpe?g|webp|avif|gif|ico|svg))[ \t]*$/gim;
const imageString = /["'`]([^"'`\n$]{1,500}?\.(?:png|jpe?g|webp|avif|gif|ico|svg)(?:[?#][^"'`\n]*)?)["'`]/gi;

/** The decoded, distinct paths the text links to, in the order they first appear. */
export function linkedPaths(text: string, languageOrExtension: string): string[] {
  const kinds = kindsOf(languageOrExtension);
  // In markup, attribute values and text spell `&` as `&amp;`.
  const markup = kinds[0] === 'html' || kinds[0] === 'markdown';
  const found: string[] = [];
  const add = (raw: string | undefined, entities = false) => {
    const path = referencePath(raw, entities);
    if (path !== undefined && !found.includes(path)) found.push(path);
  };
  const each = (pattern: RegExp, take: (match: RegExpMatchArray) => void) => {
    for (const match of text.matchAll(pattern)) take(match);
  };
  if (kinds.includes('markdown')) {
    each(markdownLink, (match) => add(match[1]!.replace(/^<|>$/g, '')));
    each(referenceDefinition, (match) => add(match[1]!.replace(/^<|>$/g, '')));
  }
  if (kinds.includes('html')) {
    each(htmlAttribute, (match) => add(match[1] ?? match[2] ?? match[3], true));
    each(srcsetAttribute, (match) => srcsetCandidates(match[1] ?? match[2] ?? '').forEach((candidate) => add(candidate, true)));
  }
  if (kinds.includes('css') || kinds.includes('html')) {
    each(cssUrl, (match) => add(match[1] ?? match[2] ?? match[3], markup));
  }
  // Any quoted image path, in every kind of file (front matter's `image: "./cover.png"`, a data
  // attribute, a script in a page), and a YAML-style `key: path.png` line: counting one too many
  // only keeps an image, missing one would trash a linked one.
  each(imageString, (match) => add(match[1], markup));
  each(yamlImageValue, (match) => add(match[1]));
  if (kinds.includes('script')) {
    each(jsxExpression, (match) => add(match[1] ?? match[2] ?? match[3]));
    each(moduleSpecifier, (match) => add(match[1] ?? match[2] ?? match[3]));
  }
  return found;
}

/** A `srcset`'s URLs: candidates separated by commas, each a URL and an optional descriptor (`2x`, `640w`). */
export function srcsetCandidates(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '');
}

/** A reference as the file system sees it: undefined for a remote or empty one. */
export function referencePath(raw: string | undefined, entities = false): string | undefined {
  let written = raw?.trim() ?? '';
  if (entities) written = written.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  if (written === '' || written.startsWith('#') || written.startsWith('//') || /^[a-z][a-z0-9+.-]+:/i.test(written)) return undefined;
  // A query or fragment is not part of the file; an encoded `%23` or `%3F` is.
  written = written.replace(/[?#].*$/, '');
  if (written === '') return undefined;
  try {
    return decodeURIComponent(written);
  } catch {
    return written; // A lone % stays as written.
  }
}
