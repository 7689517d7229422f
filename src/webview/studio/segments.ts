// A row of segmented choices (resolution, quality, the output's format, fit and background): one
// button per value, the selected one marked for the eye and for screen readers.
import { h } from './dom';

export interface SegmentOptions {
  readonly selected: string;
  readonly pick: (value: string) => void;
  /** What the button says; the value itself when left out. */
  readonly label?: (value: string) => string;
  /** A value the current choices do not allow is shown disabled, with `unavailable` as its tooltip. */
  readonly isAllowed?: (value: string) => boolean;
  readonly unavailable?: string;
  readonly name?: string;
}

export function renderSegments(container: HTMLElement, values: readonly string[], options: SegmentOptions): void {
  const { selected, pick, label = (value) => value, isAllowed = () => true, unavailable, name } = options;
  container.replaceChildren(
    ...values.map((value) => {
      const allowed = isAllowed(value);
      const button = h('button', { type: 'button', className: `segment${value === selected ? ' selected' : ''}`, disabled: !allowed, role: 'radio', 'aria-checked': String(value === selected), 'data-value': value, title: allowed ? undefined : unavailable, name }, [label(value)]);
      button.addEventListener('click', () => pick(value));
      return button;
    }),
  );
}
