import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import type { HostToWebview } from '../../src/protocol/studioMessages';
import { activatedApi, finished, generate, openDocument, studioPage, waitFor, webviewTabs } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

suite('studio panel', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Image Studio shows one webview panel and reveals it again instead of opening a second', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    await waitFor('the studio tab', () => webviewTabs('imagegen.studio').length === 1);
    const panel = api.panels.panel;
    assert.ok(panel, 'the panel manager holds the panel');
    assert.equal(panel.title, 'Image Studio');
    await vscode.commands.executeCommand('imagegen.openPanel');
    assert.equal(webviewTabs('imagegen.studio').length, 1);
    assert.equal(api.panels.panel, panel);
  });

  test('the panel only loads local resources from media/ and dist/webview/ and has scripts with a nonce CSP', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    const panel = await waitFor('the panel', () => api.panels.panel);
    const extensionPath = vscode.extensions.getExtension('imagegen.imagegen')!.extensionUri.path;
    const workspacePath = vscode.workspace.workspaceFolders![0]!.uri.path;
    const roots = (panel.webview.options.localResourceRoots ?? []).map((uri) => uri.path);
    const extensionRoots = roots.filter((path) => path.startsWith(`${extensionPath}/`)).map((path) => path.slice(extensionPath.length)).sort();
    assert.deepEqual(extensionRoots, ['/dist/webview', '/media']);
    // Any other root is a folder that holds a saved image, inside the workspace.
    const api2 = await activatedApi();
    const imageFolders = new Set(api2.generation.list().flatMap((record) => (record.imageUri ? [vscode.Uri.joinPath(vscode.Uri.parse(record.imageUri), '..').path] : [])));
    for (const root of roots.filter((path) => !path.startsWith(`${extensionPath}/`))) {
      assert.ok(root.startsWith(`${workspacePath}/`), `${root} is inside the workspace`);
      assert.ok(imageFolders.has(root), `${root} holds a generated image`);
    }
    assert.equal(panel.webview.options.enableCommandUris, false);
    const html = panel.webview.html;
    const csp = (/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce of at least 16 characters');
    assert.ok(html.includes(`<script nonce="${nonce}"`), 'the script carries the nonce');
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handlers');
  });

  test('closing the panel releases it', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    await waitFor('the panel', () => api.panels.panel);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to be released', () => api.panels.panel === undefined);
  });

  test('a studio opened while a task streams is sent the preview it missed as soon as its page is ready, then the next one, then the withdrawal', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key');
    // Two seconds between events: the studio opens between the first preview and the second.
    await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'openai.generate', fault: { kind: 'slowBody', delayMs: 2000 } }) });
    const started = (await vscode.commands.executeCommand<TaskRecord>('imagegen.generate', { modelKey: 'openai:gpt-image-2', prompt: 'studio opened mid-stream', aspectRatio: '1:1', resolution: '1K', quality: 'low' }))!;
    await waitFor('the first preview', () => api.generation.previews.get(started.id), 20_000);
    await vscode.commands.executeCommand('imagegen.openPanel');
    const controller = await waitFor('the studio panel', () => api.panels.controller);
    const messages: HostToWebview[] = [];
    const listener = controller.onDidPost((message) => messages.push(message));
    try {
      await waitFor('the task to end', () => ['succeeded', 'failed'].includes(api.generation.get(started.id)?.state ?? '') || undefined, 30_000);
      assert.equal(api.generation.get(started.id)?.state, 'succeeded');
      const mine = messages.filter((message) => (message.type === 'preview' || message.type === 'previewCleared') && message.taskId === started.id);
      assert.deepEqual(mine.map((message) => (message.type === 'preview' ? `preview ${message.index}/${message.total}` : 'cleared')), ['preview 1/2', 'preview 2/2', 'cleared']);
      const firstState = messages.findIndex((message) => message.type === 'state');
      assert.ok(firstState >= 0 && firstState < messages.indexOf(mine[0]!), 'the missed preview follows the first state, once the page is ready');
      const state = messages.find((message): message is Extract<HostToWebview, { type: 'state' }> => message.type === 'state' && message.tasks.some((task) => task.id === started.id && task.preview?.index === 2));
      assert.ok(state, 'the task card is told which preview it shows');
      for (const message of mine) {
        if (message.type !== 'preview') continue;
        for (const part of message.parts) assert.equal(part.byteLength, part.buffer.byteLength, 'each part is its own whole buffer: nothing else travels to the webview');
      }
    } finally {
      listener.dispose();
    }
  });

  test('the form\'s Output section reaches the task record; an output the rules refuse is said in the reply and starts nothing', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key');
    const page = await studioPage();
    try {
      await waitFor('the first state', () => page.states[0]);
      const output = { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'cover', background: 'opaque' } as const;
      await page.send({ type: 'generate', requestId: 7101, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'studio output section', aspectRatio: '16:9', resolution: '1K', referencePaths: [], output } });
      const reply = await page.reply(7101);
      assert.equal(reply.ok, true, reply.message);
      const record = await finished(reply.message!);
      assert.deepEqual(record.input.output, output);
      const before = api.generation.list().length;
      await page.send({ type: 'generate', requestId: 7102, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'lossless with a quality', aspectRatio: '16:9', resolution: '1K', referencePaths: [], output: { format: 'png', quality: 80 } } });
      const refused = await page.reply(7102);
      assert.equal(refused.ok, false);
      assert.match(refused.message!, /PNG is lossless/);
      assert.equal(api.generation.list().length, before, 'no task');
      // A page out of step with the protocol (an unknown format) is not even heard.
      await page.send({ type: 'generate', requestId: 7103, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'gif', aspectRatio: '16:9', resolution: '1K', referencePaths: [], output: { format: 'gif' } } } as never);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(api.generation.list().length, before);
    } finally {
      page.dispose();
    }
  });

  test('a Regenerate\'s task carries the image it replaces, and its gallery item offers Compare with it (the before image loadable by the page)', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key');
    const editor = await openDocument('docs/studio-compare.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const first = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'compare me before and after', aspectRatio: '1:1', resolution: '1K' });
    assert.equal(first.state, 'succeeded', first.error?.message);
    assert.equal(first.basedOn, undefined, 'a first generation is based on nothing');
    const line = editor.document.lineCount - 1;
    const again = await vscode.commands.executeCommand<TaskRecord>('imagegen.regenerateImage', { uri: editor.document.uri.toString(), line, character: 3 });
    assert.ok(again, 'Regenerate started a task');
    assert.equal(again.basedOn, first.imageUri, 'the new task knows the image it replaces');
    const done = await finished(again.id);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.equal(done.basedOn, first.imageUri, 'and keeps it once done');
    const page = await studioPage();
    try {
      const item = await waitFor('the regenerated image in the gallery', () => page.states.at(-1)?.gallery.find((candidate) => candidate.id === again.id));
      assert.ok(item.basedOn, 'the gallery item offers Compare (before/after)');
      assert.equal(item.basedOn.path, vscode.workspace.asRelativePath(vscode.Uri.parse(first.imageUri!), false));
      const panel = api.panels.panel!;
      assert.equal(item.basedOn.imageSrc, panel.webview.asWebviewUri(vscode.Uri.parse(first.imageUri!)).toString());
      const roots = (panel.webview.options.localResourceRoots ?? []).map(String);
      assert.ok(roots.includes(vscode.Uri.joinPath(vscode.Uri.parse(first.imageUri!), '..').toString()), 'the before image is in a folder the page may load from');
      const firstItem = page.states.at(-1)!.gallery.find((candidate) => candidate.id === first.id);
      assert.equal(firstItem?.basedOn, undefined, 'the first image has nothing to compare with');
      assert.equal(firstItem?.candidate, undefined, 'and is no candidate');
    } finally {
      page.dispose();
    }
  });

  test('count 2 from the studio makes two candidates; each gallery item carries its candidate mark; Pick puts one in and marks it picked', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key');
    const editor = await openDocument('docs/studio-candidates.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const page = await studioPage();
    try {
      await waitFor('the first state', () => page.states[0]);
      await page.send({ type: 'generate', requestId: 7201, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'two studio candidates', aspectRatio: '1:1', resolution: '1K', referencePaths: [], count: 2 } });
      const reply = await page.reply(7201);
      assert.equal(reply.ok, true, reply.message);
      const first = api.generation.get(reply.message!);
      assert.ok(first?.candidate, 'the reply names a candidate');
      const group = first.candidate.group;
      const members = () => api.generation.list().filter((record) => record.candidate?.group === group);
      assert.equal(members().length, 2);
      for (const record of members()) assert.equal((await finished(record.id)).state, 'succeeded');
      const items = await waitFor('both candidates in the gallery', () => {
        const found = page.states.at(-1)?.gallery.filter((item) => item.candidate?.group === group);
        return found && found.length === 2 ? found : undefined;
      });
      assert.deepEqual(items.map((item) => [item.candidate!.index, item.candidate!.count, item.candidate!.picked ?? false]).sort(), [[1, 2, false], [2, 2, false]]);
      const tasks = page.states.at(-1)!.tasks.filter((task) => task.candidate?.group === group);
      assert.equal(tasks.length, 2, 'the task list says which tasks are candidates too');
      assert.doesNotMatch(editor.document.getText(), /two studio candidates/, 'no candidate is linked before one is picked');
      const chosen = items.find((item) => item.candidate!.index === 2)!;
      await page.send({ type: 'pickCandidate', requestId: 7202, taskId: chosen.id });
      const picked = await page.reply(7202);
      assert.equal(picked.ok, true, picked.message);
      await waitFor('the picked link', () => editor.document.getText().includes('![two studio candidates]') || undefined);
      const marked = await waitFor('the picked mark', () => page.states.at(-1)?.gallery.find((item) => item.id === chosen.id && item.candidate?.picked));
      assert.equal(marked.candidate!.index, 2);
      await page.send({ type: 'pickCandidate', requestId: 7203, taskId: page.states.at(-1)!.gallery.find((item) => !item.candidate)?.id ?? 'no-such-task' });
      assert.equal((await page.reply(7203)).ok, false, 'an image that is no candidate cannot be picked');
    } finally {
      page.dispose();
    }
  });
});
