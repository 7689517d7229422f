// Runs generations end to end: validate, submit, poll (one scheduler for all tasks), save into
// the workspace, insert the link, tell the user. Every task is kept in the history, so a prompt
// is never lost, whatever happens to it.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { formatSize } from '../core/catalog/sizes';
import { validateGeneration, type GenerationInput, type ValidGeneration } from '../core/catalog/validateGeneration';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { PollScheduler, type PollOutcome } from '../core/tasks/pollScheduler';
import { DurationModel, durationKey, nextPollAt, type ProgressSample } from '../core/tasks/pollPlanner';
import { deadlineVerdict, effectivePolling, overdueIntervalMs } from '../core/tasks/taskDeadline';
import type { PollingAdvice } from '../core/catalog/models';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { truncateText } from '../core/text';
import type { Settings } from '../config/settings';
import { readImageGenSettings } from '../config/readImageGenSettings';
import { isProviderError, providerError } from '../providers/errors';
import { loadEngine } from '../engineLoader';
import { requestFromValidation, type ImagePreview, type ImageProvider, type TaskHandle, type TaskStatus } from '../providers/provider';
import { sanitizeServerText } from '../providers/sanitize';
import { destinationFor, imageBaseName, providerLabel, SaveError, type SaveLocation } from '../saving/workspaceImages';
import { Disposable } from '../util/dispose';
import type { ApiKeyStore } from './apiKeyStore';
import type { HistoryStore } from './historyStore';
import type { InsertionTracker } from './insertionTracker';
import type { InsertionTarget } from './imageLinks';

export { insertionTargetAt, type InsertionTarget } from './imageLinks';
import { withDeadline } from './deadlineSignal';
import { ImageLinks } from './imageLinks';
import { TaskStore } from './taskStore';
import { notifySuccess } from './successNotice';
import { askAboutOverdueTask } from './overdueNotice';
import { PreviewStore } from './previewStore';
import { askForApiKey, askForKeyAgain } from './keyRequest';
import { describeFailure } from './failureMessage';
import { ProviderClients } from './providerClients';
import { referenceForHistory, referenceForRequest } from './referenceFiles';

interface LiveTask {
  readonly provider: ImageProvider;
  handle: TaskHandle | undefined;
  readonly controller: AbortController;
  readonly settings: Settings;
  /** The model's polling advice with the user's settings applied. */
  readonly polling: PollingAdvice;
  /** Progress reports, for predicting completion. */
  readonly samples: ProgressSample[];
  /** Whether the user was asked about this task's deadline in this session. */
  overdueAsked?: boolean;
  /** Whether an unknown status word was logged already (once per task). */
  unknownStatusLogged?: boolean;
}

/** The shortest gap between two queries of one task. */
const minPollGapMs = 250;

const maxConcurrentPolls = 8;

/** The least time a query gets, however close the deadline. */
const minQueryWindowMs = 5_000;

export class GenerationService extends Disposable {
  private readonly tasks: TaskStore;
  private readonly links: ImageLinks;
  private readonly live = new Map<string, LiveTask>();
  private readonly scheduler: PollScheduler;
  private readonly clients: ProviderClients;
  /** How long tasks of each kind took, to query near their expected end. */
  private readonly durations = new DurationModel();
  private readonly onDidFinishEmitter = this.register(new vscode.EventEmitter<TaskRecord>());
  /** Fires when a task reaches a terminal state (tests and the studio listen). */
  readonly onDidFinish = this.onDidFinishEmitter.event;
  /** Partial images of streaming generations, for the studio. */
  readonly previews = this.register(new PreviewStore());

  constructor(
    board: TaskBoard,
    private readonly keys: ApiKeyStore,
    history: HistoryStore,
    private readonly tracker: InsertionTracker,
    private readonly log: vscode.LogOutputChannel,
    userAgent: string,
  ) {
    super();
    this.tasks = this.register(new TaskStore(board, history, log));
    this.links = new ImageLinks(tracker);
    this.clients = new ProviderClients(userAgent, log);
    this.scheduler = new PollScheduler({
      now: Date.now,
      setTimer: (callback, delay) => setTimeout(callback, delay),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      maxConcurrent: maxConcurrentPolls,
      poll: (id) => this.poll(id),
    });
    this.register({ dispose: () => this.scheduler.dispose() });
    this.register(tracker.onDidMove(({ taskId, offset }) => this.moveTarget(taskId, offset)));
    void this.resumePending();
  }

  /**
   * Picks up tasks that were running when the window closed: polling continues and the image
   * lands where it was asked for. A task is never submitted twice, except to AIReiter with the
   * same out_task_id, which the provider treats as the same task.
   */
  private async resumePending(): Promise<void> {
    for (const record of this.tasks.list().filter((candidate) => candidate.state === 'queued' || candidate.state === 'running')) {
      try {
        await this.resume(record);
      } catch (error) {
        this.fail(record, error);
      }
    }
  }

  private async resume(record: TaskRecord): Promise<void> {
    const targetUri = record.target ? vscode.Uri.parse(record.target.uri) : undefined;
    const settingsResult = readImageGenSettings(targetUri);
    // A task the provider already accepted is followed whatever became of its inputs since (a
    // reference kept only as a placeholder, say): it is paid for, only its result is missing.
    const { referenceImages: _kept, ...withoutReferences } = record.input;
    const validation = validateGeneration(record.taskId ? withoutReferences : record.input);
    if (!settingsResult.ok || !validation.ok) {
      this.fail(record, new SaveError(settingsResult.ok ? vscode.l10n.t('The task cannot be resumed: its settings are no longer valid.') : settingsResult.message));
      return;
    }
    const settings = settingsResult.settings;
    const provider = validation.model.provider;
    if (!record.taskId && provider !== 'aireiter') {
      this.fail(record, new SaveError(vscode.l10n.t('The window closed before {0} confirmed the task, so ImageGen did not send it again (that could charge twice). Check your provider dashboard, or retry.', providerLabel(record.input.modelKey))));
      return;
    }
    const apiKey = await this.keys.get(provider);
    if (!apiKey) {
      this.fail(record, providerError('auth', { provider }, vscode.l10n.t('No API key is set for {0}. Run "ImageGen: Set API Key", then retry.', providerLabel(record.input.modelKey))));
      return;
    }
    this.log.info(`Resuming ${record.id} (${record.input.modelKey}${record.taskId ? `, task ${record.taskId}` : ''})`);
    if (record.target && targetUri) {
      this.tracker.track(record.id, targetUri, record.target.offset);
    }
    if (!record.taskId && !record.acceptedAt) {
      // AIReiter: the task is looked up by our out_task_id first, and sent only if it does not exist.
      void this.submit(record, validation, settings, { mayExist: true });
      return;
    }
    const instance = this.clients.providerFor(provider, apiKey, settings);
    const handle: TaskHandle = { provider, modelKey: record.input.modelKey, clientTaskId: record.id, ...(record.taskId ? { taskId: record.taskId } : {}) };
    this.live.set(record.id, { provider: instance, handle, controller: new AbortController(), settings, polling: effectivePolling(validation.model.polling, settings.polling), samples: [] });
    this.scheduler.schedule(record.id, Date.now());
  }

  list(): TaskRecord[] {
    return this.tasks.list();
  }

  get(id: string): TaskRecord | undefined {
    return this.tasks.get(id);
  }

  /**
   * Starts a generation. Invalid input is refused with the reasons; everything else becomes a
   * task in the history, even when it fails at once (a missing key, say), so it can be retried.
   */
  async start(input: GenerationInput, target?: InsertionTarget): Promise<TaskRecord | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(vscode.l10n.t('ImageGen does not generate images in Restricted Mode: trust this workspace first.'));
      return undefined;
    }
    const settingsResult = readImageGenSettings(target?.uri);
    if (!settingsResult.ok) {
      void vscode.window.showErrorMessage(settingsResult.message);
      return undefined;
    }
    const validation = validateGeneration(input);
    if (!validation.ok) {
      void vscode.window.showErrorMessage(vscode.l10n.t('ImageGen cannot send this request: {0}', validation.issues.map((issue) => issue.message).join(' ')));
      return undefined;
    }
    // Asked before anything exists: no task, no placeholder, nothing in the document until a key is set.
    if (!(await this.keys.get(validation.model.provider)) && !(await askForApiKey(this.keys, validation.model.provider, 'missing'))) {
      return undefined;
    }
    const { referenceImages, ...rest } = input;
    const record: TaskRecord = {
      id: randomUUID(),
      input: { ...rest, prompt: input.prompt.trim(), ...(referenceImages ? { referenceImages: referenceImages.map(referenceForHistory) } : {}) },
      state: 'queued',
      createdAt: Date.now(),
      ...(validation.pixels ? { pixels: formatSize(validation.pixels.size) } : {}),
      ...(target ? { target: { uri: target.uri.toString(), offset: target.offset, languageId: target.languageId, ...(target.prefix ? { prefix: target.prefix } : {}) } } : {}),
    };
    this.tasks.update(record);
    try {
      // Before anything is paid for: an assets folder that cannot take the image fails the task now.
      await loadEngine().checkSaveLocation(settingsResult.settings, target?.uri ?? vscode.window.activeTextEditor?.document.uri, imageBaseName(record.input.prompt));
    } catch (error) {
      this.fail(record, error);
      return record;
    }
    if (target) {
      this.tracker.track(record.id, target.uri, target.offset);
    }
    void this.submit(record, validation, settingsResult.settings);
    return record;
  }

  async retry(id: string): Promise<TaskRecord | undefined> {
    const record = this.tasks.get(id);
    if (!record) {
      return undefined;
    }
    const target = record.target && record.state !== 'succeeded' ? { ...record.target, uri: vscode.Uri.parse(record.target.uri) } : undefined;
    return this.start(record.input, target);
  }

  cancel(id: string): boolean {
    const record = this.tasks.get(id);
    if (!record || (record.state !== 'queued' && record.state !== 'running')) {
      return false;
    }
    this.live.get(id)?.controller.abort();
    this.finish(record, { state: 'cancelled' });
    return true;
  }

  private async submit(record: TaskRecord, validation: ValidGeneration, settings: Settings, { mayExist = false } = {}): Promise<void> {
    const provider = validation.model.provider;
    const apiKey = await this.keys.get(provider);
    if (!apiKey) {
      this.fail(record, providerError('auth', { provider }, vscode.l10n.t('No API key is set for {0}. Run "ImageGen: Set API Key", then retry.', providerLabel(record.input.modelKey))));
      return;
    }
    const controller = new AbortController();
    const instance = this.clients.providerFor(provider, apiKey, settings);
    const polling = effectivePolling(validation.model.polling, settings.polling);
    const live: LiveTask = { provider: instance, handle: undefined, controller, settings, polling, samples: [] };
    this.live.set(record.id, live);
    try {
      // Workspace files are read now; the history keeps only their paths.
      const request = requestFromValidation({ ...validation, referenceImages: await Promise.all(validation.referenceImages.map(referenceForRequest)) }, record.input.prompt);
      this.log.info(`Submitting ${record.id} to ${validation.model.key}`);
      // An image inside the answer is written straight into the assets folder as it is decoded.
      const openImage = async () => loadEngine().ImageFileWriter.create(destinationFor(record, await this.saveLocationFor(record, settings), settings.maxDownloadMegabytes * 1024 * 1024));
      const onPreview = (preview: ImagePreview) => this.showPreview(record.id, preview);
      // An async task's submit ends by its deadline; a synchronous generation has its own timeout.
      const bounded = validation.model.polling.intervalMs > 0 ? withDeadline(controller.signal, polling.timeoutMs, () => new (loadEngine().TimeoutAbort)('deadline', polling.timeoutMs)) : undefined;
      let handle: TaskHandle;
      try {
        handle = await instance.submit(request, { clientTaskId: record.id, openImage, signal: bounded?.signal ?? controller.signal, onPreview, mayExist });
      } finally {
        bounded?.dispose();
      }
      live.handle = handle;
      const current = this.tasks.get(record.id);
      if (!current || current.state === 'cancelled') {
        return;
      }
      const acceptedAt = Date.now();
      this.tasks.update({
        ...current,
        state: 'running',
        acceptedAt,
        deadlineAt: acceptedAt + polling.timeoutMs,
        ...(handle.taskId ? { taskId: handle.taskId } : {}),
        ...(handle.estimatedCredits !== undefined ? { estimatedCredits: handle.estimatedCredits } : {}),
      });
      if (handle.completed) {
        await this.settle(record.id, handle.completed);
      } else {
        // Not before the initial delay (provider advice), and near the expected end when known.
        const now = Date.now();
        const planned = nextPollAt({ now, submittedAt: record.createdAt, samples: [], ...this.expectedDuration(record), intervalMs: polling.intervalMs, minGapMs: minPollGapMs });
        this.scheduler.schedule(record.id, Math.max(now + polling.initialDelayMs, this.expectedDuration(record).expectedDurationMs !== undefined ? planned : 0));
      }
    } catch (error) {
      this.fail(this.tasks.get(record.id) ?? record, error);
    }
  }

  private async poll(id: string): Promise<PollOutcome> {
    const record = this.tasks.get(id);
    const live = this.live.get(id);
    if (!record || !live?.handle || (record.state !== 'running' && record.state !== 'queued')) {
      return { done: true };
    }
    const { polling } = live;
    const acceptedAt = record.acceptedAt ?? record.createdAt;
    const deadlineAt = record.deadlineAt ?? acceptedAt + polling.timeoutMs;
    let status: TaskStatus;
    // Before the deadline a query ends by it: a task whose provider cannot be reached fails then.
    // Just past it, the query still gets a few seconds: "still running" makes the task overdue, not failed.
    const untilDeadline = record.overdue ? undefined : withDeadline(live.controller.signal, Math.max(deadlineAt - Date.now(), minQueryWindowMs), () => new (loadEngine().TimeoutAbort)('deadline', polling.timeoutMs));
    try {
      status = await live.provider.query(live.handle, untilDeadline?.signal ?? live.controller.signal);
    } catch (error) {
      const current = this.tasks.get(id) ?? record;
      if (isProviderError(error) && (error.details.retryable || error.kind === 'network' || error.kind === 'timeout')) {
        if (Date.now() > (current.deadlineAt ?? deadlineAt)) {
          // Past the deadline and the provider did not say it is still running.
          this.fail(current, providerError('timeout', { provider: live.provider.id }, vscode.l10n.t('The task did not finish within {0} s (imagegen.polling.timeoutSeconds), and the provider could not be asked about it: {1} It may still finish at the provider; check your dashboard before retrying.', Math.round(polling.timeoutMs / 1000), error.message)));
          return { done: true };
        }
        this.log.warn(`Query for ${id} failed, polling goes on: ${error.message}`);
        return { done: false, nextPollAt: Date.now() + (current.overdue ? overdueIntervalMs(polling.intervalMs) : polling.intervalMs) };
      }
      this.fail(current, error);
      return { done: true };
    } finally {
      untilDeadline?.dispose();
    }
    if ((status.state === 'queued' || status.state === 'running') && this.tasks.get(id)) {
      const current = this.tasks.get(id)!;
      const verdict = deadlineVerdict(Date.now(), acceptedAt, current.deadlineAt ?? deadlineAt);
      if (verdict === 'expired') {
        this.fail(current, providerError('timeout', { provider: live.provider.id }, vscode.l10n.t('The provider still reported this task running a day after it was accepted; ImageGen stopped following it. Check your provider dashboard.')));
        return { done: true };
      }
      if (verdict === 'overdue') {
        return this.followOverdue(current, live, status);
      }
    }
    if (status.state === 'queued' || status.state === 'running') {
      if (status.state === 'running' && status.unknownStatus && !live.unknownStatusLogged) {
        // Once per task, bounded and cleaned: a provider's status word can be anything.
        live.unknownStatusLogged = true;
        this.log.warn(`Task ${id}: unknown status "${sanitizeServerText(truncateText(status.unknownStatus, 200)) ?? ''}", still waiting`);
      }
      const progress = status.state === 'running' ? status.progress : undefined;
      const now = Date.now();
      if (progress !== undefined) {
        live.samples.push({ at: now, progress });
      }
      this.tasks.update({ ...record, state: 'running', ...(progress !== undefined ? { progress } : {}) }, { save: record.state === 'running' ? 'coalesced' : 'now' });
      return { done: false, nextPollAt: nextPollAt({ now, submittedAt: record.createdAt, samples: live.samples, ...this.expectedDuration(record), intervalMs: polling.intervalMs, minGapMs: minPollGapMs }) };
    }
    if (status.state === 'succeeded') {
      this.durations.observe(this.durationKeyOf(record), Date.now() - record.createdAt);
    }
    // Saving runs outside the poll slot: a slow image host must not hold up other tasks' queries.
    void this.settle(id, status);
    return { done: true };
  }

  /**
   * Past its deadline while the provider still works on it: the task is not dropped (it may still
   * be charged). The user is told once and asked; meanwhile it is polled more slowly.
   */
  private followOverdue(record: TaskRecord, live: LiveTask, status: TaskStatus): PollOutcome {
    const progress = status.state === 'running' ? status.progress : undefined;
    this.tasks.update({ ...record, state: 'running', overdue: true, ...(progress !== undefined ? { progress } : {}) }, { save: record.overdue ? 'coalesced' : 'now' });
    if (!live.overdueAsked) {
      live.overdueAsked = true;
      const waited = Date.now() - (record.acceptedAt ?? record.createdAt);
      this.log.warn(`Task ${record.id} is past its deadline (${Math.round(waited / 1000)} s) and still ${status.state} at the provider; following it every ${overdueIntervalMs(live.polling.intervalMs) / 1000} s until the user decides`);
      void askAboutOverdueTask(record.input.prompt, providerLabel(record.input.modelKey), waited).then((choice) => {
        if (choice === 'keepWaiting') this.keepWaiting(record.id);
        else if (choice === 'stopFollowing') this.stopFollowing(record.id);
      });
    }
    return { done: false, nextPollAt: Date.now() + overdueIntervalMs(live.polling.intervalMs) };
  }

  /** An overdue task gets another full deadline at the normal polling pace. */
  keepWaiting(id: string): boolean {
    const record = this.tasks.get(id);
    const live = this.live.get(id);
    if (!record || !live || !record.overdue) {
      return false;
    }
    const { overdue: _overdue, ...rest } = record;
    this.tasks.update({ ...rest, deadlineAt: Date.now() + live.polling.timeoutMs });
    live.overdueAsked = false;
    this.log.info(`Task ${id}: keeping on waiting for another ${live.polling.timeoutMs / 1000} s`);
    this.scheduler.schedule(id, Date.now());
    return true;
  }

  /** Stops polling an overdue task; the provider may still finish (and charge) it. */
  stopFollowing(id: string): boolean {
    const record = this.tasks.get(id);
    if (!record || !record.overdue || (record.state !== 'queued' && record.state !== 'running')) {
      return false;
    }
    this.live.get(id)?.controller.abort();
    this.fail(record, providerError('timeout', { provider: providerLabel(record.input.modelKey) }, vscode.l10n.t('You stopped following this task after its deadline. The provider may still finish it and charge for it; check your dashboard. The prompt is kept: retry from Show Tasks.')));
    return true;
  }

  private showPreview(id: string, preview: ImagePreview): void {
    const record = this.tasks.get(id);
    if (!record || (record.state !== 'queued' && record.state !== 'running')) {
      return;
    }
    this.previews.set({ taskId: id, ...preview });
    this.tasks.update({ ...record, state: 'running', preview: { index: preview.index, total: preview.total } }, { save: 'coalesced' });
  }

  private durationKeyOf(record: TaskRecord): string {
    return durationKey(record.input.modelKey, record.input.resolution, record.input.quality, record.input.size);
  }

  private expectedDuration(record: TaskRecord): { expectedDurationMs?: number } {
    const expected = this.durations.expected(this.durationKeyOf(record));
    return expected !== undefined ? { expectedDurationMs: expected } : {};
  }

  /** Handles a terminal status: saves and inserts the image, or reports why there is none. */
  private async settle(id: string, status: TaskStatus): Promise<void> {
    const record = this.tasks.get(id);
    const live = this.live.get(id);
    if (!record || !live || record.state === 'cancelled') {
      return;
    }
    if (status.state === 'failed') {
      this.fail(record, status.error);
      return;
    }
    if (status.state !== 'succeeded') {
      this.finish(record, { state: 'cancelled' });
      return;
    }
    try {
      const image = status.images[0]!;
      const { settings } = live;
      const destination = image.kind === 'saved' ? undefined : destinationFor(record, await this.saveLocationFor(record, settings), settings.maxDownloadMegabytes * 1024 * 1024);
      const { saveImage, isLoopbackUrl } = loadEngine();
      const saved = await saveImage(this.clients.http(), image, destination!, {
        policy: { providerIsLoopback: isLoopbackUrl(settings.baseUrls[live.provider.id]) },
        deadlineMs: settings.download.timeoutSeconds * 1000,
        signal: live.controller.signal,
      });
      const uri = vscode.Uri.file(saved.path);
      const withImage: TaskRecord = { ...(this.tasks.get(id) ?? record), imageUri: uri.toString() };
      // The link is in the document before the task counts as done, so "done" means done.
      let inserted = false;
      if (withImage.target) {
        try {
          inserted = await this.insertLink(withImage, vscode.Uri.parse(withImage.target.uri));
        } catch {
          // The document was deleted or cannot be opened: the image is saved all the same.
          this.tracker.forget(id);
          void vscode.window.showWarningMessage(vscode.l10n.t('The document for this image is gone; the image was saved at {0}.', vscode.workspace.asRelativePath(uri, false)));
        }
      }
      const done = this.finish(withImage, { state: 'succeeded', progress: 100 });
      notifySuccess(done, uri, inserted, (editor) => this.insertLink(done, editor.document.uri, editor.selection.active));
    } catch (error) {
      this.fail(this.tasks.get(id) ?? record, error);
    }
  }

  private async saveLocationFor(record: TaskRecord, settings: Settings): Promise<SaveLocation> {
    const documentUri = record.target ? vscode.Uri.parse(record.target.uri) : vscode.window.activeTextEditor?.document.uri;
    return loadEngine().prepareSaveLocation(settings, documentUri, imageBaseName(record.input.prompt));
  }

  /** Inserts the image link at the task's tracked position, or at `at`; returns whether it did. */
  insertLink(record: TaskRecord, documentUri: vscode.Uri, at?: vscode.Position): Promise<boolean> {
    return this.links.insert(record, documentUri, at);
  }

  private fail(record: TaskRecord, error: unknown): void {
    const current = this.tasks.get(record.id);
    if (current && current.state !== 'queued' && current.state !== 'running') {
      // Cancelled (or settled) meanwhile: what its requests ran into afterwards is not news.
      this.log.info(`Task ${record.id} (${current.state}) ended its requests: ${error instanceof Error ? truncateText(error.message, 200) : ''}`);
      return;
    }
    const { message, providerFailure, unexpected } = describeFailure(error);
    if (unexpected) {
      this.log.error(`Task ${record.id} failed`, error);
    } else {
      this.log.warn(`Task ${record.id} failed: ${message}`);
    }
    if (providerFailure?.kind === 'cancelled') {
      this.finish(record, { state: 'cancelled' });
      return;
    }
    if (providerFailure?.kind === 'auth') {
      // A missing or refused key is not the document's business: no note; ask for a key and go on.
      this.tracker.forget(record.id);
      const failed = this.finish(record, { state: 'failed', error: { kind: 'auth', message } });
      void askForKeyAgain(this.keys, record.input.modelKey).then((stored) => {
        if (stored) void this.retry(failed.id);
      });
      return;
    }
    void this.links.insertFailureNote(record, message);
    const failed = this.finish(record, { state: 'failed', error: { kind: providerFailure?.kind ?? 'unexpected', message } });
    const retry = vscode.l10n.t('Retry');
    void vscode.window.showErrorMessage(vscode.l10n.t('Image generation failed: {0}', message), retry).then((choice) => {
      if (choice === retry) {
        void this.retry(failed.id);
      }
    });
  }

  private finish(record: TaskRecord, patch: Partial<TaskRecord> & Pick<TaskRecord, 'state'>): TaskRecord {
    this.scheduler.remove(record.id);
    this.live.delete(record.id);
    this.previews.clear(record.id);
    if (patch.state === 'cancelled') {
      this.tracker.forget(record.id);
    }
    const { preview: _preview, overdue: _overdue, ...rest } = record;
    const done = this.tasks.update({ ...rest, ...patch, finishedAt: Date.now() });
    this.onDidFinishEmitter.fire(done);
    return done;
  }

  /** After the image file was deleted: the task stays in the history (its prompt is kept), without the image. */
  async forgetImage(id: string): Promise<void> {
    const record = this.tasks.get(id);
    if (record?.imageUri) {
      const { imageUri: _deleted, ...rest } = record;
      this.tasks.update(rest);
    }
  }

  private moveTarget(taskId: string, offset: number): void {
    const record = this.tasks.get(taskId);
    if (record?.target) {
      // Only where the image goes changed: nothing the status bar or studio shows.
      this.tasks.update({ ...record, target: { ...record.target, offset } }, { save: 'coalesced', publish: false });
    }
  }

}
