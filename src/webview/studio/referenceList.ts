// The form's reference images: the chosen workspace paths, each removable, and "Add from
// workspace…" while the model takes more; hidden for a model without references.
import type { ModelSpec } from '../../core/catalog/models';
import type { StudioStrings } from '../../protocol/studioMessages';
import { h } from './dom';

export interface ReferenceCallbacks {
  readonly onChange: (paths: string[]) => void;
  readonly onPick: () => Promise<string[]>;
}

export function renderReferences(row: HTMLElement, label: Element | null, model: ModelSpec, paths: readonly string[], s: StudioStrings, callbacks: ReferenceCallbacks): void {
  const hidden = model.maxReferenceImages === 0;
  row.hidden = hidden;
  label?.toggleAttribute('hidden', hidden);
  const items = paths.map((path, index) => {
    const remove = h('vscode-icon', { name: 'close', actionIcon: true, label: s.remove, title: s.remove });
    remove.addEventListener('click', () => callbacks.onChange(paths.filter((_, i) => i !== index)));
    return h('li', {}, [h('span', { textContent: path }), remove]);
  });
  const add = h('vscode-button', { secondary: true, id: 'add-references', disabled: paths.length >= model.maxReferenceImages }, [s.addReferences]);
  add.addEventListener('click', async () => {
    const picked = await callbacks.onPick();
    callbacks.onChange([...new Set([...paths, ...picked])].slice(0, model.maxReferenceImages));
  });
  row.replaceChildren(h('ul', {}, items.length > 0 ? items : [h('li', { className: 'muted', textContent: s.noReferences })]), add);
}
