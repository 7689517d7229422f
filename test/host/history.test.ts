// What the history keeps and what the log says: workspace references as paths (never bytes),
// bounded error texts, unknown statuses once per task, and links from unsaved documents.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { gradientPng } from '../simulator/png';
import { activatedApi, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri;

async function finished(id: string): Promise<TaskRecord> {
  const api = await activatedApi();
  return waitFor(`task ${id} to finish`, () => {
    const record = api.generation.get(id);
    return record && record.state !== 'queued' && record.state !== 'running' ? record : undefined;
  }, 30_000);
}

async function generate(args: Record<string, unknown>): Promise<TaskRecord> {
  const record = await vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate', args);
  assert.ok(record, 'a task started');
  return finished(record.id);
}

async function simulatorRequests(): Promise<{ path: string; body: unknown }[]> {
  const response = await fetch(`${simulator}/__sim/requests`);
  return ((await response.json()) as { requests: { path: string; body: unknown }[] }).requests;
}

async function logText(): Promise<string> {
  const api = await activatedApi();
  const dir = vscode.Uri.joinPath(api.logUri, '..').fsPath;
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

suite('history and logs', () => {
  suiteSetup(async () => {
    await activatedApi();
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key');
    }
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('imagegen').update('assetsFolder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a workspace reference image is sent as its bytes but kept in the history as its path', async () => {
    const reference = vscode.Uri.joinPath(workspaceRoot(), 'refs', 'style.png');
    await vscode.workspace.fs.writeFile(reference, gradientPng(24, 24));
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'in this style', aspectRatio: '1:1', resolution: '1K', referenceImages: ['refs/style.png'] });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.deepEqual(record.input.referenceImages, ['refs/style.png']);
    const submit = (await simulatorRequests()).filter((request) => request.path === '/api/openapi/submit').at(-1)!;
    const sent = (submit.body as { params: { image_url: string[] } }).params.image_url;
    assert.equal(sent.length, 1);
    assert.ok(sent[0]!.startsWith('data:image/png;base64,'), 'the provider got the image itself');
    const api = await activatedApi();
    assert.ok(!JSON.stringify(api.generation.list()).includes('base64'), 'no image bytes anywhere in the history');
  });

  test('an error text longer than the studio accepts is cut before it enters the record', async () => {
    await vscode.workspace.getConfiguration('imagegen').update('assetsFolder', `../${'very-long-folder-name-'.repeat(150)}`, vscode.ConfigurationTarget.Global);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'long error' });
    assert.equal(record.state, 'failed');
    assert.match(record.error!.message, /outside the workspace/);
    assert.ok(record.error!.message.length <= 1_000, `${record.error!.message.length} characters`);
  });

  test('an unknown provider status is logged once per task, bounded and cleaned', async () => {
    await vscode.workspace.getConfiguration('imagegen').update('polling.timeoutSeconds', 2, vscode.ConfigurationTarget.Global);
    try {
      const api = await activatedApi();
      const started = (await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'odd status [sim:unknownStatus=thinking-hard]' }))!;
      await waitFor('the task to pass its deadline', () => api.generation.get(started.id)?.overdue || undefined, 10_000);
      api.generation.stopFollowing(started.id);
      const record = api.generation.get(started.id)!;
      assert.equal(record.error?.kind, 'timeout');
      const log = await waitFor('the task in the log', async () => ((await logText()).includes(`${record.id} failed`) ? logText() : undefined));
      const lines = log.split('\n').filter((line) => line.includes(`Task ${record.id}: unknown status`));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0]!, /"thinking-hard"/);
    } finally {
      await vscode.workspace.getConfiguration('imagegen').update('polling.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('unfinished images older than a day are swept after start-up; a fresh one is left alone', async () => {
    const assets = vscode.Uri.joinPath(workspaceRoot(), 'assets').fsPath;
    await waitFor('the old .part to be swept', () => !readdirSync(assets).includes('.left-behind-20261120-101010.0123456789ab.part') || undefined, 15_000);
    assert.ok(readdirSync(assets).includes('.still-writing-20261122-101010.ba9876543210.part'));
    assert.match(await logText(), /Removed 1 unfinished image file\(s\) older than a day: assets\/\.left-behind/);
  });

  test('an untitled document gets a link relative to the workspace folder, and the user is told', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'Draft\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'untitled draft' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const text = await waitFor('the link', () => (document.getText().includes('![') ? document.getText() : undefined));
    assert.match(text, /^Draft\n!\[untitled draft\]\(assets\/untitled-draft-[\d-]+\.png\)$/);
    assert.ok(!text.includes('..'), 'not relative to the process’s working directory');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
