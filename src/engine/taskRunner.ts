// A task's life after it was created: submitted once, followed (TaskPolling), settled into an
// image (the Destination saves and places it) or a failure that keeps the prompt, cancelled.
// Resuming after a restart is TaskResumer's. Written against the provider interface and the
// engine's ports: no editor code in here.
import * as l10n from '@vscode/l10n';
import type { ValidGeneration } from '../core/catalog/validateGeneration';
import { effectivePolling } from '../core/tasks/taskDeadline';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { truncateText } from '../core/text';
import type { Settings } from '../config/settings';
import { providerError } from '../providers/errors';
import { TimeoutAbort } from '../providers/http/timedBody';
import { TaskStopped } from './taskStopped';
import { requestFromValidation, type ImagePreview, type TaskHandle, type TaskStatus } from '../providers/provider';
import { Disposable } from '../util/dispose';
import { Emitter } from '../util/emitter';
import { withDeadline } from './deadlineSignal';
import { endpointFingerprint } from './endpointFingerprint';
import type { EngineParts } from './engineParts';
import { spendingOutcome } from './billing';
import { describeFailure } from './failureMessage';
import { keyProvidedFor } from './keyWait';
import { PreviewStore } from './previewStore';
import { readReference } from './referenceReader';
import { TaskPolling, type LiveTask } from './taskPolling';
import { TaskResumer } from './taskResumer';
import { CandidateGroups } from './candidateGroups';
import { TaskSettling } from './taskSettling';

const isOpen = (record: TaskRecord) => record.state === 'queued' || record.state === 'running';

export class TaskRunner extends Disposable {
  private readonly live = new Map<string, LiveTask>();
  /** Tasks resubmitted after a reload with their own id: the provider may already have them. */
  private readonly mayExist = new Set<string>();
  private readonly polling: TaskPolling;
  private readonly resumer: TaskResumer;
  /** Candidates whose images come with another task's request (OpenAI `n`), and each group's placeholder. */
  private readonly groups: CandidateGroups;
  /** A task's terminal status turned into its image (saved, finished, linked) or its failure. */
  private readonly settling: TaskSettling;
  /** Submits and saves under way, so a host that stops can wait for their files to be cleaned up. */
  private readonly working = new Set<Promise<void>>();
  private stopping = false;
  private readonly onDidFinishEmitter = this.register(new Emitter<TaskRecord>());
  /** Fires when a task reaches a terminal state. */
  readonly onDidFinish = this.onDidFinishEmitter.event;
  private readonly onDidParkEmitter = this.register(new Emitter<TaskRecord>());
  /** Fires when a task is left as it is, with a note (a key this host cannot ask for): nothing runs for it until the host starts again. */
  readonly onDidPark = this.onDidParkEmitter.event;
  /** Partial images of streaming generations, for the studio. */
  readonly previews = this.register(new PreviewStore());

  constructor(
    private readonly parts: EngineParts,
    /** Runs a task's generation again as a new task (after a new key, or the user's Retry). */
    private readonly retry: (id: string) => Promise<unknown>,
  ) {
    super();
    this.groups = new CandidateGroups(parts.tasks, parts.destination);
    this.settling = new TaskSettling(parts, this.live, this.groups, { fail: (record, error) => this.fail(record, error), finish: (record, patch) => this.finish(record, patch) });
    const host = { live: this.live, fail: (record: TaskRecord, error: unknown) => this.fail(record, error), settle: (id: string, status: TaskStatus) => this.track(this.settling.settle(id, status)) };
    this.polling = this.register(new TaskPolling(parts.tasks, host, parts.reporter, parts.log, parts.clock));
    this.resumer = new TaskResumer(parts, {
      live: this.live,
      mayExist: this.mayExist,
      fail: (record, error) => this.fail(record, error),
      finish: (record, patch) => this.finish(record, patch),
      submit: (record, validation, settings, options) => this.submit(record, validation, settings, options),
      pollNow: (id) => this.polling.pollNow(id),
      stopPolling: (id) => this.polling.stop(id),
      parked: (record) => this.onDidParkEmitter.fire(record),
      deliverSaved: (record, image, settings, baseUrl) => this.track(this.settling.deliverImage(record, { kind: 'saved', image }, settings, baseUrl, new AbortController().signal)),
    });
  }

  keepWaiting(id: string): boolean {
    return this.polling.keepWaiting(id);
  }

  stopFollowing(id: string): boolean {
    return this.polling.stopFollowing(id);
  }

  /** Picks up the tasks that were running when the host stopped (see TaskResumer). */
  resumePending(): Promise<void> {
    return this.resumer.resumePending();
  }

  /** How many images one request to `provider` may make (OpenAI's `n`), with these settings. */
  imagesPerRequest(provider: Parameters<EngineParts['clients']['imagesPerRequest']>[0], settings: Settings): number {
    return this.parts.clients.imagesPerRequest(provider, settings);
  }

  cancel(id: string): boolean {
    const record = this.parts.tasks.get(id);
    if (!record || !isOpen(record)) {
      return false;
    }
    const sender = this.groups.senderOf(record);
    if (sender !== undefined) {
      // Its image comes with the sender's one request: cancelling it is cancelling that request, for all of them.
      return this.cancel(sender);
    }
    const requestOut = this.isSending(id); // On its way, it may be generated and billed already (OpenAI answers with the image): it stays counted.
    this.live.get(id)?.controller.abort();
    this.finish(record, { state: 'cancelled' }, requestOut);
    this.groups.endRiders(id, (rider) => this.finish(rider, { state: 'cancelled' }, requestOut));
    return true;
  }

  /** Whether task `id`'s request is on its way to the provider, its answer not yet here. */
  isSending(id: string): boolean {
    const live = this.live.get(id);
    return live?.sent === true && live.handle === undefined;
  }

  /**
   * The host is stopping: every request is aborted and nothing it runs into afterwards changes a
   * task (the store keeps each as it was, to be resumed). Settles once the submits and saves under
   * way let go of their files, or after `limitMs`.
   */
  async stopAll(limitMs: number): Promise<void> {
    this.stopping = true;
    this.polling.dispose();
    for (const live of this.live.values()) live.controller.abort();
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.working]), new Promise((resolve) => (timer = setTimeout(resolve, limitMs)))]);
    clearTimeout(timer);
  }

  /**
   * Sends a new task to its provider, once; an answer that carries the image settles it at once.
   * `riders`: candidates whose images the same request makes (OpenAI `n` = 1 + riders); they end with it.
   */
  submit(record: TaskRecord, validation: ValidGeneration, settings: Settings, { mayExist = false, riders = [] }: { mayExist?: boolean; riders?: readonly TaskRecord[] } = {}): Promise<void> {
    this.groups.share(record.id, riders.map((rider) => rider.id));
    return this.track(this.send(record, validation, settings, mayExist));
  }

  private async send(record: TaskRecord, validation: ValidGeneration, settings: Settings, mayExist: boolean): Promise<void> {
    const { tasks, keys, clients, destination, reporter, log, clock } = this.parts;
    const provider = validation.model.provider;
    const apiKey = await keys.get(provider);
    if (!apiKey) {
      this.fail(record, providerError('auth', { provider }, reporter.noKeyMessage(record.input.modelKey)));
      return;
    }
    if (this.stopping || !isOpen(tasks.get(record.id) ?? record)) {
      return; // Cancelled (or the host stopped) while the key was read: nothing is sent.
    }
    const controller = new AbortController();
    const instance = clients.providerFor(provider, apiKey, settings);
    const polling = effectivePolling(validation.model.polling, settings.polling);
    const live: LiveTask = { provider: instance, handle: undefined, controller, settings, polling, samples: [] };
    this.live.set(record.id, live);
    try {
      // Workspace files are read now; the history keeps only their paths.
      const request = requestFromValidation({ ...validation, referenceImages: await Promise.all(validation.referenceImages.map((reference) => readReference(this.parts.references, reference, provider))) }, record.input.prompt);
      log.info(`Submitting ${record.id} to ${validation.model.key}`);
      // Which endpoint it went to, before it goes: a resumed task is followed only there.
      const endpoint = endpointFingerprint(settings.baseUrls[provider]);
      // Its riders go with the same request: after a stop they are as may-be-billed as it is.
      for (const sending of this.groups.sharers(record.id, record)) if (sending.endpoint !== endpoint) tasks.update({ ...sending, endpoint }, { publish: false });
      // Remembered before it leaves: a host that stops while the request is out finds the task on its
      // next start instead of losing a request that may be billed. A store that cannot write sends nothing.
      if (!(await tasks.flushed())) {
        throw new TaskStopped(l10n.t('Not sent: ImageGen could not write down this task before sending it (the log says why), so it could not be followed if the host stopped. Nothing was charged; retry once the task store can be written.'));
      }
      if (this.stopping || !isOpen(tasks.get(record.id) ?? record)) {
        return; // Cancelled (or the host stopped) while the task was written: nothing is sent.
      }
      // An image inside the answer is written straight into the assets folder as it is decoded.
      // Image `index` of the answer is the sender's (0) or its rider's: each into its own file.
      const sharers = this.groups.sharers(record.id, record);
      const openImage = (index = 0) => {
        const owner = sharers[index] ?? record;
        return destination.openImage(tasks.get(owner.id) ?? owner, settings);
      };
      const onPreview = (preview: ImagePreview) => this.showPreview(record.id, preview);
      // An async task's submit ends by its deadline; a synchronous generation has its own timeout.
      const bounded = validation.model.polling.intervalMs > 0 ? withDeadline(controller.signal, polling.timeoutMs, () => new TimeoutAbort('deadline', polling.timeoutMs)) : undefined;
      let handle: TaskHandle;
      live.sent = true;
      try {
        handle = await instance.submit(request, { clientTaskId: record.id, openImage, signal: bounded?.signal ?? controller.signal, onPreview, mayExist, ...(sharers.length > 1 ? { count: sharers.length } : {}) });
      } finally {
        bounded?.dispose();
      }
      live.handle = handle;
      const current = tasks.get(record.id);
      if (!current || current.state === 'cancelled' || this.stopping) return;
      const acceptedAt = clock.now();
      tasks.update({
        ...current,
        state: 'running',
        acceptedAt,
        deadlineAt: acceptedAt + polling.timeoutMs,
        ...(handle.taskId ? { taskId: handle.taskId } : {}),
        ...(handle.estimatedCredits !== undefined ? { estimatedCredits: handle.estimatedCredits } : {}),
      });
      // The provider priced this request itself (at its size): the ledger counts that from now on.
      if (handle.estimatedCredits !== undefined && current.spentBy) this.parts.spending?.estimated?.(current, current.spentBy, handle.estimatedCredits);
      if (handle.completed) {
        await this.settling.settle(record.id, handle.completed);
      } else {
        this.polling.pollAccepted(record, polling);
      }
    } catch (error) {
      this.fail(tasks.get(record.id) ?? record, error);
    }
  }

  private showPreview(id: string, preview: ImagePreview): void {
    const record = this.parts.tasks.get(id);
    if (!record || !isOpen(record)) {
      return;
    }
    this.previews.set({ taskId: id, ...preview });
    this.parts.tasks.update({ ...record, state: 'running', preview: { index: preview.index, total: preview.total } }, { save: 'coalesced' });
  }

  /** Ends a task as failed (or cancelled), keeping its prompt and what changed since the caller read it; says why, where the user is. */
  fail(given: TaskRecord, error: unknown): void {
    const { tasks, keys, destination, reporter, log } = this.parts;
    const record = tasks.get(given.id) ?? given;
    if (!isOpen(record) || this.stopping) {
      // Cancelled (or settled) meanwhile, or the host is stopping: what its requests ran into afterwards is not news.
      log.info(`Task ${record.id} (${record.state}) ${this.stopping ? 'is left for the next start' : 'ended its requests'}: ${error instanceof Error ? truncateText(error.message, 200) : ''}`);
      return;
    }
    const { message, providerFailure, unexpected, mayHaveCharged } = describeFailure(error);
    if (unexpected) {
      log.error(`Task ${record.id} failed`, error);
    } else {
      log.warn(`Task ${record.id} failed: ${message}`);
    }
    if (providerFailure?.kind === 'cancelled') {
      this.finish(record, { state: 'cancelled' });
      this.groups.endRiders(record.id, (rider) => this.finish(rider, { state: 'cancelled' }));
      return;
    }
    if (providerFailure?.kind === 'auth') {
      // A missing or refused key is not the document's business: no note; a key is asked for.
      if (record.taskId !== undefined || record.acceptedAt !== undefined || this.mayExist.has(record.id)) {
        // Accepted, or perhaps created before a reload (and maybe charged): followed on with the new key, never sent as a new task.
        void this.resumer.followOnceKeyed(record, message);
        return;
      }
      // Refused at submit, so nothing was created: once a key is stored the same generation runs
      // as a new task, from where the placeholder is by then.
      const failed = this.finish(record, { state: 'failed', error: { kind: 'auth', message } });
      // Riders end with it (nothing was sent for them); the retry once a key is stored is the sender's generation alone.
      this.groups.endRiders(record.id, (rider) => this.finish(rider, { state: 'failed', error: { kind: 'auth', message } }));
      void keyProvidedFor(keys, reporter, record.input.modelKey)
        .then(async (stored) => {
          if (stored) await this.retry(failed.id);
        })
        .catch((problem: unknown) => log.error(`Task ${failed.id}: running it again with the new key failed`, problem))
        .finally(() => destination.forget(failed.id));
      return;
    }
    const failure = { kind: providerFailure?.kind ?? 'unexpected', message, ...(mayHaveCharged ? { mayHaveCharged } : {}) };
    // A candidate leaves no note in the document: the group's place waits for the one picked.
    if (!record.candidate) void destination.failureNote(record, message);
    const failed = this.finish(record, { state: 'failed', error: failure });
    // Its riders' images were to come with this request: they end with it, said once.
    this.groups.endRiders(record.id, (rider) => this.finish(rider, { state: 'failed', error: failure }));
    reporter.generationFailed(message, () => void this.retry(failed.id), mayHaveCharged);
  }

  private finish(record: TaskRecord, patch: Partial<TaskRecord> & Pick<TaskRecord, 'state'>, requestOut = false): TaskRecord {
    this.polling.stop(record.id);
    this.live.delete(record.id);
    this.previews.clear(record.id);
    if (patch.state === 'cancelled') {
      this.parts.destination.forget(record.id);
    }
    this.mayExist.delete(record.id);
    const { preview: _preview, overdue: _overdue, savedImage: _saved, ...rest } = record;
    const done = this.parts.tasks.update({ ...rest, ...patch, finishedAt: this.parts.clock.now() });
    // The ledger learns how it ended: charged, released, or left as expected (engine/billing.ts decides).
    const spent = spendingOutcome(done, requestOut);
    if (this.parts.spending && done.spentBy && spent !== 'unknown') this.parts.spending.settle(done, done.spentBy, spent === 'charged' ? { charged: done.creditsUsed } : 'released');
    this.groups.ended(done);
    this.onDidFinishEmitter.fire(done);
    return done;
  }

  private track(work: Promise<void>): Promise<void> {
    this.working.add(work);
    void work.finally(() => this.working.delete(work));
    return work;
  }
}

