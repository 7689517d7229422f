// The agent-mode tool, called as an agent calls it (vscode.lm.invokeTool, no chat model needed):
// the same pipeline as the commands, answering with the saved path, the link and the image, and
// with text an agent can act on for everything that goes wrong.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { GenerateImageTool } from '../../src/features/agentTool/generateImageTool';
import { activatedApi, finished, openDocument, waitFor } from './support';

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

  test('output options: a bad outputSize is refused with its sentence and nothing reaches the provider', async () => {
    const api = await activatedApi();
    const before = api.generation.list().length;
    const prompt = 'a card with a bad output size';
    const { text, images } = await call({ prompt, model: 'jimmyai:nano-banana', outputSize: 'big', outputFormat: 'gif' });
    assert.match(text, /not generated\. Fix the input and call the tool again/);
    assert.ok(text.includes('outputSize "big" is not WIDTHxHEIGHT, for example 1200x630.'), text);
    assert.ok(text.includes('outputFormat "gif" is not one of png, webp, avif, jpeg.'), text);
    assert.equal(images.length, 0);
    assert.equal(api.generation.list().length, before, 'no task');
    assert.equal(await submitsOf(prompt), 0, 'no request reached the provider');
  });

  test('output options the tool takes ride into the task record as the output to deliver', async () => {
    const api = await activatedApi();
    const prompt = 'a social card of a lighthouse';
    const { text } = await call({ prompt, model: 'jimmyai:nano-banana', aspectRatio: '16:9', outputFormat: 'webp', outputQuality: 70, outputSize: '1200x630', fit: 'contain', background: 'opaque' });
    assert.match(text, /Saved /);
    const record = api.generation.list().find((candidate) => candidate.input.prompt === prompt);
    assert.ok(record, 'the task is recorded');
    assert.deepEqual(record.input.output, { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'contain', background: 'opaque' });
    assert.equal(await submitsOf(prompt), 1, 'sent once');
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

  test('cancelling the call before the provider accepted the task cancels it; nothing is saved', async () => {
    const api = await activatedApi();
    // The provider's answer to the submit is held back, so the cancel surely comes before acceptance.
    await fetch(`${simulator()}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'jimmyai.create', fault: { kind: 'slowHeaders', delayMs: 3000 } }) });
    try {
      const source = new vscode.CancellationTokenSource();
      const pending = call({ prompt: 'cancelled by the agent [sim:durationMs=6000]', model: 'jimmyai:nano-banana' }, source.token);
      // Cancelled once the task exists (not after a fixed time): a slow machine must not cancel before the call ran.
      const started = await waitFor('the task to start', () => api.generation.list().find((candidate) => candidate.input.prompt.startsWith('cancelled by the agent')));
      assert.equal(started.acceptedAt, undefined, 'not accepted yet');
      source.cancel();
      // VS Code answers a cancelled call itself (CancellationError); the task must stop too.
      await assert.rejects(pending, /Canceled/);
      const record = await waitFor('the task to be cancelled', () => api.generation.list().find((candidate) => candidate.input.prompt.startsWith('cancelled by the agent') && candidate.state === 'cancelled'));
      assert.equal(record.imageUri, undefined, 'nothing saved');
    } finally {
      await fetch(`${simulator()}/__sim/faults`, { method: 'DELETE' });
    }
  });

  test('cancelling the call after the provider accepted the task only lets go of it: it goes on, lands, inserts its link, and was sent once', async () => {
    const api = await activatedApi();
    const editor = await openDocument('docs/detached.md', '# Detached\n\nText.\n');
    const prompt = 'goes on without the agent [sim:durationMs=2500]';
    const source = new vscode.CancellationTokenSource();
    const pending = call({ prompt, model: 'jimmyai:nano-banana', insert: { uri: editor.document.uri.toString(), line: 3 } }, source.token);
    const accepted = await waitFor('the provider to accept the task', () => api.generation.list().find((candidate) => candidate.input.prompt === prompt && candidate.acceptedAt !== undefined), 15_000);
    source.cancel();
    // VS Code hands a cancelled call's caller a CancellationError whatever the tool answers (the answer's text is checked below).
    await assert.rejects(pending, /Canceled/);
    assert.notEqual(api.generation.get(accepted.id)?.state, 'cancelled', 'the task is not cancelled');
    const done = await finished(accepted.id, 30_000);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.ok(existsSync(vscode.Uri.parse(done.imageUri!).fsPath), 'the image is saved');
    assert.equal(api.board.list().find((task) => task.id === accepted.id)?.state, 'succeeded', 'Show Tasks lists it as succeeded');
    assert.match(editor.document.getText(), /^# Detached\n\nText\.\n\n!\[goes on without the agent[^\]]*\]\(\.\.\/assets\/[^)]+\.png\)\n$/, 'its link went where the call asked');
    assert.equal(await submitsOf(prompt), 1, 'sent exactly once');
  });

  test('cancelling the call while a synchronous OpenAI-compatible request is out (it may be billed) lets go of it too: the image lands, sent once', async () => {
    const api = await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key'), true);
    await fetch(`${simulator()}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'openai.generate', fault: { kind: 'slowHeaders', delayMs: 2500 } }) });
    try {
      const prompt = 'a synchronous request let go of';
      const source = new vscode.CancellationTokenSource();
      const pending = call({ prompt, model: 'openai:gpt-image-2', size: '1024x1024' }, source.token);
      await waitFor('the request to reach the provider', async () => (await operationsOf('openai.generate', prompt)) === 1 || undefined, 15_000);
      const record = api.generation.list().find((candidate) => candidate.input.prompt === prompt)!;
      source.cancel();
      await assert.rejects(pending, /Canceled/);
      const done = await finished(record.id, 30_000);
      assert.equal(done.state, 'succeeded', done.error?.message);
      assert.ok(existsSync(vscode.Uri.parse(done.imageUri!).fsPath), 'the image is saved');
      assert.equal(await operationsOf('openai.generate', prompt), 1, 'sent exactly once');
    } finally {
      await fetch(`${simulator()}/__sim/faults`, { method: 'DELETE' });
    }
  });

  test("the answer of a call stopped after acceptance says the task goes on, its id, where it is saved and that Show Tasks lists it", async () => {
    const api = await activatedApi();
    const prompt = 'answer of a detached call [sim:durationMs=2500]';
    const source = new vscode.CancellationTokenSource();
    // The tool's own answer (vscode.lm.invokeTool replaces a cancelled call's answer with CancellationError).
    const direct = new GenerateImageTool(api.generation);
    const pending = direct.invoke({ input: { prompt, model: 'jimmyai:nano-banana', folder: 'assets/detached' }, toolInvocationToken: undefined }, source.token);
    const accepted = await waitFor('the provider to accept the task', () => api.generation.list().find((candidate) => candidate.input.prompt === prompt && candidate.acceptedAt !== undefined), 15_000);
    source.cancel();
    const answer = await pending;
    const text = answer.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, /goes on in the background/);
    assert.ok(text.includes(`Task id: ${accepted.id}.`), text);
    assert.match(text, /saved in the workspace folder assets\/detached/);
    assert.match(text, /ImageGen: Show Tasks/);
    assert.equal((await finished(accepted.id, 30_000)).state, 'succeeded');
    assert.equal(await submitsOf(prompt), 1, 'sent exactly once');
  });
});

function simulator(): string {
  return process.env.IMAGEGEN_SIMULATOR_URL!;
}

/** How many times the provider was asked to create a task for `prompt`. */
function submitsOf(prompt: string): Promise<number> {
  return operationsOf('jimmyai.create', prompt);
}

async function operationsOf(operation: string, prompt: string): Promise<number> {
  const { requests } = (await (await fetch(`${simulator()}/__sim/requests`)).json()) as { requests: { operation?: string; body: { prompt?: string } | undefined }[] };
  return requests.filter((request) => request.operation === operation && request.body?.prompt === prompt).length;
}
