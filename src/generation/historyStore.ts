import type * as vscode from 'vscode';
import { taskRecordSchema, type TaskRecord } from '../core/tasks/taskRecord';

const storageKey = 'imagegen.history';
const maxRecords = 200;

/** The task history of this workspace: prompts and settings are never lost, newest first. */
export class HistoryStore {
  constructor(private readonly memento: vscode.Memento) {}

  /** Every readable record; one that cannot be read is dropped alone and reported, never the rest. */
  load(onProblem: (message: string) => void = () => undefined): TaskRecord[] {
    const stored: unknown = this.memento.get(storageKey, []);
    if (!Array.isArray(stored)) {
      onProblem('The task history is not a list; starting with an empty history.');
      return [];
    }
    const records: TaskRecord[] = [];
    stored.forEach((candidate: unknown, index) => {
      const parsed = taskRecordSchema.safeParse(candidate);
      if (parsed.success) {
        records.push(parsed.data);
      } else {
        const issue = parsed.error.issues[0];
        onProblem(`Dropped history record ${index} (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unreadable'}).`);
      }
    });
    return records;
  }

  async save(records: readonly TaskRecord[]): Promise<void> {
    const newestFirst = [...records].sort((a, b) => b.createdAt - a.createdAt).slice(0, maxRecords);
    await this.memento.update(storageKey, newestFirst);
  }
}
