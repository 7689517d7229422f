// Every task ImageGen remembers, in memory and in the host's store (the editor's workspace
// history, the standalone server's journal): state changes are saved at once, progress reports and target moves (every keystroke near a pending image) at most once a
// second. Each change is published to the task board (status bar, studio) unless told otherwise,
// and to the generation handles that follow the task.
import type { TaskBoard } from '../core/tasks/taskBoard';
import { summaryOf, type TaskRecord } from '../core/tasks/taskRecord';
import { Throttle } from '../core/tasks/throttle';
import { Disposable } from '../util/dispose';
import { Emitter } from '../util/emitter';
import { systemClock, type Clock, type Logger, type TaskPersistence } from './ports';
import { referenceForHistory } from './referenceHistory';

export interface UpdateOptions {
  readonly save?: 'now' | 'coalesced';
  readonly publish?: boolean;
}

export class TaskStore extends Disposable {
  private readonly records = new Map<string, TaskRecord>();
  private readonly saver: Throttle;
  private readonly onDidUpdateEmitter = this.register(new Emitter<TaskRecord>());
  /** Every published change of a record (not a target's move as the user types).  */
  readonly onDidUpdate = this.onDidUpdateEmitter.event;

  constructor(
    private readonly board: TaskBoard,
    private readonly history: TaskPersistence,
    log: Logger,
    clock: Clock = systemClock,
  ) {
    super();
    this.saver = new Throttle(() => this.saveNow(), 1000, clock);
    this.register({
      dispose: () => {
        this.saver.dispose();
        this.saveNow();
      },
    });
    for (const stored of history.load((problem) => log.warn(problem))) {
      // Histories written before references were kept as paths may hold image bytes: drop them.
      const references = stored.input.referenceImages;
      const record = references?.some((reference) => reference.startsWith('data:')) ? { ...stored, input: { ...stored.input, referenceImages: references.map(referenceForHistory) } } : stored;
      this.records.set(record.id, record);
      board.upsert(summaryOf(record));
    }
  }

  get(id: string): TaskRecord | undefined {
    return this.records.get(id);
  }

  /** Newest first. */
  list(): TaskRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  update(record: TaskRecord, { save = 'now', publish = true }: UpdateOptions = {}): TaskRecord {
    this.records.set(record.id, record);
    if (publish) {
      this.board.upsert(summaryOf(record));
    }
    if (save === 'now') {
      this.saver.dispose();
      this.saveNow();
    } else {
      this.saver.request();
    }
    if (publish) {
      this.onDidUpdateEmitter.fire(record);
    }
    return record;
  }

  /** Only where the image goes changed (`placeId`: a task's, or a group of candidates'): nothing the status bar or studio shows. */
  moveTarget(placeId: string, offset: number): void {
    const own = this.records.get(placeId);
    const moved = own ? [own] : [...this.records.values()].filter((record) => record.candidate?.group === placeId);
    for (const record of moved) {
      if (record.target) this.update({ ...record, target: { ...record.target, offset } }, { save: 'coalesced', publish: false });
    }
  }

  /** After the image file was deleted: the task stays in the history (its prompt is kept), without the image. */
  forgetImage(id: string): void {
    const record = this.records.get(id);
    if (record?.imageUri) {
      const { imageUri: _deleted, ...rest } = record;
      this.update(rest);
    }
  }

  /** Forgets a record (a host's store keeps only so many): nothing is published. */
  drop(id: string): void {
    this.records.delete(id);
  }

  /** Settles once every write asked for so far is done: `false` when the last one failed. */
  flushed(): Promise<boolean> {
    return this.writing;
  }

  private writing: Promise<boolean> = Promise.resolve(true);

  private saveNow(): void {
    this.writing = this.history.save([...this.records.values()]).then(
      (written) => written !== false,
      () => false,
    );
  }
}
