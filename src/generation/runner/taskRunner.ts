// A task's life after it was created: submitted once, followed (TaskPolling), settled into an
// image in the workspace or a failure that keeps the prompt, resumed after a reload, cancelled.
// Written against the provider interface, Delivery and the Notifier: no editor code in here.
import * as vscode from 'vscode';
import type { ValidGeneration } from '../../core/catalog/validateGeneration';
import { providerNameOf } from '../../core/catalog/providerNames';
import { effectivePolling } from '../../core/tasks/taskDeadline';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { truncateText } from '../../core/text';
import type { Settings } from '../../config/settings';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import { loadEngine } from '../../engineLoader';
import { providerError } from '../../providers/errors';
import { requestFromValidation, type ImagePreview, type TaskHandle, type TaskStatus } from '../../providers/provider';
import { Disposable } from '../../util/dispose';
import type { ApiKeyStore } from '../apiKeyStore';
import { withDeadline } from '../deadlineSignal';
import type { Delivery } from '../delivery/delivery';
import { describeFailure } from '../failureMessage';
import { keyProvidedFor, noKeyMessage } from '../keyPrompt';
import type { Notifier } from '../notifier';
import { PreviewStore } from '../previewStore';
import type { ProviderClients } from '../providerClients';
import type { TaskStore } from '../taskStore';
import { ResumedSettings } from './resumeSettings';
import { TaskPolling, type LiveTask } from './taskPolling';
import { TaskStopped } from './taskStopped';

export class TaskRunner extends Disposable {
  private readonly live = new Map<string, LiveTask>();
  /** Tasks resubmitted after a reload with their own id: the provider may already have them. */
  private readonly mayExist = new Set<string>();
  private readonly resumedSettings: ResumedSettings;
  private readonly polling: TaskPolling;
  private readonly onDidFinishEmitter = this.register(new vscode.EventEmitter<TaskRecord>());
  /** Fires when a task reaches a terminal state. */
  readonly onDidFinish = this.onDidFinishEmitter.event;
  /** Partial images of streaming generations, for the studio. */
  readonly previews = this.register(new PreviewStore());

  constructor(
    private readonly tasks: TaskStore,
    private readonly keys: ApiKeyStore,
    private readonly clients: ProviderClients,
    private readonly delivery: Delivery,
    private readonly notifier: Notifier,
    private readonly log: vscode.LogOutputChannel,
    /** Runs a task's generation again as a new task (after a new key, or the user's Retry). */
    private readonly retry: (id: string) => Promise<unknown>,
  ) {
    super();
    this.resumedSettings = new ResumedSettings(log, notifier);
    this.polling = new TaskPolling(tasks, { live: this.live, fail: (record, error) => this.fail(record, error), settle: (id, status) => this.settle(id, status) }, notifier, log);
    this.register(this.polling);
  }

  keepWaiting(id: string): boolean {
    return this.polling.keepWaiting(id);
  }

  stopFollowing(id: string): boolean {
    return this.polling.stopFollowing(id);
  }

  /**
   * Picks up tasks that were running when the window closed: polling continues and the image
   * lands where it was asked for. A task is never submitted twice, except to AIReiter with the
   * same out_task_id, which the provider treats as the same task.
   */
  async resumePending(): Promise<void> {
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
    const validation = loadEngine().validateGeneration(record.taskId ? withoutReferences : record.input, { acceptRetired: record.taskId !== undefined || record.acceptedAt !== undefined });
    const chosen = validation.ok ? this.resumedSettings.choose(settingsResult, validation.model.provider) : undefined;
    if (!validation.ok || !chosen?.ok) {
      this.fail(record, new TaskStopped(chosen && !chosen.ok ? chosen.message : vscode.l10n.t('The task cannot be resumed: its settings are no longer valid.')));
      return;
    }
    const { settings } = chosen;
    const provider = validation.model.provider;
    if (!record.taskId && provider !== 'aireiter') {
      this.fail(record, new TaskStopped(vscode.l10n.t('The window closed before {0} confirmed the task, so ImageGen did not send it again (that could charge twice). Check your provider dashboard, or retry.', providerNameOf(record.input.modelKey))));
      return;
    }
    // The placeholder keeps the link's place from now on, also while a key is waited for.
    this.delivery.track(record.id, record.target && targetUri ? { ...record.target, uri: targetUri } : undefined);
    const apiKey = await this.keys.get(provider);
    if (!apiKey) {
      // The provider may have this task (and charge for it): it is followed on once a key exists, never sent as a new one.
      void this.followOnceKeyed(record, noKeyMessage(record.input.modelKey));
      return;
    }
    this.log.info(`Resuming ${record.id} (${record.input.modelKey}${record.taskId ? `, task ${record.taskId}` : ''})`);
    if (!record.taskId && !record.acceptedAt) {
      // AIReiter: the task is looked up by our out_task_id first, and sent only if it does not exist.
      this.mayExist.add(record.id);
      void this.submit(record, validation, settings, { mayExist: true });
      return;
    }
    const instance = this.clients.providerFor(provider, apiKey, settings);
    const handle: TaskHandle = { provider, modelKey: record.input.modelKey, clientTaskId: record.id, ...(record.taskId ? { taskId: record.taskId } : {}) };
    this.live.set(record.id, { provider: instance, handle, controller: new AbortController(), settings, polling: effectivePolling(validation.model.polling, settings.polling), samples: [] });
    this.polling.pollNow(record.id);
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

  /** Sends a new task to its provider, once; an answer that carries the image settles it at once. */
  async submit(record: TaskRecord, validation: ValidGeneration, settings: Settings, { mayExist = false } = {}): Promise<void> {
    const provider = validation.model.provider;
    const apiKey = await this.keys.get(provider);
    if (!apiKey) {
      this.fail(record, providerError('auth', { provider }, noKeyMessage(record.input.modelKey)));
      return;
    }
    const controller = new AbortController();
    const instance = this.clients.providerFor(provider, apiKey, settings);
    const polling = effectivePolling(validation.model.polling, settings.polling);
    const live: LiveTask = { provider: instance, handle: undefined, controller, settings, polling, samples: [] };
    this.live.set(record.id, live);
    try {
      // Workspace files are read now; the history keeps only their paths.
      const request = requestFromValidation({ ...validation, referenceImages: await Promise.all(validation.referenceImages.map((reference) => loadEngine().referenceForRequest(reference, provider))) }, record.input.prompt);
      this.log.info(`Submitting ${record.id} to ${validation.model.key}`);
      // An image inside the answer is written straight into the assets folder as it is decoded.
      const openImage = () => this.delivery.openImage(record, settings);
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
        this.polling.pollAccepted(record, polling);
      }
    } catch (error) {
      this.fail(this.tasks.get(record.id) ?? record, error);
    }
  }

  private showPreview(id: string, preview: ImagePreview): void {
    const record = this.tasks.get(id);
    if (!record || (record.state !== 'queued' && record.state !== 'running')) {
      return;
    }
    this.previews.set({ taskId: id, ...preview });
    this.tasks.update({ ...record, state: 'running', preview: { index: preview.index, total: preview.total } }, { save: 'coalesced' });
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
      const { settings } = live;
      const { uri, inserted } = await this.delivery.deliver(record, status.images[0]!, settings, settings.baseUrls[live.provider.id], live.controller.signal);
      // The link is in the document before the task counts as done, so "done" means done.
      const done = this.finish({ ...(this.tasks.get(id) ?? record), imageUri: uri.toString() }, { state: 'succeeded', progress: 100, ...(record.target ? { linkInserted: inserted } : {}) });
      this.delivery.announce(done, uri, inserted);
    } catch (error) {
      this.fail(this.tasks.get(id) ?? record, error);
    }
  }

  /** Ends a task as failed (or cancelled), keeping its prompt and what changed since the caller read it; says why, where the user is. */
  fail(given: TaskRecord, error: unknown): void {
    const record = this.tasks.get(given.id) ?? given;
    if (record.state !== 'queued' && record.state !== 'running') {
      // Cancelled (or settled) meanwhile: what its requests ran into afterwards is not news.
      this.log.info(`Task ${record.id} (${record.state}) ended its requests: ${error instanceof Error ? truncateText(error.message, 200) : ''}`);
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
      // A missing or refused key is not the document's business: no note; a key is asked for.
      if (record.taskId !== undefined || record.acceptedAt !== undefined || this.mayExist.has(record.id)) {
        // Accepted, or perhaps created before a reload (and maybe charged): followed on with the new key, never sent as a new task.
        void this.followOnceKeyed(record, message);
        return;
      }
      // Refused at submit, so nothing was created: once a key is stored the same generation runs
      // as a new task, from where the placeholder is by then.
      const failed = this.finish(record, { state: 'failed', error: { kind: 'auth', message } });
      void keyProvidedFor(this.keys, this.notifier, record.input.modelKey)
        .then(async (stored) => {
          if (stored) await this.retry(failed.id);
        })
        .catch((problem: unknown) => this.log.error(`Task ${failed.id}: running it again with the new key failed`, problem))
        .finally(() => this.delivery.forget(failed.id));
      return;
    }
    void this.delivery.failureNote(record, message);
    const mayHaveCharged = providerFailure?.details.mayHaveCharged === true;
    const failed = this.finish(record, { state: 'failed', error: { kind: providerFailure?.kind ?? 'unexpected', message, ...(mayHaveCharged ? { mayHaveCharged } : {}) } });
    this.notifier.generationFailed(message, () => void this.retry(failed.id), mayHaveCharged);
  }

  /** A task the provider has is followed on once a key is stored; it fails (keeping its prompt) if none is. */
  private async followOnceKeyed(record: TaskRecord, message: string): Promise<void> {
    this.polling.stop(record.id);
    this.live.delete(record.id);
    this.log.warn(`Task ${record.id} waits for an API key: ${message}`);
    let stored = false;
    try {
      stored = await keyProvidedFor(this.keys, this.notifier, record.input.modelKey);
      const current = this.tasks.get(record.id);
      if (!current || (current.state !== 'queued' && current.state !== 'running')) {
        return;
      }
      if (stored) {
        await this.resume(current);
        return;
      }
    } catch (problem) {
      // Secret storage or the resume itself failed: the task ends, its prompt kept, instead of hanging.
      this.log.error(`Task ${record.id}: could not go on with a new key`, problem);
    }
    const current = this.tasks.get(record.id);
    if (current && (current.state === 'queued' || current.state === 'running')) {
      this.delivery.forget(record.id);
      this.finish(current, { state: 'failed', error: { kind: 'auth', message } });
    }
  }

  private finish(record: TaskRecord, patch: Partial<TaskRecord> & Pick<TaskRecord, 'state'>): TaskRecord {
    this.polling.stop(record.id);
    this.live.delete(record.id);
    this.previews.clear(record.id);
    if (patch.state === 'cancelled') {
      this.delivery.forget(record.id);
    }
    this.mayExist.delete(record.id);
    const { preview: _preview, overdue: _overdue, ...rest } = record;
    const done = this.tasks.update({ ...rest, ...patch, finishedAt: Date.now() });
    this.onDidFinishEmitter.fire(done);
    return done;
  }
}
