// The editor's door into the engine (engine/generationEngine.ts), whoever asks in the editor (the
// palette, the selection command, the studio, the agent tool): the same generate, retry, cancel,
// keep waiting and stop following, with the link's place given as the editor holds it (a
// vscode.Uri) and the link inserted into a document on request. Commands and the studio start and
// manage generations only through it.
import type * as vscode from 'vscode';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import type { TaskRecord } from '../core/tasks/taskRecord';
import * as l10n from '@vscode/l10n';
import type { CandidatesStart, GenerateOptions, GenerationEngine, GenerationHandle, GenerationStart } from '../engine/generationEngine';
import { Disposable, type Disposal } from '../util/dispose';
import type { Event } from '../util/emitter';
import { taskTargetOf, type Delivery } from './delivery/delivery';
import type { InsertionTarget } from './delivery/insertionTracker';

export type { CandidatesStart, GenerateOptions, GenerationHandle, GenerationStart };

/** What picking a candidate did: its link went in (or the document refused the edit), or why it could not be picked. */
export type PickResult = { readonly ok: true; readonly inserted: boolean } | { readonly ok: false; readonly message: string };

export class GenerationPipeline extends Disposable {
  /** Groups whose pick is being inserted: one at a time, once. */
  private readonly picking = new Set<string>();

  constructor(
    private readonly engine: GenerationEngine,
    private readonly delivery: Delivery,
    /** What goes with the pipeline (the insertion tracker, its listeners), disposed before the engine. */
    owned: readonly Disposal[] = [],
  ) {
    super();
    this.register(engine);
    owned.forEach((item) => this.register(item));
  }

  /** Fires when a task reaches a terminal state. */
  get onDidFinish(): Event<TaskRecord> {
    return this.engine.onDidFinish;
  }

  /** Partial images of streaming generations, for the studio. */
  get previews(): GenerationEngine['previews'] {
    return this.engine.previews;
  }

  /**
   * Starts a generation; the link goes to `target` when there is one. Invalid input is refused
   * with the reasons and nothing is created; everything else becomes a task in the history, even
   * when it fails at once (an assets folder outside the workspace, say), so it can be retried.
   */
  generate(input: GenerationInput, target?: InsertionTarget, options: GenerateOptions = {}): Promise<GenerationStart> {
    return this.engine.generate(input, target ? taskTargetOf(target) : undefined, options);
  }

  /**
   * `count` candidates of one request (2–8; 1 is a plain generation): none inserts its link when it
   * arrives; `pick` inserts the one the user chooses at `target`.
   */
  generateCandidates(input: GenerationInput, count: number, target?: InsertionTarget, options: GenerateOptions = {}): Promise<CandidatesStart> {
    return this.engine.generateCandidates(input, count, target ? taskTargetOf(target) : undefined, options);
  }

  /**
   * Inserts candidate `id`'s link where its request's link was to go, as one undoable edit, and
   * marks it picked; the other candidates stay in the gallery. Without such a place (a request made
   * with no document), at `fallback` (the cursor of the editor in front).
   */
  async pick(id: string, fallback?: { readonly uri: vscode.Uri; readonly at: vscode.Position }): Promise<PickResult> {
    const record = this.engine.get(id);
    if (!record?.candidate) return { ok: false, message: l10n.t('That image is not one of several candidates (it may have been cleared from the history).') };
    if (record.state !== 'succeeded' || !record.imageUri) return { ok: false, message: l10n.t('That candidate has no image yet ({0}).', record.state) };
    // One link per request: a second Pick (a double click, Enter twice, another candidate) inserts nothing.
    const { group } = record.candidate;
    const picked = this.engine.list().find((other) => other.candidate?.group === group && other.candidate.picked);
    if (picked?.candidate || this.picking.has(group)) {
      return { ok: false, message: picked?.candidate ? l10n.t('Candidate {0} of this request was picked already and its link is in the document. To use another one, use Insert from the gallery and remove the first link.', picked.candidate.index) : l10n.t('A candidate of this request is being inserted.') };
    }
    this.picking.add(group);
    try {
      return await this.insertPick(record, fallback);
    } finally {
      this.picking.delete(group);
    }
  }

  private async insertPick(record: TaskRecord, fallback: { readonly uri: vscode.Uri; readonly at: vscode.Position } | undefined): Promise<PickResult> {
    const id = record.id;
    const target = record.target;
    if (!target && !fallback) return { ok: false, message: l10n.t('This candidate was made without a document to link it from: open one, put the cursor where the image goes and pick it again.') };
    let inserted: boolean;
    try {
      inserted = target ? await this.delivery.insertPicked({ ...record, target }) : await this.delivery.insertLink(record, fallback!.uri, fallback!.at);
    } catch {
      // The document was deleted or cannot be opened: the image stays in the gallery, to pick elsewhere.
      return { ok: false, message: l10n.t('The document this candidate was made for cannot be opened any more; the image is kept in the gallery. Open a document and use Insert there.') };
    }
    this.engine.markPicked(id, inserted);
    return { ok: true, inserted };
  }

  /** The same generation again, as a new task; its link goes where the old one would have. */
  retry(id: string): Promise<TaskRecord | undefined> {
    return this.engine.retry(id);
  }

  /** Picks up the tasks that were running when the window closed. */
  resumePending(): Promise<void> {
    return this.engine.resumePending();
  }

  cancel(id: string): boolean {
    return this.engine.cancel(id);
  }

  keepWaiting(id: string): boolean {
    return this.engine.keepWaiting(id);
  }

  stopFollowing(id: string): boolean {
    return this.engine.stopFollowing(id);
  }

  list(): TaskRecord[] {
    return this.engine.list();
  }

  get(id: string): TaskRecord | undefined {
    return this.engine.get(id);
  }

  /** Inserts the image link at the task's tracked position, or at `at`; returns whether it did. */
  insertLink(record: TaskRecord, documentUri: vscode.Uri, at?: vscode.Position): Promise<boolean> {
    return this.delivery.insertLink(record, documentUri, at);
  }

  /** After the image file was deleted: the task stays in the history (its prompt is kept), without the image. */
  forgetImage(id: string): void {
    this.engine.forgetImage(id);
  }
}
