// Where a reference in a document points on disk, with the platform's path rules (passed in, so
// both flavours are tested on any machine): relative to the document's folder, or, written from
// the root (`/assets/x.png`), to its workspace folder. A bare path (`assets/x.png`) may be either
// (a Markdown link reads it from the document, a bundler's alias or a site's base from the root):
// both count, since counting one too many only keeps an image.
import type { PathRules } from '../assets/assetsFolder';
import { isInside } from '../assets/assetsFolder';

/** The folders static-site tools serve at `/`. */
const siteRoots = ['public', 'static'];

export interface ReferenceContext {
  /** File system path of the document that holds the reference. */
  readonly documentPath: string;
  /** File system path of the workspace folder the document belongs to. */
  readonly workspaceFolder: string;
}

/** The file system paths a reference may name, normalized: one, or two for a bare path. */
export function resolveReference(reference: string, context: ReferenceContext, rules: PathRules): string[] {
  const { path } = rules;
  const root = path.normalize(context.workspaceFolder);
  if (/^[\\/](?![\\/])/.test(reference)) {
    // From the root. On posix a full path inside the workspace is spelled the same way; on win32 a
    // path without a drive letter is never a full one.
    const asWritten = path.normalize(reference);
    if (path.sep === '/' && isInside(root, asWritten, rules)) return [asWritten];
    // A site's root is often a folder of the workspace (Next.js, Vite, Astro: public/; Hugo,
    // Docusaurus: static/): `/images/x.png` may be any of them, and counting each keeps the image.
    const relative = reference.replace(/^[\\/]+/, '');
    return [root, ...siteRoots.map((folder) => path.join(root, folder))].map((base) => path.join(base, relative));
  }
  if (path.isAbsolute(reference)) return [path.normalize(reference)];
  const fromDocument = path.resolve(path.dirname(context.documentPath), reference);
  if (/^\.{1,2}([\\/]|$)/.test(reference)) return [fromDocument];
  const fromRoot = path.resolve(root, reference);
  return fromRoot === fromDocument ? [fromDocument] : [fromDocument, fromRoot];
}

/** One spelling per file, as the platform compares names: what linked and made paths meet on. */
export function pathKey(filePath: string, rules: PathRules): string {
  const normalized = rules.path.normalize(filePath);
  return rules.caseInsensitive ? normalized.toLowerCase() : normalized;
}
