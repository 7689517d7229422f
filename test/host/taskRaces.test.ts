// A poll writes only what it owns on the record as it is after its query: what the user did
// meanwhile (Keep Waiting, typing that moves the placeholder) is never undone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Settings } from '../../src/config/settings';
import { TaskBoard } from '../../src/core/tasks/taskBoard';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { HistoryStore } from '../../src/generation/historyStore';
import type { Notifier } from '../../src/generation/notifier';
import { TaskPolling, type LiveTask } from '../../src/generation/runner/taskPolling';
import { TaskStore } from '../../src/generation/taskStore';
import type { ImageProvider, TaskStatus } from '../../src/providers/provider';
import { waitFor } from './support';

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

suite('task races: poll and the user', () => {
  test('Keep Waiting and a placeholder move made during an in-flight query are not undone by its answer', async () => {
    const log = vscode.window.createOutputChannel('ImageGen race test', { log: true });
    const tasks = new TaskStore(new TaskBoard(), new HistoryStore(new MemoryMemento()), log);
    const now = Date.now();
    const record: TaskRecord = {
      id: 'race-1',
      input: { modelKey: 'aireiter:gpt_image_2', prompt: 'a lighthouse' },
      state: 'running',
      createdAt: now - 120_000,
      acceptedAt: now - 120_000,
      deadlineAt: now - 60_000,
      overdue: true,
      taskId: 'provider-task-1',
      target: { uri: 'file:///tmp/race.md', offset: 10, languageId: 'markdown' },
    };
    tasks.update(record);
    const answers: ((status: TaskStatus) => void)[] = [];
    const provider = { id: 'aireiter', query: () => new Promise<TaskStatus>((resolve) => answers.push(resolve)) } as unknown as ImageProvider;
    const live = new Map<string, LiveTask>([
      [record.id, { provider, handle: { provider: 'aireiter', modelKey: record.input.modelKey, clientTaskId: record.id, taskId: 'provider-task-1' }, controller: new AbortController(), settings: {} as Settings, polling: { initialDelayMs: 0, intervalMs: 60_000, timeoutMs: 600_000 }, samples: [], overdueAsked: true }],
    ]);
    const failures: unknown[] = [];
    const notifier = { askAboutOverdueTask: async () => undefined } as unknown as Notifier;
    const polling = new TaskPolling(tasks, { live, fail: (_record, error) => void failures.push(error), settle: async () => undefined }, notifier, log);
    try {
      polling.pollNow(record.id);
      await waitFor('the query to be in flight', () => answers.length > 0 || undefined);
      // While the provider is being asked, the user chooses Keep Waiting and types above the placeholder.
      const before = Date.now();
      assert.equal(polling.keepWaiting(record.id), true);
      tasks.moveTarget(record.id, 25);
      answers[0]!({ state: 'running', progress: 40 });
      const after = await waitFor('the answer to be recorded', () => (tasks.get(record.id)?.progress === 40 ? tasks.get(record.id) : undefined));
      assert.equal(after.overdue, undefined, 'Keep Waiting cleared overdue; the answer must not bring it back');
      assert.ok(after.deadlineAt! >= before + 600_000, `the new deadline stands (${after.deadlineAt} vs ${before + 600_000})`);
      assert.equal(after.target?.offset, 25, 'the placeholder move stands');
      assert.equal(after.state, 'running');
      assert.deepEqual(failures, []);
    } finally {
      polling.dispose();
      live.get(record.id)!.controller.abort();
      tasks.dispose();
      log.dispose();
    }
  });
});
