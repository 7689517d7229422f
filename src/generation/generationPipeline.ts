// The one way into a generation, whoever asks (the palette, the selection command, the studio, and
// next an agent's tool): input → checked request → task → progress → image in the workspace →
// link. `generate` refuses what cannot be sent before anything exists, asks for a missing key
// right there, and hands back a handle that follows the task to its end. The task operations the
// UI offers (retry, cancel, keep waiting, insert) are here too, so no caller reaches the runner.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { formatSize } from '../core/catalog/sizes';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import { loadEngine } from '../engineLoader';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { readImageGenSettings } from '../config/readImageGenSettings';
import { Disposable } from '../util/dispose';
import type { ApiKeyStore } from './apiKeyStore';
import type { Delivery } from './delivery/delivery';
import type { InsertionTarget } from './delivery/insertionTracker';
import { keyProvided, noKeyMessage } from './keyPrompt';
import type { Notifier } from './notifier';
import { referenceForHistory } from './referenceFiles';
import type { TaskRunner } from './runner/taskRunner';
import type { TaskStore } from './taskStore';

/** A generation under way: the task as created, its changes, and its end. */
export interface GenerationHandle {
  readonly record: TaskRecord;
  /** Each change of the task (state, progress, preview) until it ends. */
  readonly onDidChange: vscode.Event<TaskRecord>;
  /** The task once it succeeded, failed or was cancelled. */
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
}

/** A generation started, or why nothing was (the user was told already, except for a missing key not asked for). */
export type GenerationStart = { readonly ok: true; readonly handle: GenerationHandle } | { readonly ok: false; readonly reason: string };

export class GenerationPipeline extends Disposable {
  /** The handles still following their task, by task id. */
  private readonly handles = new Map<string, (done: TaskRecord | undefined) => void>();
  constructor(
    private readonly tasks: TaskStore,
    private readonly runner: TaskRunner,
    private readonly delivery: Delivery,
    private readonly keys: ApiKeyStore,
    private readonly notifier: Notifier,
  ) {
    super();
    // The window closing: every handle settles with its task as it stands, and lets go of its listeners.
    this.register({ dispose: () => [...this.handles].forEach(([id, end]) => end(this.tasks.get(id))) });
  }

  /** Fires when a task reaches a terminal state. */
  get onDidFinish(): vscode.Event<TaskRecord> {
    return this.runner.onDidFinish;
  }

  /** Partial images of streaming generations, for the studio. */
  get previews(): TaskRunner['previews'] {
    return this.runner.previews;
  }

  /**
   * Starts a generation; the link goes to `target` when there is one. Invalid input is refused
   * with the reasons and nothing is created; everything else becomes a task in the history, even
   * when it fails at once (an assets folder outside the workspace, say), so it can be retried.
   */
  async generate(input: GenerationInput, target?: InsertionTarget, options: GenerateOptions = {}): Promise<GenerationStart> {
    if (!vscode.workspace.isTrusted) {
      return { ok: false, reason: this.notifier.restrictedMode() };
    }
    const settingsResult = readImageGenSettings(target?.uri);
    if (!settingsResult.ok) {
      return { ok: false, reason: this.notifier.invalidSettings(settingsResult.message) };
    }
    // From the engine (loaded for the generation anyway): the model rules stay out of the activation bundle.
    const validation = loadEngine().validateGeneration(input);
    if (!validation.ok) {
      return { ok: false, reason: this.notifier.requestRefused(validation.issues.map((issue) => issue.message)) };
    }
    const id = randomUUID();
    if (!(await this.keys.get(validation.model.provider))) {
      if (options.askForKey === false) {
        return { ok: false, reason: noKeyMessage(validation.model.key) };
      }
      // Asked before anything exists: no task, nothing in the document until a key is set. The
      // placeholder keeps the place meanwhile, so edits made while getting a key do not move it.
      this.delivery.track(id, target);
      const stored = await keyProvided(this.keys, this.notifier, validation.model.provider, 'missing');
      const place = this.delivery.placeOf(id);
      this.delivery.forget(id);
      if (!stored) {
        return { ok: false, reason: this.notifier.noKeyNoRequest(validation.model.provider) };
      }
      target = target && place !== undefined ? { ...target, offset: place } : target;
    }
    const { referenceImages, ...rest } = input;
    const record: TaskRecord = {
      id,
      input: { ...rest, prompt: input.prompt.trim(), ...(referenceImages ? { referenceImages: referenceImages.map(referenceForHistory) } : {}) },
      state: 'queued',
      createdAt: Date.now(),
      ...(validation.pixels ? { pixels: formatSize(validation.pixels.size) } : {}),
      ...(target ? { target: { uri: target.uri.toString(), offset: target.offset, languageId: target.languageId, ...(target.prefix ? { prefix: target.prefix } : {}), ...(target.replace ? { replace: target.replace } : {}) } } : {}),
      ...(options.saveFolder !== undefined ? { saveFolder: options.saveFolder } : {}),
    };
    const handle = this.follow(record);
    this.tasks.update(record);
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
      const savePlace = await this.delivery.checkSaveLocation(record, settingsResult.settings);
      // Without a target, the place checked is the place used, also after a reload.
      checked = savePlace ? this.tasks.update({ ...(this.tasks.get(record.id) ?? record), savePlace }) : record;
    } catch (error) {
      this.runner.fail(record, error);
      return { ok: true, handle };
    }
    this.delivery.track(record.id, target);
    void this.runner.submit(checked, validation, settingsResult.settings);
    return { ok: true, handle };
  }

  /** The same generation again, as a new task; its link goes where the old one would have. */
  async retry(id: string): Promise<TaskRecord | undefined> {
    const record = this.tasks.get(id);
    if (!record) {
      return undefined;
    }
    const target = record.target && record.state !== 'succeeded' ? { ...record.target, uri: vscode.Uri.parse(record.target.uri) } : undefined;
    const started = await this.generate(record.input, target);
    return started.ok ? started.handle.record : undefined;
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

  list(): TaskRecord[] {
    return this.tasks.list();
  }

  get(id: string): TaskRecord | undefined {
    return this.tasks.get(id);
  }

  /** Inserts the image link at the task's tracked position, or at `at`; returns whether it did. */
  insertLink(record: TaskRecord, documentUri: vscode.Uri, at?: vscode.Position): Promise<boolean> {
    return this.delivery.insertLink(record, documentUri, at);
  }

  /** After the image file was deleted: the task stays in the history (its prompt is kept), without the image. */
  forgetImage(id: string): void {
    this.tasks.forgetImage(id);
  }

  /**
   * A handle that follows the task until it ends. Its listeners go with the task, or with the
   * pipeline (the window closing): then `result` settles with the task as it stands. A key
   * refused at submit ends the task (failed, kind auth); once a key is stored it runs again as a
   * new generation.
   */
  private follow(record: TaskRecord): GenerationHandle {
    const changes = new vscode.EventEmitter<TaskRecord>();
    let settle: (done: TaskRecord) => void = () => undefined;
    const result = new Promise<TaskRecord>((resolve) => (settle = resolve));
    const end = (done: TaskRecord | undefined) => {
      this.handles.delete(record.id);
      listeners.forEach((listener) => listener.dispose());
      changes.dispose();
      settle(done ?? record);
    };
    const listeners = [
      this.tasks.onDidUpdate((changed) => changed.id === record.id && changes.fire(changed)),
      this.runner.onDidFinish((done) => done.id === record.id && end(done)),
    ];
    this.handles.set(record.id, end);
    return { record, onDidChange: changes.event, result };
  }
}
