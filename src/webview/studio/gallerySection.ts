// The gallery: its filter bar, the images the filter lets through, two of them selected for
// Compare, and the compare view above the grid. The grid is rebuilt only when what it shows
// changed, so progress updates of running tasks never take the focus from a gallery control.
import type { GalleryItem, StudioStrings } from '../../protocol/studioMessages';
import { renderCompare, type CompareImage } from './compareView';
import { h } from './dom';
import { filterGallery, isFiltering, type GalleryFilter } from './galleryFilter';
import { GalleryFilterBar } from './galleryFilterBar';
import { candidateText, renderGalleryGrid, type ListCallbacks } from './lists';

/** The page's local midnight: "today" is the user's day, not the last 24 hours. */
function localMidnight(now: number): number {
  const date = new Date(now);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export class GallerySection {
  readonly element: HTMLElement;
  private readonly filterBar: GalleryFilterBar;
  private readonly compareSlot = h('div', { className: 'compare-slot' });
  private readonly gridSlot = h('div');
  private readonly compareButton: HTMLElement & { disabled: boolean };
  private items: readonly GalleryItem[] = [];
  /** In the order they were selected: a third selection lets go of the first. */
  private selected: string[] = [];
  private shownKey = '';

  constructor(
    private filter: GalleryFilter,
    private readonly strings: StudioStrings,
    private readonly callbacks: ListCallbacks,
    onFilterChange: (filter: GalleryFilter) => void,
  ) {
    this.filterBar = new GalleryFilterBar(filter, strings, (next) => {
      this.filter = next;
      onFilterChange(next);
      this.render();
    });
    this.compareButton = h('vscode-button', { className: 'gallery-compare', disabled: true }, [strings.compare]) as HTMLElement & { disabled: boolean };
    this.compareButton.addEventListener('click', () => this.compareSelected());
    this.element = h('section', { className: 'gallery', 'aria-label': strings.galleryHeading }, [
      h('h2', { textContent: strings.galleryHeading }),
      this.filterBar.element,
      h('div', { className: 'gallery-toolbar' }, [this.compareButton]),
      this.compareSlot,
      this.gridSlot,
    ]);
  }

  update(items: readonly GalleryItem[]): void {
    this.items = items;
    const ids = new Set(items.map((item) => item.id));
    this.selected = this.selected.filter((id) => ids.has(id));
    this.filterBar.setItems(items);
    this.render();
  }

  /** Compare two images (two candidates, or an item and the image it was made from). */
  compare(first: CompareImage, second: CompareImage): void {
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    const view = renderCompare(first, second, this.strings, () => {
      this.compareSlot.replaceChildren();
      returnTo?.focus();
    });
    this.compareSlot.replaceChildren(view);
    view.scrollIntoView({ block: 'nearest' });
    view.querySelector<HTMLInputElement>('input[type=range]')?.focus();
  }

  private render(): void {
    const now = Date.now();
    const shown = filterGallery(this.items, this.filter, now, localMidnight(now));
    const filtering = isFiltering(this.filter);
    this.filterBar.setCount(shown.length, this.items.length, filtering);
    this.compareButton.disabled = this.selected.length !== 2;
    const key = JSON.stringify(shown);
    if (key === this.shownKey) return;
    this.shownKey = key;
    const empty = this.items.length > 0 && filtering ? this.strings.filterNoMatch : this.strings.emptyGallery;
    this.gridSlot.replaceChildren(
      renderGalleryGrid(shown, this.strings, {
        ...this.callbacks,
        onSelect: (item, selected) => this.select(item.id, selected),
        onCompareBefore: (item) => item.basedOn && this.compare({ src: item.basedOn.imageSrc, label: `${this.strings.compareBefore}: ${item.basedOn.path}`, alt: `${this.strings.compareBefore}: ${item.basedOn.path}` }, this.imageOf(item, this.strings.compareAfter)),
      }, new Set(this.selected), empty),
    );
  }

  /** Marks the selection in place (no rebuild: the checkbox keeps the focus). */
  private select(id: string, selected: boolean): void {
    this.selected = this.selected.filter((candidate) => candidate !== id);
    if (selected) this.selected.push(id);
    if (this.selected.length > 2) this.selected = this.selected.slice(-2);
    for (const item of this.gridSlot.querySelectorAll<HTMLElement>('.gallery-item')) {
      const on = this.selected.includes(item.dataset['task'] ?? '');
      item.classList.toggle('selected', on);
      const box = item.querySelector('.gallery-select') as (HTMLElement & { checked: boolean }) | null;
      if (box && box.checked !== on) box.checked = on;
    }
    this.compareButton.disabled = this.selected.length !== 2;
  }

  private compareSelected(): void {
    const [first, second] = this.selected.map((id) => this.items.find((item) => item.id === id));
    if (first && second) this.compare(this.imageOf(first), this.imageOf(second));
  }

  private imageOf(item: GalleryItem, role?: string): CompareImage {
    const label = [role, candidateText(item, this.strings), item.path].filter(Boolean).join(': ');
    return { src: item.imageSrc, label, alt: `${label}: ${item.prompt}` };
  }
}
