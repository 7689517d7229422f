// The gallery's search and filter controls, built once (a state refresh never takes the focus or
// what is being typed away) and labelled for screen readers; each change is saved with the page.
import { h, format } from './dom';
import { filterModels, galleryPeriods, type GalleryFilter, type GalleryPeriod } from './galleryFilter';
import type { GalleryItem, StudioStrings } from '../../protocol/studioMessages';

type ValueElement = HTMLElement & { value: string; checked: boolean };

const periodLabels: Record<GalleryPeriod, 'periodToday' | 'periodWeek' | 'periodMonth' | 'periodAll'> = { today: 'periodToday', week: 'periodWeek', month: 'periodMonth', all: 'periodAll' };

export class GalleryFilterBar {
  readonly element: HTMLElement;
  private readonly text: ValueElement;
  private readonly model: ValueElement;
  private readonly period: ValueElement;
  private readonly candidates: ValueElement;
  private readonly count: HTMLElement;
  private modelsKey = '';

  constructor(
    private filter: GalleryFilter,
    private readonly strings: StudioStrings,
    private readonly onChange: (filter: GalleryFilter) => void,
  ) {
    const s = strings;
    this.text = h('vscode-textfield', { id: 'gallery-search', type: 'search', placeholder: s.filterTextPlaceholder, value: filter.text, 'aria-label': s.filterText }) as unknown as ValueElement;
    this.text.addEventListener('input', () => this.update({ text: this.text.value }));
    this.model = h('vscode-single-select', { id: 'gallery-model', 'aria-label': s.filterModel }) as unknown as ValueElement;
    this.model.addEventListener('change', () => this.update({ model: this.model.value }));
    this.period = h('vscode-single-select', { id: 'gallery-period', 'aria-label': s.filterPeriod }, galleryPeriods.map((period) => h('vscode-option', { value: period, selected: period === filter.period }, [s[periodLabels[period]]]))) as unknown as ValueElement;
    this.period.addEventListener('change', () => this.update({ period: this.period.value as GalleryPeriod }));
    this.candidates = h('vscode-checkbox', { id: 'gallery-candidates', label: s.filterCandidates, checked: filter.candidatesOnly }) as unknown as ValueElement;
    this.candidates.addEventListener('change', () => this.update({ candidatesOnly: this.candidates.checked }));
    const clear = h('vscode-button', { secondary: true, className: 'gallery-clear' }, [s.filterClear]);
    clear.addEventListener('click', () => this.set({ text: '', model: '', period: 'all', candidatesOnly: false }));
    this.count = h('span', { className: 'gallery-count muted', role: 'status' });
    this.element = h('div', { className: 'gallery-filter', role: 'search', 'aria-label': s.filterHeading }, [
      h('div', { className: 'gallery-filter-field gallery-filter-text' }, [h('vscode-label', { htmlFor: 'gallery-search' }, [s.filterText]), this.text]),
      h('div', { className: 'gallery-filter-field' }, [h('vscode-label', { htmlFor: 'gallery-model' }, [s.filterModel]), this.model]),
      h('div', { className: 'gallery-filter-field' }, [h('vscode-label', { htmlFor: 'gallery-period' }, [s.filterPeriod]), this.period]),
      h('div', { className: 'gallery-filter-row' }, [this.candidates, clear, this.count]),
    ]);
  }

  /** The models offered follow the gallery; rebuilt only when they change. */
  setItems(items: readonly GalleryItem[]): void {
    const models = filterModels(items, this.filter.model);
    const key = models.join('\n');
    if (key === this.modelsKey) return;
    this.modelsKey = key;
    this.model.replaceChildren(
      h('vscode-option', { value: '', selected: this.filter.model === '' }, [this.strings.filterAllModels]),
      ...models.map((model) => h('vscode-option', { value: model, selected: model === this.filter.model }, [model])),
    );
    this.model.value = this.filter.model;
  }

  /** "3 of 12 images" while filtering; nothing otherwise. */
  setCount(shown: number, total: number, filtering: boolean): void {
    this.count.textContent = filtering ? format(this.strings.filterCount, shown, total) : '';
  }

  private set(filter: GalleryFilter): void {
    this.filter = filter;
    this.text.value = filter.text;
    this.model.value = filter.model;
    this.period.value = filter.period;
    this.candidates.checked = filter.candidatesOnly;
    this.onChange(filter);
  }

  private update(patch: Partial<GalleryFilter>): void {
    this.filter = { ...this.filter, ...patch };
    this.onChange(this.filter);
  }
}
