// The agent-mode tool, called as an agent calls it (vscode.lm.invokeTool, no chat model needed):
// the same pipeline as the commands, answering with the saved path, the link and the image, and
// with text an agent can act on for everything that goes wrong.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { activatedApi, openDocument, waitFor } from './support';

const tool = 'imagegen_generateImage';

async function call(input: object, token?: vscode.CancellationToken): Promise<{ text: string; images: vscode.LanguageModelDataPart[] }> {
  const result = await vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined }, token);
  const text = result.content.filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('\n');
  const images = result.content.filter((part): part is vscode.LanguageModelDataPart => part instanceof vscode.LanguageModelDataPart);
  return { text, images };
}

suite('agent tool #generateImage', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('is contributed, referable as #generateImage (the calls below show it is registered)', () => {
    const found = vscode.lm.tools.find((candidate) => candidate.name === tool);
    assert.ok(found, 'vscode.lm.tools lists it');
    assert.deepEqual((found.inputSchema as { required?: string[] }).required, ['prompt']);
  });

  test('generates into the folder asked for, inserts the link at the end of the line asked for, and returns the path, the link and the image', async () => {
    const editor = await openDocument('docs/agent.md', '# Agent\n\nIntro.\n');
    const { text, images } = await call({ prompt: 'An app icon of a paper plane', model: 'jimmyai:nano-banana', aspectRatio: '1:1', folder: 'assets/agent', insert: { uri: editor.document.uri.toString(), line: 3 } });
    const saved = /Saved (assets\/agent\/an-app-icon-of-a-paper-plane-[\d-]+\.png)/.exec(text)?.[1];
    assert.ok(saved, text);
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, saved);
    assert.ok(existsSync(file.fsPath), 'the file is on disk');
    assert.equal(images.length, 1, 'the image itself, for a model that sees images');
    assert.equal(images[0]!.mimeType, 'image/png');
    assert.equal(readImageInfo(Buffer.from(images[0]!.data))?.format, 'png');
    assert.match(editor.document.getText(), /^# Agent\n\nIntro\.\n\n!\[An app icon of a paper plane\]\(\.\.\/assets\/agent\/an-app-icon-of-a-paper-plane-[\d-]+\.png\)\n$/);
  });

  test('without an insert target it returns the Markdown link instead', async () => {
    const { text } = await call({ prompt: 'A hero banner', model: 'jimmyai:nano-banana' });
    assert.match(text, /Markdown link \(relative to the workspace folder\): !\[A hero banner\]\(assets\/a-hero-banner-[\d-]+\.png\)/);
  });

  test('invalid input comes back as text the agent can correct; nothing is sent', async () => {
    const api = await activatedApi();
    const before = api.generation.list().length;
    const { text, images } = await call({ prompt: 'too small', model: 'aireiter:gpt_image_2', size: '10x10' });
    assert.match(text, /not generated\. Fix the input and call the tool again/);
    assert.match(text, /size:/);
    assert.equal(images.length, 0);
    assert.equal(api.generation.list().length, before, 'no task');
    assert.match((await call({ prompt: 42 })).text, /prompt:/);
    assert.match((await call({ prompt: 'x', model: 'nobody:nothing' })).text, /Unknown model "nobody:nothing"/);
  });

  test('a path outside the workspace is refused: folder, reference images, the document to insert into', async () => {
    assert.match((await call({ prompt: 'escape', model: 'jimmyai:nano-banana', folder: '../outside' })).text, /folder: "\.\.\/outside" is not a folder inside the workspace/);
    assert.match((await call({ prompt: 'escape', model: 'jimmyai:nano-banana', folder: 'C:\\Windows' })).text, /not a folder inside the workspace/);
    assert.match((await call({ prompt: 'escape', model: 'jimmyai:nano-banana', referenceImages: ['/etc/passwd'] })).text, /referenceImages: "\/etc\/passwd" is not a PNG, JPEG or WebP file inside the workspace/);
    assert.match((await call({ prompt: 'escape', model: 'jimmyai:nano-banana', insert: { uri: 'file:///etc/hosts', line: 1 } })).text, /is not a file in the workspace/);
    const climbing = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'docs').toString() + '/../../../../etc/hosts';
    assert.match((await call({ prompt: 'escape', model: 'jimmyai:nano-banana', insert: { uri: climbing, line: 1 } })).text, /is not a file in the workspace/, 'a URI that climbs out with ..');
  });

  test('a reference that is a link leading outside the workspace, or not an image, is never sent', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const outside = join(tmpdir(), `imagegen-secret-${Date.now()}.png`);
    writeFileSync(outside, 'aws_secret_access_key = not-for-the-provider');
    mkdirSync(join(root, 'refs'), { recursive: true });
    symlinkSync(outside, join(root, 'refs', 'leak.png'));
    writeFileSync(join(root, 'refs', 'fake.png'), 'not an image at all');
    assert.match((await call({ prompt: 'leak', model: 'jimmyai:nano-banana', referenceImages: ['refs/leak.png'] })).text, /refs\/leak\.png leads outside the workspace/);
    assert.match((await call({ prompt: 'fake', model: 'jimmyai:nano-banana', referenceImages: ['refs/fake.png'] })).text, /refs\/fake\.png is not an image/);
    const { requests } = (await (await fetch(`${process.env.IMAGEGEN_SIMULATOR_URL}/__sim/requests`)).json()) as { requests: { body: { prompt?: string } | undefined }[] };
    assert.deepEqual(requests.filter((request) => request.body?.prompt === 'leak' || request.body?.prompt === 'fake'), [], 'neither request reached the provider');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('a missing key is said in words the agent can pass on; no question, no task', async () => {
    const api = await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.clearApiKey', 'jimmyai'), true);
    try {
      const before = api.generation.list().length;
      const { text } = await call({ prompt: 'no key', model: 'jimmyai:nano-banana' });
      assert.match(text, /No API key is set for JimmyAI/);
      assert.equal(api.generation.list().length, before);
    } finally {
      await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    }
  });

  test('cancelling the call cancels the task; nothing is saved', async () => {
    const api = await activatedApi();
    const source = new vscode.CancellationTokenSource();
    const pending = call({ prompt: 'cancelled by the agent [sim:durationMs=6000]', model: 'jimmyai:nano-banana' }, source.token);
    // Cancelled once the task exists (not after a fixed time): a slow machine must not cancel before the call ran.
    await waitFor('the task to start', () => api.generation.list().find((candidate) => candidate.input.prompt.startsWith('cancelled by the agent')));
    source.cancel();
    // VS Code answers a cancelled call itself (CancellationError); the task must stop too.
    await assert.rejects(pending, /Canceled/);
    const record = await waitFor('the task to be cancelled', () => api.generation.list().find((candidate) => candidate.input.prompt.startsWith('cancelled by the agent') && candidate.state === 'cancelled'));
    assert.equal(record.imageUri, undefined, 'nothing saved');
  });
});
