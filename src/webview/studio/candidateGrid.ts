// The candidates of one request as a grid while they arrive: each cell a running task (with its
// streamed preview) or a finished image with Pick; two selected cells compare. Groups are shown
// until one of their candidates is picked (then they are gallery items marked as candidates).
import type { GalleryItem, StudioState, StudioStrings } from '../../protocol/studioMessages';
import type { CompareImage } from './compareView';
import { format, h } from './dom';
import type { ShownPreview } from './previewImages';

type Task = StudioState['tasks'][number];

export interface CandidateGroup {
  readonly group: string;
  readonly count: number;
  readonly prompt: string;
  readonly newest: number;
  /** By index (1-based): the finished image, else the task. */
  readonly cells: ReadonlyMap<number, { readonly item?: GalleryItem; readonly task?: Task }>;
}

/** The groups still to pick from, newest first (at most `limit`). Pure. */
export function openGroups(state: Pick<StudioState, 'tasks' | 'gallery'>, limit = 3): CandidateGroup[] {
  const groups = new Map<string, { group: string; count: number; prompt: string; newest: number; picked: boolean; cells: Map<number, { item?: GalleryItem; task?: Task }> }>();
  const entry = (mark: NonNullable<Task['candidate']>, prompt: string, at: number) => {
    const group = groups.get(mark.group) ?? { group: mark.group, count: mark.count, prompt, newest: at, picked: false, cells: new Map() };
    group.newest = Math.max(group.newest, at);
    group.picked ||= mark.picked === true;
    groups.set(mark.group, group);
    const cell = group.cells.get(mark.index) ?? {};
    group.cells.set(mark.index, cell);
    return cell;
  };
  for (const task of state.tasks) if (task.candidate) entry(task.candidate, task.prompt, task.startedAt).task = task;
  for (const item of state.gallery) if (item.candidate) entry(item.candidate, item.prompt, item.createdAt).item = item;
  return [...groups.values()].filter((group) => !group.picked).sort((a, b) => b.newest - a.newest).slice(0, limit);
}

export interface CandidateCallbacks {
  readonly onPick: (taskId: string) => void;
  readonly onCompare: (first: CompareImage, second: CompareImage) => void;
  readonly previewOf: (taskId: string) => ShownPreview | undefined;
}

/** Selected cells per group, kept across rebuilds. */
const selections = new Map<string, string[]>();

function renderGroup(group: CandidateGroup, s: StudioStrings, callbacks: CandidateCallbacks): HTMLElement {
  const selected = (selections.get(group.group) ?? []).filter((id) => [...group.cells.values()].some((cell) => cell.item?.id === id));
  selections.set(group.group, selected);
  const compare = h('vscode-button', { secondary: true, className: 'candidate-compare', disabled: selected.length !== 2, title: s.compareCandidates }, [s.compare]) as HTMLElement & { disabled: boolean };
  const imageOf = (item: GalleryItem): CompareImage => {
    const label = format(s.candidateMark, item.candidate?.index ?? 0, group.count);
    return { src: item.imageSrc, label, alt: `${label}: ${item.prompt}` };
  };
  compare.addEventListener('click', () => {
    const [first, second] = (selections.get(group.group) ?? []).map((id) => [...group.cells.values()].find((cell) => cell.item?.id === id)?.item);
    if (first && second) callbacks.onCompare(imageOf(first), imageOf(second));
  });
  const cells: HTMLElement[] = [];
  for (let index = 1; index <= group.count; index++) {
    const cell = group.cells.get(index);
    const children: Node[] = [];
    if (cell?.item) {
      const item = cell.item;
      children.push(h('img', { src: item.imageSrc, alt: `${format(s.candidateMark, index, group.count)}: ${item.prompt}`, title: item.path }));
      children.push(h('div', { className: 'candidate-mark', textContent: format(s.candidateMark, index, group.count) }));
      const pick = h('vscode-button', { className: 'candidate-pick', title: format(s.pickTitle, index, group.count), 'data-task': item.id }, [s.pick]);
      pick.addEventListener('click', () => callbacks.onPick(item.id));
      const box = h('vscode-checkbox', { className: 'candidate-select', label: format(s.selectForCompare, format(s.candidateMark, index, group.count)), checked: selected.includes(item.id) });
      box.addEventListener('change', () => {
        const now = (selections.get(group.group) ?? []).filter((id) => id !== item.id);
        if ((box as unknown as { checked: boolean }).checked) now.push(item.id);
        selections.set(group.group, now.slice(-2));
        compare.disabled = now.slice(-2).length !== 2;
        for (const other of cells) {
          const otherBox = other.querySelector('.candidate-select') as (HTMLElement & { checked: boolean }) | null;
          const id = other.dataset['task'];
          if (otherBox && id) otherBox.checked = now.slice(-2).includes(id);
        }
      });
      children.push(h('div', { className: 'candidate-actions' }, [pick, box]));
    } else if (cell?.task && (cell.task.state === 'failed' || cell.task.state === 'cancelled')) {
      children.push(h('div', { className: 'candidate-placeholder task-error', textContent: format(s.candidateFailed, index, group.count, cell.task.error ?? cell.task.state) }));
    } else {
      const preview = cell?.task ? callbacks.previewOf(cell.task.id) : undefined;
      if (preview) children.push(h('img', { className: 'task-preview', src: preview.url, alt: format(s.previewAlt, preview.index, preview.total, group.prompt) }));
      else children.push(h('div', { className: 'candidate-placeholder' }, [h('vscode-icon', { name: 'loading', spin: true })]));
      children.push(h('div', { className: 'muted', textContent: format(s.candidateWaiting, index, group.count, cell?.task?.state ?? 'queued') }));
      const progress = cell?.task?.progress;
      children.push(h('vscode-progress-bar', typeof progress === 'number' ? { value: progress, max: 100 } : { indeterminate: true }));
    }
    cells.push(h('li', { className: `candidate-cell${cell?.item ? ' ready' : ''}`, ...(cell?.item ? { 'data-task': cell.item.id } : {}) }, children));
  }
  return h('section', { className: 'candidate-group', 'data-group': group.group, 'aria-label': format(s.candidatesHeading, group.prompt) }, [
    h('h3', { className: 'candidate-heading', textContent: format(s.candidatesHeading, group.prompt) }),
    h('ul', { className: 'candidate-grid' }, cells),
    h('div', { className: 'actions' }, [compare]),
  ]);
}

export function renderCandidates(groups: readonly CandidateGroup[], s: StudioStrings, callbacks: CandidateCallbacks): HTMLElement {
  return h('div', { className: 'candidates' }, groups.map((group) => renderGroup(group, s, callbacks)));
}
