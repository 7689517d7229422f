// Every task ImageGen remembers, in memory and in the workspace history: state changes are saved
// at once, progress reports and target moves (every keystroke near a pending image) at most once a
// second. Each change is published to the task board (status bar, studio) unless told otherwise.
import type * as vscode from 'vscode';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { summaryOf, type TaskRecord } from '../core/tasks/taskRecord';
import { Throttle } from '../core/tasks/throttle';
import { Disposable } from '../util/dispose';
import type { HistoryStore } from './historyStore';
import { referenceForHistory } from './referenceFiles';

export interface UpdateOptions {
  readonly save?: 'now' | 'coalesced';
  readonly publish?: boolean;
}

export class TaskStore extends Disposable {
  private readonly records = new Map<string, TaskRecord>();
  private readonly saver = new Throttle(() => this.saveNow(), 1000, {
    now: Date.now,
    setTimer: (callback, delay) => setTimeout(callback, delay),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });

  constructor(
    private readonly board: TaskBoard,
    private readonly history: HistoryStore,
    log: vscode.LogOutputChannel,
  ) {
    super();
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
    return record;
  }

  private saveNow(): void {
    void this.history.save([...this.records.values()]);
  }
}
