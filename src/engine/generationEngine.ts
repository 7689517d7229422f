// The one way into a generation, whoever asks (the palette, the studio, the agent tool, an MCP
// client, the command line): input → checked request → task → progress → image → link. `generate`
// refuses what cannot be sent before anything exists, asks for a missing key where the host can,
// and hands back a handle that follows the task to its end. The task operations a host offers
// (retry, cancel, keep waiting, stop following) are here too, so no host reaches the runner.
import { randomUUID } from 'node:crypto';
import { formatSize } from '../core/catalog/sizes';
import { validateGeneration, type GenerationInput } from '../core/catalog/validateGeneration';
import type { LedgerHost } from '../core/budget/ledgerEntry';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { Disposable } from '../util/dispose';
import { Emitter, type Event } from '../util/emitter';
import type { EngineParts } from './engineParts';
import { keyProvided } from './keyWait';
import type { TaskTarget, Trust } from './ports';
import { referenceForHistory } from './referenceHistory';
import { TaskRunner } from './taskRunner';

/** A generation under way: the task as created, its changes, and its end. */
export interface GenerationHandle {
  readonly record: TaskRecord;
  /** Each change of the task (state, progress, preview) until it ends. */
  readonly onDidChange: Event<TaskRecord>;
  /** The task once it succeeded, failed or was cancelled (or as it stands when the engine is disposed). */
  readonly result: Promise<TaskRecord>;
}

/** How a caller wants a generation run. */
export interface GenerateOptions {
  /** Ask for a missing key and wait for it (default); false: refuse at once, saying which key is missing. */
  readonly askForKey?: boolean;
  /** Aborting it cancels the task. */
  readonly signal?: AbortSignal;
  /** A folder for the image, relative to the workspace folder, instead of the settings' rules. */
  readonly saveFolder?: string;
  /** Who asks, as the budget counts it (the agent tool: `agent`); else the host's own kind. */
  readonly spentBy?: LedgerHost;
  /** The image (URI) the new one is made from (Regenerate, Variation, Edit…): kept on the task so the two can be compared. */
  readonly basedOn?: string;
}

/** A generation started, or why nothing was (the user was told already, except for a missing key not asked for). */
export type GenerationStart = { readonly ok: true; readonly handle: GenerationHandle } | { readonly ok: false; readonly reason: string };

export class GenerationEngine extends Disposable {
  /** The handles still following their task, by task id. */
  private readonly handles = new Map<string, (done: TaskRecord | undefined) => void>();
  private readonly runner: TaskRunner;

  constructor(
    private readonly parts: EngineParts,
    private readonly trust: Trust,
  ) {
    super();
    // Retrying goes back through generate: a new task, the same checks.
    this.runner = new TaskRunner(parts, (id) => this.retry(id));
    // Disposed in this order: handles settle, polling stops, then the store is saved one last time.
    this.register(parts.tasks);
    this.register(this.runner);
    // The host closing: every handle settles with its task as it stands, and lets go of its listeners.
    this.register({ dispose: () => [...this.handles].forEach(([id, end]) => end(this.parts.tasks.get(id))) });
  }

  /** Fires when a task reaches a terminal state. */
  get onDidFinish(): Event<TaskRecord> {
    return this.runner.onDidFinish;
  }

  /** Fires when a task is left as it is with a note, nothing running for it (see TaskRunner.onDidPark). */
  get onDidPark(): Event<TaskRecord> {
    return this.runner.onDidPark;
  }

  /** Every published change of a task. */
  get onDidUpdate(): Event<TaskRecord> {
    return this.parts.tasks.onDidUpdate;
  }

  /** Partial images of streaming generations, for the studio. */
  get previews(): TaskRunner['previews'] {
    return this.runner.previews;
  }

  /**
   * Starts a generation; the link goes to `target` when there is one. Invalid input is refused
   * with the reasons and nothing is created; everything else becomes a task in the store, even
   * when it fails at once (an assets folder outside the workspace, say), so it can be retried.
   */
  async generate(input: GenerationInput, target?: TaskTarget, options: GenerateOptions = {}): Promise<GenerationStart> {
    const { tasks, keys, destination, reporter, clock } = this.parts;
    if (!this.trust.isTrusted) {
      return { ok: false, reason: reporter.restrictedMode() };
    }
    const settingsResult = this.parts.settings.read(target?.uri);
    if (!settingsResult.ok) {
      return { ok: false, reason: reporter.invalidSettings(settingsResult.message) };
    }
    const validation = validateGeneration(input);
    if (!validation.ok) {
      return { ok: false, reason: reporter.requestRefused(validation.issues.map((issue) => issue.message)) };
    }
    const id = randomUUID();
    if (!(await keys.get(validation.model.provider))) {
      if (options.askForKey === false || !reporter.canAsk) {
        return { ok: false, reason: reporter.noKeyMessage(validation.model.key) };
      }
      // Asked before anything exists: no task, nothing in the document until a key is set. The
      // placeholder keeps the place meanwhile, so edits made while getting a key do not move it.
      destination.track(id, target);
      const stored = await keyProvided(keys, reporter, validation.model.provider, 'missing');
      const place = destination.placeOf(id);
      destination.forget(id);
      if (!stored) {
        return { ok: false, reason: reporter.noKeyNoRequest(validation.model.provider) };
      }
      target = target && place !== undefined ? { ...target, offset: place } : target;
    }
    const { referenceImages, ...rest } = input;
    const spentBy = this.parts.spending ? (options.spentBy ?? this.parts.ledgerHost ?? 'editor') : undefined;
    const record: TaskRecord = {
      id,
      input: { ...rest, prompt: input.prompt.trim(), ...(referenceImages ? { referenceImages: referenceImages.map(referenceForHistory) } : {}) },
      state: 'queued',
      createdAt: clock.now(),
      ...(validation.pixels ? { pixels: formatSize(validation.pixels.size) } : {}),
      ...(target ? { target } : {}),
      ...(options.saveFolder !== undefined ? { saveFolder: options.saveFolder } : {}),
      ...(spentBy ? { spentBy } : {}),
      ...(options.basedOn !== undefined ? { basedOn: options.basedOn } : {}),
    };
    if (this.parts.spending && spentBy) {
      // Before anything exists or is sent: the expected cost within every cap, and reserved in the ledger.
      const answer = await this.parts.spending.reserve(record, spentBy);
      if (!answer.ok) return { ok: false, reason: reporter.overBudget(answer.message) };
    }
    const handle = this.follow(record);
    tasks.update(record);
    if (options.signal) {
      const signal = options.signal;
      const cancel = () => this.runner.cancel(record.id);
      if (signal.aborted) queueMicrotask(cancel);
      else signal.addEventListener('abort', cancel, { once: true });
      void handle.result.then(() => signal.removeEventListener('abort', cancel));
    }
    let checked = record;
    try {
      // Before anything is paid for: an assets folder that cannot take the image fails the task now.
      const savePlace = await destination.checkSaveLocation(record, settingsResult.settings);
      // Without a target, the place checked is the place used, also after a reload.
      checked = savePlace ? tasks.update({ ...(tasks.get(record.id) ?? record), savePlace }) : record;
    } catch (error) {
      this.runner.fail(record, error);
      return { ok: true, handle };
    }
    destination.track(record.id, target);
    void this.runner.submit(checked, validation, settingsResult.settings);
    return { ok: true, handle };
  }

  /** The same generation again, as a new task; its link goes where the old one would have. */
  async retry(id: string): Promise<TaskRecord | undefined> {
    const record = this.parts.tasks.get(id);
    if (!record) {
      return undefined;
    }
    const started = await this.generate(record.input, record.target && record.state !== 'succeeded' ? record.target : undefined, record.spentBy ? { spentBy: record.spentBy } : {});
    return started.ok ? started.handle.record : undefined;
  }

  /** Takes in tasks a host remembered elsewhere (the standalone server's journal, read after start); resumePending goes on with them. */
  adopt(records: readonly TaskRecord[]): void {
    records.forEach((record) => this.parts.tasks.update(record, { save: 'coalesced' }));
  }

  /** Picks up the tasks that were running when the host last stopped. */
  resumePending(): Promise<void> {
    return this.runner.resumePending();
  }

  cancel(id: string): boolean {
    return this.runner.cancel(id);
  }

  keepWaiting(id: string): boolean {
    return this.runner.keepWaiting(id);
  }

  stopFollowing(id: string): boolean {
    return this.runner.stopFollowing(id);
  }

  /** Whether task `id`'s request is on its way, its answer not yet here (it may reach the provider and be charged). */
  isSending(id: string): boolean {
    return this.runner.isSending(id);
  }

  /** The host stops: requests are aborted, every task stays in the store as it is (see TaskRunner.stopAll). */
  async stopAll(limitMs: number): Promise<void> {
    await this.runner.stopAll(limitMs);
    await this.parts.tasks.flushed();
    // A charge written as the last task ended: on disk before the host exits, or the task counts at its estimate.
    await this.parts.spending?.flushed?.();
  }

  list(): TaskRecord[] {
    return this.parts.tasks.list();
  }

  get(id: string): TaskRecord | undefined {
    return this.parts.tasks.get(id);
  }

  /** Writes what the host learned about a task (a note, where its link went) without changing its state. */
  annotate(id: string, patch: Pick<Partial<TaskRecord>, 'note' | 'target'>, options: { publish?: boolean; save?: 'now' | 'coalesced' } = {}): void {
    const record = this.parts.tasks.get(id);
    if (record) this.parts.tasks.update({ ...record, ...patch }, options);
  }

  /** Only where the link goes moved (the user typing near the placeholder): saved coalesced, nothing shown changes. */
  moveTarget(id: string, offset: number): void {
    this.parts.tasks.moveTarget(id, offset);
  }

  /** After the image file was deleted: the task stays in the store (its prompt is kept), without the image. */
  forgetImage(id: string): void {
    this.parts.tasks.forgetImage(id);
  }

  /**
   * A handle that follows the task until it ends. Its listeners go with the task, or with the
   * engine (the host closing): then `result` settles with the task as it stands. A key refused at
   * submit ends the task (failed, kind auth); once a key is stored it runs again as a new generation.
   */
  private follow(record: TaskRecord): GenerationHandle {
    const changes = new Emitter<TaskRecord>();
    let settle: (done: TaskRecord) => void = () => undefined;
    const result = new Promise<TaskRecord>((resolve) => (settle = resolve));
    const end = (done: TaskRecord | undefined) => {
      this.handles.delete(record.id);
      listeners.forEach((listener) => listener.dispose());
      changes.dispose();
      settle(done ?? record);
    };
    const listeners = [this.parts.tasks.onDidUpdate((changed) => changed.id === record.id && changes.fire(changed)), this.runner.onDidFinish((done) => done.id === record.id && end(done))];
    this.handles.set(record.id, end);
    return { record, onDidChange: changes.event, result };
  }
}
