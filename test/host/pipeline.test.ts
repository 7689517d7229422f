// The one entry point every caller shares: generate(input, target, options) → handle. Its events
// follow the task, its result is the ended task, a signal cancels it, and a missing key is
// refused at once when the caller does not want a question.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, openDocument } from './support';

suite('generation pipeline', () => {
  suiteSetup(async () => {
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the handle reports each published change of its task and ends with the saved image; typing near the placeholder is not news', async () => {
    const api = await activatedApi();
    const editor = await openDocument('docs/handle.md', 'Para.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const started = await api.generation.generate({ modelKey: 'jimmyai:nano-banana', prompt: 'followed by its handle [sim:durationMs=900]' }, { uri: editor.document.uri, offset: editor.document.getText().length, languageId: 'markdown' });
    assert.ok(started.ok, 'started');
    const states: string[] = [];
    const listener = started.handle.onDidChange((record) => states.push(record.state));
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Typed meanwhile. '));
    const done = await started.handle.result;
    listener.dispose();
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.ok(done.imageUri, 'the result carries the saved image');
    assert.ok(states.includes('running'), `running was reported (${states.join(', ')})`);
    assert.equal(states.at(-1), 'succeeded');
    assert.ok(states.length < 40, 'only published changes, not every move of the placeholder');
  });

  test('aborting the signal cancels the task; its result says so', async () => {
    const api = await activatedApi();
    const controller = new AbortController();
    const started = await api.generation.generate({ modelKey: 'jimmyai:nano-banana', prompt: 'cancelled by its caller [sim:durationMs=5000]' }, undefined, { signal: controller.signal });
    assert.ok(started.ok);
    setTimeout(() => controller.abort(), 300);
    assert.equal((await started.handle.result).state, 'cancelled');
  });

  test('without a key, askForKey: false refuses at once, names the provider and creates nothing', async () => {
    const api = await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.clearApiKey', 'jimmyai'), true);
    try {
      const before = api.generation.list().length;
      const refused = await api.generation.generate({ modelKey: 'jimmyai:nano-banana', prompt: 'no key, no question' }, undefined, { askForKey: false });
      assert.equal(refused.ok, false);
      assert.match(!refused.ok ? refused.reason : '', /No API key is set for JimmyAI/);
      assert.equal(api.generation.list().length, before, 'no task');
    } finally {
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    }
  });
});
