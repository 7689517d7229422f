// Where an asset set's markup goes (issue 24): into the document, or offered to copy. Its own file
// so the editor's activation bundle can ask without carrying the markup writer (assetSetMarkup.ts).
import type { AssetSetKind } from './outputOptions';

/** A page with a <head>: favicon links and the OG card's meta lines belong there. */
export const pageLanguages: ReadonlySet<string> = new Set(['html', 'php']);
/** Where a <picture> may stand: pages and component templates. */
export const templateLanguages: ReadonlySet<string> = new Set(['html', 'php', 'vue', 'svelte']);

/** Whether a set's markup goes into a document of this language (else it is offered to copy). */
export function setMarkupInline(kind: AssetSetKind, languageId: string): boolean {
  if (kind !== 'responsive') return pageLanguages.has(languageId);
  return languageId === 'markdown' || languageId === 'mdx' || templateLanguages.has(languageId);
}
