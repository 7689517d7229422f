// The running/recent task list and the gallery, rebuilt from each state message.
import type { GalleryItem, StudioState, StudioStrings } from '../../protocol/studioMessages';
import { format, h } from './dom';
import type { ShownPreview } from './previewImages';

export type GalleryAction = 'open' | 'insert' | 'reveal' | 'copyPath' | 'rerun' | 'delete';

export interface ListCallbacks {
  readonly onCancel: (taskId: string) => void;
  readonly onGalleryAction: (action: GalleryAction, taskId: string) => void;
}

const stateIcons: Record<string, string> = { queued: 'clock', running: 'loading', succeeded: 'check', failed: 'error', cancelled: 'circle-slash' };

export function renderTasks(state: StudioState, callbacks: ListCallbacks, previewOf: (taskId: string) => ShownPreview | undefined): HTMLElement {
  const s = state.strings;
  const recent = state.tasks.filter((task) => task.state !== 'succeeded').slice(0, 10);
  const items = recent.map((task) => {
    const icon = h('vscode-icon', { name: stateIcons[task.state] ?? 'circle', spin: task.state === 'running' });
    const preview = task.state === 'running' ? previewOf(task.id) : undefined;
    const meta = [
      task.model,
      task.state,
      task.pixels,
      task.estimatedCredits !== undefined ? format(s.credits, task.estimatedCredits) : undefined,
      preview ? format(s.previewOf, preview.index, preview.total) : undefined,
    ].filter(Boolean).join(' · ');
    const children: Node[] = [h('div', { className: 'task-line' }, [icon, h('span', { className: 'task-prompt', textContent: task.prompt })]), h('div', { className: 'task-meta', textContent: meta })];
    if (task.overdue) {
      children.push(h('div', { className: 'task-overdue', role: 'status', textContent: s.overdue }));
    }
    if (preview) {
      children.push(h('img', { className: 'task-preview', src: preview.url, alt: format(s.previewAlt, preview.index, preview.total, task.prompt), 'data-index': preview.index }));
    }
    if (task.state === 'running' || task.state === 'queued') {
      children.push(h('vscode-progress-bar', typeof task.progress === 'number' ? { value: task.progress, max: 100 } : { indeterminate: true }));
      const cancel = h('vscode-button', { secondary: true, className: 'cancel', 'data-task': task.id }, [s.cancel]);
      cancel.addEventListener('click', () => callbacks.onCancel(task.id));
      children.push(cancel);
    }
    if (task.error) {
      children.push(h('div', { className: 'task-error', textContent: task.error }));
    }
    return h('li', { className: `task task-${task.state}`, 'data-task': task.id }, children);
  });
  return h('section', { className: 'tasks' }, [
    h('h2', { textContent: s.tasksHeading }),
    h('ul', { className: 'task-list' }, items.length > 0 ? items : [h('li', { className: 'empty', textContent: s.noTasks })]),
  ]);
}

/** What a gallery item may do beyond its actions: be selected for Compare, or compared with the image it was made from. */
export interface GalleryCallbacks extends ListCallbacks {
  readonly onSelect: (item: GalleryItem, selected: boolean) => void;
  readonly onCompareBefore: (item: GalleryItem) => void;
}

/** "Candidate 2 of 4" (or "Picked candidate …"), for a candidate's caption and Compare's labels. */
export function candidateText(item: GalleryItem, s: StudioStrings): string | undefined {
  return item.candidate ? format(item.candidate.picked ? s.candidatePicked : s.candidateMark, item.candidate.index, item.candidate.count) : undefined;
}

/** The grid of the images the filter lets through (`emptyText` when there are none). */
export function renderGalleryGrid(items: readonly GalleryItem[], s: StudioStrings, callbacks: GalleryCallbacks, selected: ReadonlySet<string>, emptyText: string): HTMLElement {
  const actions: [GalleryAction, string, string][] = [
    ['insert', 'insert', s.insert],
    ['reveal', 'folder-opened', s.reveal],
    ['copyPath', 'copy', s.copyPath],
    ['rerun', 'refresh', s.rerun],
    ['delete', 'trash', s.delete],
  ];
  const rendered = items.map((item) => {
    const image = h('img', { src: item.imageSrc, alt: item.prompt, loading: 'lazy', title: `${item.prompt}\n${item.path}` });
    image.addEventListener('click', () => callbacks.onGalleryAction('open', item.id));
    const buttons = actions.map(([action, icon, label]) => {
      const button = h('vscode-icon', { name: icon, actionIcon: true, label, title: label, 'data-action': action });
      button.addEventListener('click', () => callbacks.onGalleryAction(action, item.id));
      return button;
    });
    if (item.basedOn) {
      const before = h('vscode-icon', { name: 'diff', actionIcon: true, label: s.compareBeforeAfter, title: s.compareBeforeAfter, 'data-action': 'compareBefore' });
      before.addEventListener('click', () => callbacks.onCompareBefore(item));
      buttons.unshift(before);
    }
    const select = h('vscode-checkbox', { className: 'gallery-select', label: format(s.selectForCompare, item.path), checked: selected.has(item.id), 'data-task': item.id });
    select.addEventListener('change', () => callbacks.onSelect(item, (select as unknown as { checked: boolean }).checked));
    const mark = candidateText(item, s);
    const caption = h('div', { className: 'gallery-caption', textContent: [item.pixels, item.path].filter(Boolean).join(' · ') });
    const children: Node[] = [image];
    if (mark) children.push(h('div', { className: `candidate-mark${item.candidate?.picked ? ' picked' : ''}`, textContent: mark }));
    children.push(caption, h('div', { className: 'gallery-actions' }, [select, ...buttons]));
    return h('li', { className: `gallery-item${selected.has(item.id) ? ' selected' : ''}`, 'data-task': item.id }, children);
  });
  return h('ul', { className: 'gallery-grid' }, rendered.length > 0 ? rendered : [h('li', { className: 'empty', textContent: emptyText })]);
}
