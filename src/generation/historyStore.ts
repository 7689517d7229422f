import type * as vscode from 'vscode';
import * as z from 'zod/mini';
import { taskRecordSchema, type TaskRecord } from '../core/tasks/taskRecord';

const storageKey = 'imagegen.history';
const maxRecords = 200;

/** The task history of this workspace: prompts and settings are never lost, newest first. */
export class HistoryStore {
  constructor(private readonly memento: vscode.Memento) {}

  load(): TaskRecord[] {
    const parsed = z.array(taskRecordSchema).safeParse(this.memento.get(storageKey, []));
    return parsed.success ? parsed.data : [];
  }

  async save(records: readonly TaskRecord[]): Promise<void> {
    const newestFirst = [...records].sort((a, b) => b.createdAt - a.createdAt).slice(0, maxRecords);
    await this.memento.update(storageKey, newestFirst);
  }
}
