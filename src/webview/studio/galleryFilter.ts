// Which gallery images the page shows: words from the prompt (or the file's path), a model, when
// it was made, candidates only. Pure (no DOM), so it is unit-tested; the page keeps the filter in
// its webview state, so it survives hiding the view and every state refresh.
import * as z from 'zod/mini';
import type { GalleryItem } from '../../protocol/studioMessages';

export const galleryPeriods = ['today', 'week', 'month', 'all'] as const;
export type GalleryPeriod = (typeof galleryPeriods)[number];

export const galleryFilterSchema = z.object({
  text: z.string().check(z.maxLength(500)),
  /** A model key; empty: every model. */
  model: z.string().check(z.maxLength(200)),
  period: z.enum(galleryPeriods),
  candidatesOnly: z.boolean(),
});
export type GalleryFilter = z.infer<typeof galleryFilterSchema>;

export const noFilter: GalleryFilter = { text: '', model: '', period: 'all', candidatesOnly: false };

const dayMs = 86_400_000;

/** Whether the filter lets everything through (the page then shows no "N of M"). */
export function isFiltering(filter: GalleryFilter): boolean {
  return filter.text.trim() !== '' || filter.model !== '' || filter.period !== 'all' || filter.candidatesOnly;
}

/** The first instant an item may have been made in, for `period`; `todayStart` is the page's local midnight. */
export function periodStart(period: GalleryPeriod, now: number, todayStart: number): number {
  switch (period) {
    case 'today':
      return todayStart;
    case 'week':
      return now - 7 * dayMs;
    case 'month':
      return now - 30 * dayMs;
    case 'all':
      return -Infinity;
  }
}

/** Every word must occur in the prompt or the path, ignoring case (and width: "ｃａｔ" finds "cat"). */
function matchesText(item: Pick<GalleryItem, 'prompt' | 'path'>, text: string): boolean {
  const fold = (value: string) => value.normalize('NFKC').toLocaleLowerCase();
  const words = fold(text).split(/\s+/).filter(Boolean);
  const haystack = fold(`${item.prompt}\n${item.path}`);
  return words.every((word) => haystack.includes(word));
}

export function filterGallery<T extends Pick<GalleryItem, 'prompt' | 'path' | 'model' | 'createdAt' | 'candidate'>>(items: readonly T[], filter: GalleryFilter, now: number, todayStart: number): T[] {
  const from = periodStart(filter.period, now, todayStart);
  return items.filter((item) => item.createdAt >= from && (filter.model === '' || item.model === filter.model) && (!filter.candidatesOnly || item.candidate !== undefined) && matchesText(item, filter.text));
}

/** The models the model filter offers: those in the gallery, and the one chosen even when none is left. */
export function filterModels(items: readonly Pick<GalleryItem, 'model'>[], chosen: string): string[] {
  const models = new Set(items.map((item) => item.model));
  if (chosen !== '') models.add(chosen);
  return [...models].sort((a, b) => a.localeCompare(b));
}
