// Every command and setting of the generation flow, in the real extension host, against the
// provider simulator that scripts/test.mjs started (settings point every provider at it).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { readPngText } from '../../src/core/png/pngText';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { activatedApi, finished, generate, imageFile, openDocument, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri;

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('imagegen').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Provider requests the simulator received (its own control requests left out). */
async function simulatorRequests(): Promise<{ path: string; at: number; body: unknown }[]> {
  const response = await fetch(`${simulator}/__sim/requests`);
  return ((await response.json()) as { requests: { path: string; at: number; body: unknown }[] }).requests.filter((request) => !request.path.startsWith('/__sim/'));
}

suite('generation flow', () => {
  suiteSetup(async () => {
    await activatedApi();
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key'), true);
    }
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Generate Image saves a PNG of the requested size in assets/, with metadata, and inserts the link at the cursor', async () => {
    const editor = await openDocument('docs/post.md', '# Post\n\nIntro line.\n');
    editor.selection = new vscode.Selection(2, 11, 2, 11);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'A lighthouse at dusk', aspectRatio: '16:9', resolution: '1K' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const bytes = imageFile(record);
    assert.deepEqual(readImageInfo(bytes), { format: 'png', width: 1536, height: 864 });
    const metadata = readPngText(bytes);
    assert.equal(metadata.prompt, 'A lighthouse at dusk');
    assert.equal(metadata.model, 'aireiter:gpt_image_2');
    assert.match(vscode.Uri.parse(record.imageUri!).path, /\/assets\/a-lighthouse-at-dusk-\d{8}-\d{6}\.png$/);
    const text = editor.document.getText();
    assert.match(text, /Intro line\.\n\n!\[A lighthouse at dusk\]\(\.\.\/assets\/a-lighthouse-at-dusk-\d{8}-\d{6}\.png\)\n$/);
  });

  test('the link lands where the user asked even after edits above it, and one undo removes it', async () => {
    const editor = await openDocument('docs/edits.md', 'First.\n\nTarget here.\n');
    editor.selection = new vscode.Selection(2, 12, 2, 12);
    const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'a fox' });
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), 'A new first line.\n'));
    const record = await finished(started!.id);
    assert.equal(record.state, 'succeeded', record.error?.message);
    const text = editor.document.getText();
    assert.match(text, /^A new first line\.\nFirst\.\n\nTarget here\.\n\n!\[a fox\]\(\.\.\/assets\/a-fox-[\d-]+\.png\)\n$/);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'A new first line.\nFirst.\n\nTarget here.\n');
  });

  test('a link never sticks to the text before it: at the end of a line it starts a paragraph, after another image its own line, inside a sentence it stays inline', async () => {
    const editor = await openDocument('docs/placement.md', 'A paragraph.\n\nLook at  here.\n');
    editor.selection = new vscode.Selection(0, 12, 0, 12);
    const first = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'first of two' });
    const second = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'second of two [sim:durationMs=900]' });
    assert.equal((await finished(first!.id)).state, 'succeeded');
    assert.equal((await finished(second!.id)).state, 'succeeded');
    editor.selection = new vscode.Selection(editor.document.lineCount - 2, 8, editor.document.lineCount - 2, 8);
    const inline = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'inline one' });
    assert.equal(inline.state, 'succeeded', inline.error?.message);
    const text = editor.document.getText();
    assert.doesNotMatch(text, /\.png\)!\[/, 'no link glued to the one before');
    assert.match(text, /^A paragraph\.\n\n!\[first of two\]\([^)]+\)\n!\[second of two[^\]]*\]\([^)]+\)\n\nLook at !\[inline one\]\([^)]+\) here\.\n$/);
  });

  test('Generate Image from Selection uses the selection as the prompt and puts the image after it', async () => {
    const editor = await openDocument('docs/selection.md', 'Intro.\n\nA red kite over green hills\n\nOutro.\n');
    editor.selection = new vscode.Selection(2, 0, 2, 27);
    const record = await generate({ modelKey: 'openai:gpt-image-2', size: '1024x1024' }, 'imagegen.generateFromSelection');
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.equal(record.input.prompt, 'A red kite over green hills');
    assert.match(editor.document.getText(), /A red kite over green hills\n\n!\[A red kite over green hills\]\(\.\.\/assets\/a-red-kite-over-green-hills-[\d-]+\.png\)\n\nOutro\./);
  });

  test('Generate from Selection through the wizard keeps its place: text typed before the selection while the wizard asks moves the link, never into a word', async function () {
    this.timeout(60_000);
    const editor = await openDocument('docs/wizard-place.md', 'A lighthouse at dusk\n');
    editor.selection = new vscode.Selection(0, 0, 0, 'A lighthouse at dusk'.length);
    const api = await activatedApi();
    const before = new Set(api.generation.list().map((task) => task.id));
    const pending = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generateFromSelection');
    let settled = false;
    void pending.then(() => (settled = true));
    // The wizard is open (the command took its place when it started); the user types before the selection.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(0, 0), 'Figure: ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Every step has a default: Enter through them (how many depends on the model) until it starts.
    for (let step = 0; step < 12 && !settled; step += 1) {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      await new Promise((resolve) => setTimeout(resolve, 600));
    }
    assert.ok(settled, `the wizard is still open after 12 accepts; the last ask was for ${JSON.stringify(api.generation.list().filter((task) => !before.has(task.id)).map((task) => task.state))}`);
    const started = await pending;
    assert.ok(started && !before.has(started.id), 'the wizard started a task');
    const done = await finished(started.id, 30_000);
    assert.equal(done.state, 'succeeded', done.error?.message);
    const text = editor.document.getText();
    assert.ok(text.startsWith('Figure: A lighthouse at dusk'), `the prompt's words are whole:\n${text}`);
    assert.match(text, /^Figure: A lighthouse at dusk\s+!\[A lighthouse at dusk\]\(/, `the link follows the selection:\n${text}`);
  });

  test('an OpenAI-compatible generation streams previews (imagegen.openai.partialImages) into the studio’s store and the status bar, then saves only the completed image', async () => {
    const api = await activatedApi();
    const seen: { index: number; total: number; bytes: number }[] = [];
    const summaries: string[] = [];
    const listeners = [
      api.generation.previews.onDidChange(({ preview }) => preview && seen.push({ index: preview.index, total: preview.total, bytes: preview.byteLength })),
      api.board.onDidChange(() => summaries.push(...api.board.list().filter((task) => task.preview).map((task) => `${task.preview!.index}/${task.preview!.total}`))),
    ];
    try {
      const record = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'streamed lighthouse', aspectRatio: '1:1', resolution: '1K', quality: 'low' });
      assert.equal(record.state, 'succeeded', record.error?.message);
      assert.deepEqual(seen.map((p) => `${p.index}/${p.total}`), ['1/2', '2/2']);
      assert.ok(seen.every((p) => p.bytes > 0));
      assert.ok(summaries.includes('2/2'), 'the task summary (status bar, studio) said which preview');
      assert.equal(api.generation.previews.get(record.id), undefined, 'previews dropped once the image is saved');
      assert.equal(record.preview, undefined);
      const [stored] = await vscode.workspace.findFiles('assets/streamed-lighthouse*');
      assert.equal(readImageInfo(new Uint8Array(await vscode.workspace.fs.readFile(stored!)))?.width, 1024);
    } finally {
      listeners.forEach((listener) => listener.dispose());
    }
  });

  test('a slow OpenAI-compatible answer: within imagegen.openai.timeoutSeconds it lands; past it, the message names the setting and says it may be charged', async () => {
    const inject = (delayMs: number) => fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'openai.generate', fault: { kind: 'slowHeaders', delayMs } }) });
    await inject(1500);
    const slow = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'slow but fine', size: '1024x1024' });
    assert.equal(slow.state, 'succeeded', slow.error?.message);
    await vscode.workspace.getConfiguration('imagegen').update('openai.timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      await inject(3000);
      const failed = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'too slow', size: '1024x1024' });
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error?.kind, 'timeout');
      assert.match(failed.error!.message, /imagegen\.openai\.timeoutSeconds/);
      assert.match(failed.error!.message, /may still have generated and charged/);
    } finally {
      await vscode.workspace.getConfiguration('imagegen').update('openai.timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('HTML documents get <img>, other files the relative path', async () => {
    const html = await openDocument('page.html', '<body>\n</body>\n');
    html.selection = new vscode.Selection(1, 0, 1, 0);
    const first = await generate({ modelKey: 'jimmyai:nano-banana-2', prompt: 'a "quoted" moon', aspectRatio: '1:1', resolution: '1k' });
    assert.equal(first.state, 'succeeded', first.error?.message);
    assert.match(html.document.getText(), /<img src="assets\/a-quoted-moon-[\d-]+\.png" alt="a &quot;quoted&quot; moon"><\/body>/);
    const plain = await openDocument('notes.txt', 'see: ');
    plain.selection = new vscode.Selection(0, 5, 0, 5);
    const second = await generate({ modelKey: 'jimmyai:nano-banana-2', prompt: 'a comet', aspectRatio: '1:1', resolution: '1k' });
    assert.match(plain.document.getText(), /^see: assets\/a-comet-[\d-]+\.png$/);
    assert.equal(second.state, 'succeeded');
  });

  test('with no editor open, the image opens instead of being inserted', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const record = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'a lone tree', size: '1024x1024' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    await waitFor('the image to open', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).some((tab) => (tab.input as { uri?: vscode.Uri })?.uri?.toString() === record.imageUri));
  });

  test('OpenAI-compatible answers the strict schema refused (created as a string, a gateway wrapper, bytes after the JSON) save the image, succeed and are charged once', async () => {
    const charges = async () => ((await (await fetch(`${simulator}/__sim/requests`)).json()) as { charges: number }).charges;
    const submits = async () => (await simulatorRequests()).filter((request) => /\/images\/generations$/.test(request.path)).length;
    const [chargesBefore, submitsBefore] = [await charges(), await submits()];
    const record = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'a gateway lighthouse [sim:variant=createdString+wrapped+trailing]', size: '1024x1024' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.equal(readImageInfo(imageFile(record))?.format, 'png', 'the image file exists');
    assert.equal(await charges(), chargesBefore + 1);
    assert.equal(await submits(), submitsBefore + 1);
    // JimmyAI's synchronous copy, given as an OpenAI-compatible base URL: wrapped in { code, msg, data: { data } }.
    await setting('openai.baseUrl', `${simulator}/api/open-api/v1`);
    try {
      const jimmy = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'a wrapped lighthouse', size: '1024x1024' });
      assert.equal(jimmy.state, 'succeeded', jimmy.error?.message);
      assert.equal(readImageInfo(imageFile(jimmy))?.format, 'png');
      assert.equal(await charges(), chargesBefore + 2);
      assert.equal(await submits(), submitsBefore + 2);
    } finally {
      await setting('openai.baseUrl', simulator);
    }
  });

  test('no key: the user is asked for one before anything happens; dismissing it leaves the document, the history and the provider untouched', async () => {
    assert.equal(await vscode.commands.executeCommand('imagegen.clearApiKey', 'jimmyai'), true);
    const editor = await openDocument('docs/no-key.md', 'Para.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const api = await activatedApi();
    const tasksBefore = api.generation.list().length;
    const requestsBefore = (await simulatorRequests()).length;
    const started = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'kept prompt' });
    // The question is a notification ("No API key for JimmyAI … Set Key…"); closing it is a no.
    let settled = false;
    void Promise.resolve(started).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(settled, false, 'the generation waits for the answer');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.equal(await started, undefined, 'nothing started');
    assert.equal(editor.document.getText(), 'Para.\n', 'nothing inserted, no failure note');
    assert.equal(api.generation.list().length, tasksBefore, 'no task in the history');
    assert.equal((await simulatorRequests()).length, requestsBefore, 'nothing sent');
    await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
  });

  test('a key the provider refuses: nothing inserted, the prompt kept; once a key is stored the same generation runs again where the placeholder is', async () => {
    await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'wrong-key');
    try {
      const editor = await openDocument('docs/refused-key.md', 'Para.\n');
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'refused prompt' });
      assert.equal(record.state, 'failed');
      assert.equal(record.error?.kind, 'auth');
      assert.doesNotMatch(record.error!.message, /\baireiter\b|\bjimmyai\b|\bopenai\b/, 'providers named as users know them');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(editor.document.getText(), 'Para.\n', 'no failure note in the document');
      const api = await activatedApi();
      assert.equal(api.generation.get(record.id)?.input.prompt, 'refused prompt', 'the prompt stays in the history');
      // The user writes on while getting a key, then stores it from the palette (not the question).
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Intro.\n'));
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
      const again = await waitFor('the same generation, run again', () => api.generation.list().find((task) => task.id !== record.id && task.input.prompt === 'refused prompt'));
      assert.equal((await finished(again.id)).state, 'succeeded');
      assert.match(editor.document.getText(), /^Intro\.\nPara\.\n!\[refused prompt\]\(\.\.\/assets\/refused-prompt-[\d-]+\.png\)$/, 'the link went where the placeholder was moved to');
      assert.equal(api.generation.list().filter((task) => task.input.prompt === 'refused prompt').length, 2, 'one refused task, one that ran: no extra run');
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    }
  });

  test('no key: the generation waits for one; stored from the palette, it goes on with the same prompt where the placeholder was moved to', async () => {
    assert.equal(await vscode.commands.executeCommand('imagegen.clearApiKey', 'jimmyai'), true);
    try {
      const editor = await openDocument('docs/no-key-then-key.md', 'Para.\n');
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const started = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'waited for its key' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Written meanwhile.\n'));
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
      const record = await started;
      assert.ok(record, 'the generation went on once the key was stored');
      assert.equal((await finished(record.id)).state, 'succeeded');
      assert.match(editor.document.getText(), /^Written meanwhile\.\nPara\.\n!\[waited for its key\]\(\.\.\/assets\/waited-for-its-key-[\d-]+\.png\)$/);
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    }
  });

  test('a task the provider accepted, then refused the key for, is followed on with a new key, never sent again', async () => {
    const api = await activatedApi();
    const editor = await openDocument('docs/refused-while-polling.md', 'Para.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'aireiter:gpt_image_2', prompt: 'refused while polling [sim:durationMs=2500]', aspectRatio: '1:1', resolution: '1K' });
    await waitFor('the provider to accept the task', () => api.generation.get(started.id)?.acceptedAt);
    const submitsBefore = (await simulatorRequests()).filter((request) => request.path === '/api/openapi/submit').length;
    await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'aireiter.query', fault: { kind: 'status', status: 401 }, times: 1 }) });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const waiting = api.generation.get(started.id)!;
    assert.equal(waiting.state, 'running', 'an accepted task is not failed for its key: it waits for one');
    await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key');
    const done = await finished(started.id);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.equal((await simulatorRequests()).filter((request) => request.path === '/api/openapi/submit').length, submitsBefore, 'the task was not submitted again');
    assert.match(editor.document.getText(), /!\[refused while polling/);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('a failed task reports the provider’s reason; the prompt and settings stay in the history', async () => {
    const record = await generate({ modelKey: 'aireiter:gpt_image_2_official', prompt: 'castle [sim:taskFailed=upstream busy]', aspectRatio: '16:9', resolution: '2K', quality: 'high' });
    assert.equal(record.state, 'failed');
    assert.equal(record.error?.kind, 'taskFailed');
    assert.match(record.error!.message, /upstream busy/);
    assert.equal(record.input.quality, 'high');
  });

  test('a failure where an image was expected leaves a visible note with the reason and the prompt', async () => {
    const editor = await openDocument('docs/failure.md', 'Para.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'a castle --> [sim:taskFailed=upstream --> busy]' });
    assert.equal(record.state, 'failed');
    const text = await waitFor('the failure note', () => (editor.document.getText().includes('<!--') ? editor.document.getText() : undefined));
    assert.match(text, /^Para\.\n<!-- ImageGen: generation failed: .*upstream — busy.* Prompt: "a castle —> \[sim:taskFailed=upstream —> busy\]"\. Delete this note, or retry from "ImageGen: Show Tasks"\. -->$/);
    assert.equal(text.match(/-->/g)?.length, 1, 'the comment cannot be closed early by the reason or the prompt');
  });

  test('if the target document is deleted while the task runs, the image is still saved', async () => {
    const editor = await openDocument('docs/gone.md', 'x\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'orphan [sim:durationMs=1500]' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(editor.document.uri);
    const record = await finished(started!.id);
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.ok(readFileSync(vscode.Uri.parse(record.imageUri!).fsPath).length > 0);
  });

  test('Cancel Task stops a running task and nothing is written', async () => {
    const started = await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'never finished' });
    assert.equal(await vscode.commands.executeCommand('imagegen.cancelTask', started!.id), true);
    const record = await finished(started!.id);
    assert.equal(record.state, 'cancelled');
    assert.equal(record.imageUri, undefined);
    const files = await vscode.workspace.findFiles('assets/never-finished*');
    assert.equal(files.length, 0);
  });

  test('Show Tasks opens the task list', async () => {
    await vscode.commands.executeCommand('imagegen.showTasks');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('invalid input is refused before anything is sent', async () => {
    const before = (await simulatorRequests()).length;
    const record = await vscode.commands.executeCommand('imagegen.generate', { modelKey: 'aireiter:gpt_image_2_official', prompt: 'x', aspectRatio: '1:1', resolution: '4K' });
    assert.equal(record, undefined);
    assert.equal((await simulatorRequests()).length, before);
  });
});

suite('settings', () => {
  const changed = ['defaultModel', 'assetsFolder', 'aireiter.baseUrl', 'jimmyai.baseUrl', 'openai.baseUrl', 'polling.initialDelaySeconds', 'polling.timeoutSeconds', 'download.maxMegabytes'];
  const original = new Map<string, unknown>();

  suiteSetup(() => {
    // The user settings point every provider at the simulator; restore exactly those values,
    // never the defaults (which name the real services).
    for (const key of changed) {
      original.set(key, vscode.workspace.getConfiguration('imagegen').inspect(key)?.globalValue);
    }
  });

  teardown(async () => {
    for (const key of changed) {
      await setting(key, original.get(key));
    }
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      assert.equal(vscode.workspace.getConfiguration('imagegen').get(`${provider}.baseUrl`), simulator);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('imagegen.defaultModel is the model when none is given', async () => {
    await setting('defaultModel', 'jimmyai:nano-banana-pro');
    const record = await generate({ prompt: 'default model please' });
    assert.equal(record.input.modelKey, 'jimmyai:nano-banana-pro');
    assert.equal(record.state, 'succeeded', record.error?.message);
  });

  test('imagegen.assetsFolder with ${documentDir} saves next to the document; a folder outside the workspace is refused', async () => {
    await setting('assetsFolder', '${documentDir}/img');
    const editor = await openDocument('docs/nested/page.md', 'x\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'beside the doc' });
    assert.match(vscode.Uri.parse(record.imageUri!).path, /\/docs\/nested\/img\/beside-the-doc-[\d-]+\.png$/);
    assert.match(editor.document.getText(), /!\[beside the doc\]\(img\/beside-the-doc-[\d-]+\.png\)/);

    await setting('assetsFolder', '../..');
    const refused = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'escape attempt' });
    assert.equal(refused.state, 'failed');
    assert.match(refused.error!.message, /outside the workspace/);
  });

  for (const [provider, modelKey, extra] of [
    ['aireiter', 'aireiter:gpt_image_2', {}],
    ['jimmyai', 'jimmyai:nano-banana', {}],
    ['openai', 'openai:gpt-image-2', { size: '1024x1024' }],
  ] as const) {
    test(`imagegen.${provider}.baseUrl is where ${provider} requests go`, async () => {
      await setting(`${provider}.baseUrl`, 'http://127.0.0.1:9');
      const record = await generate({ modelKey, prompt: 'nowhere', ...extra });
      assert.equal(record.state, 'failed');
      assert.equal(record.error?.kind, 'network');
    });
  }

  test('imagegen.polling.initialDelaySeconds delays the first query', async () => {
    await setting('polling.initialDelaySeconds', 1.5);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'patience' });
    assert.equal(record.state, 'succeeded');
    const requests = await simulatorRequests();
    const create = requests.filter((r) => r.path === '/api/open-api/v1/images').at(-1)!;
    const firstQuery = requests.find((r) => r.path.startsWith('/api/open-api/v1/images/') && r.at > create.at)!;
    assert.ok(firstQuery.at - create.at >= 1400, `first query after ${firstQuery.at - create.at} ms`);
  });

  test('imagegen.polling.intervalSeconds spaces the queries', async () => {
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'interval check' });
    const queries = (await simulatorRequests()).filter((r) => r.path === `/api/open-api/v1/images/${record.taskId}`);
    assert.ok(queries.length >= 2);
    for (let i = 1; i < queries.length; i++) {
      assert.ok(queries[i]!.at - queries[i - 1]!.at >= 180, 'queries at least intervalSeconds (0.2 s) apart');
    }
  });

  test('past imagegen.polling.timeoutSeconds a task the provider still runs is not dropped: marked overdue, polled slower, Keep Waiting and Stop Following', async () => {
    await setting('polling.timeoutSeconds', 1.5);
    const api = await activatedApi();
    const before = (await simulatorRequests()).length;
    const started = (await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'stuck [sim:unknownStatus=thinking]' }))!;
    const overdue = await waitFor('the task to be overdue', () => (api.generation.get(started.id)?.overdue ? api.generation.get(started.id) : undefined), 10_000);
    assert.equal(overdue.state, 'running', 'still followed');
    // Slower: normal pace is 0.2 s (hostRunner), overdue pace 4× that.
    const queryTimes = async () => (await simulatorRequests()).slice(before).filter((r) => r.path.startsWith('/api/open-api/v1/images/')).map((r) => r.at);
    const overdueSince = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const slowQueries = (await queryTimes()).filter((at) => at >= overdueSince);
    assert.ok(slowQueries.length >= 1 && slowQueries.length <= 4, `${slowQueries.length} queries in 2 s past the deadline (at most one per 0.8 s)`);
    assert.equal(api.generation.keepWaiting(started.id), true);
    assert.equal(api.generation.get(started.id)?.overdue, undefined, 'Keep Waiting gives another full deadline');
    await waitFor('overdue again', () => api.generation.get(started.id)?.overdue || undefined, 10_000);
    assert.equal(api.generation.stopFollowing(started.id), true);
    const record = api.generation.get(started.id)!;
    assert.equal(record.state, 'failed');
    assert.equal(record.error?.kind, 'timeout');
    assert.match(record.error!.message, /may still finish it and charge/);
    assert.equal(record.input.prompt, 'stuck [sim:unknownStatus=thinking]', 'the prompt is kept for a retry');
  });

  test('imagegen.download.maxMegabytes caps downloads, leaving no file', async () => {
    await setting('download.maxMegabytes', 1);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'huge [sim:oversizeImage=2000000]' });
    assert.equal(record.state, 'failed');
    assert.equal(record.error?.kind, 'imageTooLarge');
    assert.equal((await vscode.workspace.findFiles('assets/huge*')).length, 0);
  });

  test('a workspace cannot set a base URL, even when trusted (application scope)', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), '.vscode', 'settings.json');
    // maxMegabytes (resource scope, same value) shows when VS Code has read the file.
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ 'imagegen.openai.baseUrl': 'http://127.0.0.1:9/collect-keys', 'imagegen.download.maxMegabytes': 50 })));
    try {
      await waitFor('the workspace settings to be read', () => vscode.workspace.getConfiguration('imagegen').inspect('download.maxMegabytes')?.workspaceValue === 50 || undefined);
      assert.equal(vscode.workspace.getConfiguration('imagegen').get('openai.baseUrl'), simulator);
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test('an assets folder reached through a symlink that leaves the workspace is refused', async () => {
    const { mkdtempSync, symlinkSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const outside = mkdtempSync(`${tmpdir()}/imagegen-outside-`);
    symlinkSync(outside, vscode.Uri.joinPath(workspaceRoot(), 'escape-link').fsPath);
    await setting('assetsFolder', 'escape-link/images');
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'through the link' });
    assert.equal(record.state, 'failed');
    assert.match(record.error!.message, /symbolic link, outside the workspace/);
    assert.deepEqual(readdirSync(outside), [], 'nothing was written outside the workspace');
  });

  test('the API key appears in no setting, log file or history record (which the studio shows)', async () => {
    const { readdirSync, readFileSync: read, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const secret = 'sk-LEAKCHECK-0123456789abcdef';
    const api = await activatedApi();
    try {
      await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', secret);
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', secret);
      const openai = await generate({ modelKey: 'openai:gpt-image-2', prompt: 'leak check one', size: '1024x1024' });
      const jimmy = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'leak check two' });
      assert.equal(openai.error?.kind, 'auth');
      assert.equal(jimmy.error?.kind, 'auth');
    } finally {
      await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key');
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    }
    assert.ok(!JSON.stringify(api.generation.list()).includes(secret), 'history');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('imagegen')).includes(secret), 'settings');
    const logDir = vscode.Uri.joinPath(api.logUri, '..').fsPath;
    const files = readdirSync(logDir, { recursive: true }).map((name) => join(logDir, String(name))).filter((path) => statSync(path).isFile());
    const logs = files.map((path) => read(path, 'utf8'));
    assert.ok(logs.some((text) => text.includes('leak check') || text.includes('Submitting')), `ImageGen's log is among ${files.length} files in ${logDir}`);
    assert.ok(logs.every((text) => !text.includes(secret)), 'log files');
  });

  test('an invalid setting value is reported by name', async () => {
    await setting('polling.timeoutSeconds', -5);
    const record = await vscode.commands.executeCommand('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'x' });
    assert.equal(record, undefined);
  });
});
