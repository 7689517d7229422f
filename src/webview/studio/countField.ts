// The form's Candidates field: how many images of this request to make and pick one from (1–8),
// and what they will probably cost in all, said before anything is sent.
import { candidateCounts } from '../../core/candidates/candidateCount';
import { candidatesCost } from '../../core/candidates/candidateCost';
import type { StudioStrings } from '../../protocol/studioMessages';
import { format, h } from './dom';

type ValueElement = HTMLElement & { value: string };

/** The summary's cost words for `count` images of `modelKey`; one image keeps the provider's word after submitting. */
export function countCostText(s: StudioStrings, modelKey: string, count: number): string {
  const cost = candidatesCost(modelKey, count);
  if (!cost || count === 1) return s.creditsUnknown;
  return cost.unit === 'images' ? format(s.countCostImages, count) : format(s.countCostCredits, cost.total, cost.perImage);
}

export class CountField {
  readonly element: HTMLElement;
  private readonly select: ValueElement;

  constructor(
    private current: number,
    s: StudioStrings,
    onChange: (count: number) => void,
  ) {
    this.select = h('vscode-single-select', { id: 'count', 'aria-label': s.count }, candidateCounts.map((count) => h('vscode-option', { value: String(count), selected: count === current }, [count === 1 ? s.countOne : format(s.countMany, count)]))) as unknown as ValueElement;
    this.select.addEventListener('change', () => {
      this.current = Number(this.select.value) || 1;
      onChange(this.current);
    });
    this.element = h('div', { className: 'count-row' }, [h('vscode-label', { htmlFor: 'count' }, [s.count]), this.select]);
  }

  get value(): number {
    return this.current;
  }
}
