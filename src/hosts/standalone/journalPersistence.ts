// The engine's task store for the standalone host: the workspace's task journal
// (.imagegen/mcp-tasks.json, mcp/taskJournal.ts), in its own schema. A task is written once its
// save place is checked (before its request is sent), again when the provider accepts it and when
// it ends; finished ones past the journal's bound are no longer written.
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { TaskPersistence } from '../../engine/ports';
import type { TaskJournal } from '../../mcp/taskJournal';
import { entryOf, type EntryContext } from './taskEntries';

export class JournalPersistence implements TaskPersistence {
  constructor(
    private readonly journal: TaskJournal | undefined,
    private readonly context: EntryContext,
  ) {}

  /** The journal's entries come in through StandaloneTasks.resume (read when the journal was opened). */
  load(): TaskRecord[] {
    return [];
  }

  save(records: readonly TaskRecord[]): Promise<boolean> {
    // A task whose save place is not checked yet has sent nothing: nothing to remember if the server stops now.
    return this.journal?.save(records.filter((record) => record.savePlace !== undefined).map((record) => entryOf(record, this.context))) ?? Promise.resolve(true);
  }
}
