// The one way into a generation, whoever asks (the palette, the studio, the agent tool, an MCP
// client, the command line): input → checked request → task → progress → image → link. `generate`
// refuses what cannot be sent before anything exists, asks for a missing key where the host can,
// and hands back a handle that follows the task to its end. The task operations a host offers
// (retry, cancel, keep waiting, stop following) are here too, so no host reaches the runner.
import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { candidateCountProblem } from '../core/candidates/candidateCount';
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
import { TaskStopped } from './taskStopped';
import { reserveAll } from './reserveAll';

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

/** Candidates started (one handle each, in order; `group` when there are several), or why nothing was. */
export type CandidatesStart = { readonly ok: true; readonly handles: readonly GenerationHandle[]; readonly group?: string } | { readonly ok: false; readonly reason: string };

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
    const started = await this.begin(input, target, options, 1);
    return started.ok ? { ok: true, handle: started.handles[0]! } : started;
  }

  /**
   * Several candidates of one request (`count` 2–8), all on the one scheduler: one request where the
   * provider makes several images at once (OpenAI's `n`), else one task each. None links itself
   * when it arrives: the one the user picks does, at `target` (see the editor's pipeline `pick`).
   * The budget holds for the whole group: refused, nothing of it is sent.
   */
  generateCandidates(input: GenerationInput, count: number, target?: TaskTarget, options: GenerateOptions = {}): Promise<CandidatesStart> {
    return this.begin(input, target, options, count);
  }

  /** `joining`: one more candidate of an existing group (a candidate retried). */
  private async begin(input: GenerationInput, target: TaskTarget | undefined, options: GenerateOptions, count: number, joining?: { readonly group: string; readonly index: number; readonly count: number }): Promise<CandidatesStart> {
    const { tasks, keys, destination, reporter, clock } = this.parts;
    if (!this.trust.isTrusted) {
      return { ok: false, reason: reporter.restrictedMode() };
    }
    const settingsResult = this.parts.settings.read(target?.uri);
    if (!settingsResult.ok) {
      return { ok: false, reason: reporter.invalidSettings(settingsResult.message) };
    }
    const validation = validateGeneration(input);
    const countProblem = candidateCountProblem(count);
    if (!validation.ok || countProblem) {
      return { ok: false, reason: reporter.requestRefused([...(validation.ok ? [] : validation.issues.map((issue) => issue.message)), ...(countProblem ? [countProblem] : [])]) };
    }
    const id = randomUUID();
    // A group's place is kept under the group's id: one placeholder, where the picked one goes.
    const group = joining?.group ?? (count > 1 ? randomUUID() : undefined);
    const placeId = group ?? id;
    if (!(await keys.get(validation.model.provider))) {
      if (options.askForKey === false || !reporter.canAsk) {
        return { ok: false, reason: reporter.noKeyMessage(validation.model.key) };
      }
      // Asked before anything exists: no task, nothing in the document until a key is set. The
      // placeholder keeps the place meanwhile, so edits made while getting a key do not move it.
      destination.track(placeId, target);
      const stored = await keyProvided(keys, reporter, validation.model.provider, 'missing');
      const place = destination.placeOf(placeId);
      destination.forget(placeId);
      if (!stored) {
        return { ok: false, reason: reporter.noKeyNoRequest(validation.model.provider) };
      }
      target = target && place !== undefined ? { ...target, offset: place } : target;
    }
    const { referenceImages, ...rest } = input;
    const spentBy = this.parts.spending ? (options.spentBy ?? this.parts.ledgerHost ?? 'editor') : undefined;
    // One request for the group where the provider makes several images at once: the first task sends it, the others ride on it.
    const shared = group !== undefined && count > 1 && this.runner.imagesPerRequest(validation.model.provider, settingsResult.settings) >= count;
    const records = Array.from({ length: count }, (_, index): TaskRecord => ({
      id: index === 0 ? id : randomUUID(),
      input: { ...rest, prompt: input.prompt.trim(), ...(referenceImages ? { referenceImages: referenceImages.map(referenceForHistory) } : {}) },
      state: 'queued',
      createdAt: clock.now(),
      ...(validation.pixels ? { pixels: formatSize(validation.pixels.size) } : {}),
      ...(target ? { target } : {}),
      ...(options.saveFolder !== undefined ? { saveFolder: options.saveFolder } : {}),
      ...(spentBy ? { spentBy } : {}),
      ...(joining ? { candidate: { ...joining } } : group ? { candidate: { group, index: index + 1, count, ...(shared && index > 0 ? { viaTask: id } : {}) } } : {}),
      ...(options.basedOn !== undefined ? { basedOn: options.basedOn } : {}),
    }));
    if (this.parts.spending && spentBy) {
      // Before anything exists or is sent: the expected cost within every cap, and reserved in the
      // ledger; a group is reserved whole or not at all.
      const refusal = await reserveAll(this.parts.spending, records, spentBy);
      if (refusal !== undefined) return { ok: false, reason: reporter.overBudget(refusal) };
    }
    const handles = records.map((record) => this.follow(record));
    records.forEach((record) => tasks.update(record));
    if (options.signal) {
      const signal = options.signal;
      const cancel = () => records.forEach((record) => this.runner.cancel(record.id));
      if (signal.aborted) queueMicrotask(cancel);
      else signal.addEventListener('abort', cancel, { once: true });
      void Promise.all(handles.map((handle) => handle.result)).then(() => signal.removeEventListener('abort', cancel));
    }
    const checked: TaskRecord[] = [];
    for (const record of records) {
      try {
        // Before anything is paid for: an assets folder that cannot take the image fails the task now.
        const savePlace = await destination.checkSaveLocation(record, settingsResult.settings);
        // Without a target, the place checked is the place used, also after a reload.
        checked.push(savePlace ? tasks.update({ ...(tasks.get(record.id) ?? record), savePlace }) : record);
      } catch (error) {
        this.runner.fail(record, error);
      }
    }
    if (checked.length === 0) return { ok: true, handles, ...(group ? { group } : {}) };
    destination.track(placeId, target);
    if (shared) {
      // The riders' places failed with the sender's, or were checked with it: one request for those that can take an image.
      const [sender, ...riders] = checked;
      if (sender!.id === id) void this.runner.submit(sender!, validation, settingsResult.settings, { riders });
      else checked.forEach((rider) => this.runner.fail(rider, new TaskStopped(l10n.t('Not sent: the task that sends the one request for these candidates could not save its image, so none was sent. Nothing was charged; fix the assets folder and generate again.'))));
    } else {
      checked.forEach((record) => void this.runner.submit(record, validation, settingsResult.settings));
    }
    return { ok: true, handles, ...(group ? { group } : {}) };
  }

  /** The same generation again, as a new task; its link goes where the old one would have. */
  async retry(id: string): Promise<TaskRecord | undefined> {
    const record = this.parts.tasks.get(id);
    if (!record) return undefined;
    const options = record.spentBy ? { spentBy: record.spentBy } : {};
    if (record.candidate) {
      // A candidate again is a candidate of the same request: in its group, linked only when picked, its document's folder kept.
      const { group, index, count } = record.candidate;
      const again = await this.begin(record.input, record.target, options, 1, { group, index, count });
      return again.ok ? again.handles[0]?.record : undefined;
    }
    const started = await this.generate(record.input, record.target && record.state !== 'succeeded' ? record.target : undefined, options);
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

  /** The candidate the user picked: its link went in (or not, `inserted`); the others stay as they are. */
  markPicked(id: string, inserted: boolean): void {
    const record = this.parts.tasks.get(id);
    if (record?.candidate) this.parts.tasks.update({ ...record, candidate: { ...record.candidate, picked: true }, linkInserted: inserted });
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
