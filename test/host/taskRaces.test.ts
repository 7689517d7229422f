// Races between a task and the user or the window: a poll writes only what it owns on the record
// as it is after its query (Keep Waiting or a placeholder move meanwhile stands); a task resumed
// after a reload is not stopped by an unrelated bad setting; a task without a target saves where
// its place was checked, whatever document is in front later.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Settings } from '../../src/config/settings';
import { TaskBoard } from '../../src/core/tasks/taskBoard';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { HistoryStore } from '../../src/generation/historyStore';
import type { Notifier } from '../../src/generation/notifier';
import { systemClock } from '../../src/engine/ports';
import { TaskPolling, type LiveTask } from '../../src/engine/taskPolling';
import { TaskStore } from '../../src/engine/taskStore';
import type { ImageProvider, TaskStatus } from '../../src/providers/provider';
import { activatedApi, finished, openDocument, waitFor } from './support';

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
    const polling = new TaskPolling(tasks, { live, fail: (_record, error) => void failures.push(error), settle: async () => undefined }, notifier, log, systemClock);
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

const simulator = () => process.env.IMAGEGEN_SIMULATOR_URL!;

async function simulatorRequests(): Promise<{ path: string; body: unknown }[]> {
  return ((await (await fetch(`${simulator()}/__sim/requests`)).json()) as { requests: { path: string; body: unknown }[] }).requests;
}

/** The pipeline's engine, as the composition root built it: its store, its reporter (the Notifier), resuming. */
interface Internals {
  readonly engine: { readonly parts: { readonly tasks: TaskStore; readonly reporter: Notifier }; resumePending(): Promise<void> };
}

(vscode.workspace.isTrusted ? suite : suite.skip)('task races: reloads and focus (trusted)', () => {
  suiteSetup(async () => {
    await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key');
  });

  teardown(async () => {
    const configuration = vscode.workspace.getConfiguration('imagegen');
    for (const key of ['link.width', 'defaultModel', 'assetsFolder']) {
      await configuration.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await fetch(`${simulator()}/__sim/faults`, { method: 'DELETE' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a resumed accepted task lands despite imagegen.link.width 0 and an unknown defaultModel; the bad setting is named once', async () => {
    const api = await activatedApi();
    const internals = api.generation as unknown as Internals;
    const configuration = vscode.workspace.getConfiguration('imagegen');
    await configuration.update('link.width', 0, vscode.ConfigurationTarget.Global);
    await configuration.update('defaultModel', 'nobody:model-of-a-later-version', vscode.ConfigurationTarget.Global);
    const warnings: string[][] = [];
    const notifier = internals.engine.parts.reporter;
    const original = notifier.settingsReplacedByDefaults.bind(notifier);
    notifier.settingsReplacedByDefaults = (named) => {
      warnings.push([...named]);
      original(named);
    };
    try {
      const ids = [randomUUID(), randomUUID()];
      for (const id of ids) {
        // What the window before the reload had done: the task is at the provider, accepted.
        const submitted = await fetch(`${simulator()}/api/openapi/submit`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sim-key' }, body: JSON.stringify({ model: 'gpt_image_2', params: { prompt: `a resumed lighthouse ${id}` }, out_task_id: id }) });
        assert.equal(submitted.status, 200);
        const now = Date.now();
        internals.engine.parts.tasks.update({ id, input: { modelKey: 'aireiter:gpt_image_2', prompt: `a resumed lighthouse ${id}` }, state: 'running', createdAt: now, acceptedAt: now, deadlineAt: now + 60_000 });
      }
      await internals.engine.resumePending();
      for (const id of ids) {
        const done = await finished(id, 30_000);
        assert.equal(done.state, 'succeeded', done.error?.message);
        assert.ok(done.imageUri);
        const submits = (await simulatorRequests()).filter((request) => request.path === '/api/openapi/submit' && (request.body as { out_task_id?: string } | undefined)?.out_task_id === id);
        assert.equal(submits.length, 1, 'the resumed task was not sent again');
      }
      assert.equal(warnings.length, 1, `one warning for the window: ${JSON.stringify(warnings)}`);
      assert.ok(warnings[0]!.some((named) => named.startsWith('imagegen.link.width') && named.includes('must be at least 1')), JSON.stringify(warnings));
      assert.ok(warnings[0]!.some((named) => named.startsWith('imagegen.defaultModel')), JSON.stringify(warnings));
      assert.ok(!JSON.stringify(warnings).includes('Invalid input'));
    } finally {
      notifier.settingsReplacedByDefaults = original;
    }
  });

  test('a task without a target saves into the folder checked before paying, after focus moves and its document closes', async function () {
    this.timeout(90_000);
    const api = await activatedApi();
    await vscode.workspace.getConfiguration('imagegen').update('assetsFolder', '${documentDir}/pictures', vscode.ConfigurationTarget.Global);
    const first = await openDocument('race-first/notes.md', '# first\n');
    // Slow the submit: the focus moves while the provider is still being asked.
    await fetch(`${simulator()}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'aireiter.submit', fault: { kind: 'slowHeaders', delayMs: 1500 } }) });
    const started = await api.generation.generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a folder that stays put' }, undefined);
    assert.ok(started.ok, started.ok ? '' : started.reason);
    await openDocument('race-second/other.md', '# second\n');
    await vscode.window.showTextDocument(first.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await openDocument('race-second/other.md', '# second\n');
    assert.ok(started.handle.record.id && api.generation.get(started.handle.record.id)?.savePlace, 'the place checked is in the record');
    const done = await finished(started.handle.record.id, 60_000);
    assert.equal(done.state, 'succeeded', done.error?.message);
    const saved = vscode.Uri.parse(done.imageUri!).fsPath;
    const expected = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'race-first', 'pictures');
    assert.equal(dirname(saved), expected);
    assert.ok(existsSync(saved));
  });
});
