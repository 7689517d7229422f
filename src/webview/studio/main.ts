import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-icon/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textarea/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { StudioSpending, StudioState, StudioStrings } from '../../protocol/studioMessages';
import { h } from './dom';
import { newDraft } from '../../core/catalog/generationDraft';
import { GenerationForm, type Draft } from './generationForm';
import { renderTasks, type ListCallbacks } from './lists';
import { GallerySection } from './gallerySection';
import { noFilter } from './galleryFilter';
import { PageState } from './pageState';
import { openGroups, renderCandidates } from './candidateGrid';
import { renderSpending } from './spendingSection';
import { Messenger, type HostUpdate } from './messenger';
import { PreviewImages } from './previewImages';
import { isSettled, submissionNotice } from './submissionNotice';
import { getVsCodeApi } from './vscodeApi';

const api = getVsCodeApi<unknown>();
const root = document.getElementById('studio') as HTMLElement;
const pageState = new PageState(api);
const restored = pageState.saved;
let strings: StudioStrings | undefined;
let form: GenerationForm | undefined;
const notice = h('p', { className: 'notice', role: 'status' });
const tasksSlot = h('div');
const gallerySlot = h('div');
const spendingSlot = h('div');
let gallery: GallerySection | undefined;
let spending: StudioSpending | undefined;
/** Show Spending asked for the section: it stays shown even without a budget. */
let spendingAsked = restored.spendingShown === true;

const previews = new PreviewImages();
let lastState: StudioState | undefined;
/** The task the form last sent: the notice follows it until it settles. */
let followedTaskId: string | undefined;

const messenger = new Messenger(api, (update) => receive(update));

function receive(update: HostUpdate): void {
  if (update.type === 'state') {
    render(update);
    return;
  }
  if (update.type === 'spending') {
    spending = update.spending;
    renderSpendingSection();
    return;
  }
  if (update.type === 'focusSection') {
    spendingAsked = true;
    pageState.save({ spendingShown: true });
    renderSpendingSection();
    const heading = spendingSlot.querySelector<HTMLElement>('#spending-heading');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus();
    return;
  }
  if (update.type === 'preview') previews.set(update);
  else previews.clear(update.taskId);
  if (lastState) renderTaskList(lastState);
}

function renderTaskList(state: StudioState): void {
  // Candidates are shown in their group's grid, not one by one in the task list.
  const single = { ...state, tasks: state.tasks.filter((task) => !task.candidate) };
  tasksSlot.replaceChildren(
    renderCandidates(openGroups(state), state.strings, {
      previewOf: (taskId) => previews.get(taskId),
      onCompare: (first, second) => gallery?.compare(first, second),
      onPick: async (taskId) => {
        const reply = await messenger.request({ type: 'pickCandidate', taskId });
        notice.textContent = reply.message ?? '';
      },
    }),
    renderTasks(single, listCallbacks, (taskId) => previews.get(taskId)),
  );
}

const listCallbacks: ListCallbacks = {
  onCancel: (taskId) => void messenger.request({ type: 'cancelTask', taskId }),
  onGalleryAction: async (action, taskId) => {
    const reply = await messenger.request({ type: 'galleryAction', action, taskId });
    notice.textContent = reply.ok ? '' : (reply.message ?? '');
  },
};

function renderSpendingSection(): void {
  // Shown with a budget (today against its caps), or when Show Spending asked for it.
  if (!spending || !strings || (spending.today.length === 0 && !spendingAsked)) {
    spendingSlot.replaceChildren();
    return;
  }
  spendingSlot.replaceChildren(
    renderSpending(spending, strings, async () => {
      const reply = await messenger.request({ type: 'openSpendingLedger' });
      notice.textContent = reply.ok ? '' : (reply.message ?? '');
    }),
  );
}

function followSubmission(): void {
  if (followedTaskId === undefined) {
    return;
  }
  const task = lastState?.tasks.find((candidate) => candidate.id === followedTaskId);
  notice.textContent = strings ? submissionNotice(task, strings) : '';
  if (isSettled(task)) {
    followedTaskId = undefined;
  }
}

function initialDraft(state: StudioState): Draft {
  return restored.draft ?? newDraft(state.defaultModel);
}

function render(state: StudioState): void {
  strings = state.strings;
  lastState = state;
  // A preview outlives its task only until the next state says the task has ended.
  previews.keepOnly(new Set(state.tasks.filter((task) => task.state === 'running' || task.state === 'queued').map((task) => task.id)));
  if (!form) {
    form = new GenerationForm(initialDraft(state), {
      strings: () => strings ?? state.strings,
      onChange: (draft, presetId, output, count) => pageState.save({ draft: { ...draft, referencePaths: [...draft.referencePaths] }, output, presetId, count }),
      onSubmit: async (request) => {
        const reply = await messenger.request({ type: 'generate', request });
        followedTaskId = reply.ok ? reply.message : undefined;
        followSubmission();
        return reply.ok ? undefined : reply.message;
      },
      onPickReferences: async () => (await messenger.request({ type: 'pickReferences' })).referencePaths ?? [],
    }, restored.presetId, restored.output, restored.count);
    gallery = new GallerySection(restored.filter ?? noFilter, state.strings, listCallbacks, (filter) => pageState.save({ filter }));
    gallerySlot.replaceChildren(gallery.element);
    root.replaceChildren(form.element, notice, tasksSlot, gallerySlot, spendingSlot);
  }
  form.setTrusted(state.trusted);
  form.setPresets(state.presets);
  form.setListedModels(state.listedModels ?? []);
  followSubmission();
  renderTaskList(state);
  gallery?.update(state.gallery);
  renderSpendingSection();
  root.setAttribute('aria-busy', 'false');
}

messenger.ready();
