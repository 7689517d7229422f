// The catalog follows the field, in the extension host against the simulator: the endpoint's
// GET /v1/models (cached) offered by the studio, gpt-image-2.5 and an id ImageGen does not list
// generated through the pipeline, and the agent tool taking openai:gpt-image-2.5.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { offerEndpointModels, type ModelPickItem } from '../../src/commands/modelChoices';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { activatedApi, generate, imageFile, openDocument, studioPage, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

async function modelListRequests(): Promise<number> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { method: string; path: string }[] };
  return requests.filter((request) => request.method === 'GET' && request.path === '/v1/models').length;
}

suite('catalog follows the field', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the listing service returns the endpoint\'s ids with their shutdown dates, and asks once (cached)', async () => {
    const api = await activatedApi();
    const before = await modelListRequests();
    const first = await api.openaiModels();
    assert.equal(first.kind, 'listed', JSON.stringify(first));
    const ids = first.kind === 'listed' ? first.models : [];
    assert.ok(ids.some((model) => model.id === 'gpt-image-2.5' && model.shutdownDate === undefined), JSON.stringify(ids));
    assert.equal(ids.find((model) => model.id === 'gpt-image-1')?.shutdownDate, '2026-10-23');
    const second = await api.openaiModels();
    assert.deepEqual(second, first);
    assert.ok((await modelListRequests()) - before <= 1, 'one GET /v1/models for both');
  });

  test('the studio offers the endpoint\'s listed image models, not the shut-down ones', async () => {
    const page = await studioPage();
    try {
      const state = await waitFor('a state with listed models', () => page.states.find((candidate) => (candidate.listedModels ?? []).length > 0));
      assert.ok(state.listedModels!.includes('openai:gpt-image-2.5'), JSON.stringify(state.listedModels));
      assert.ok(!state.listedModels!.includes('openai:gpt-image-1'), 'shut down: not offered');
      assert.ok(!state.listedModels!.includes('openai:gpt-4.1-mini'), 'not an image model');
    } finally {
      page.dispose();
    }
  });

  test('generates with openai:gpt-image-2.5 and with an id ImageGen does not list', async () => {
    const newer = await generate({ modelKey: 'openai:gpt-image-2.5', prompt: 'catalog newer model', aspectRatio: '16:9', resolution: '2K' });
    assert.equal(newer.state, 'succeeded', newer.error?.message);
    const info = readImageInfo(imageFile(newer).subarray(0, 64));
    assert.equal(`${info?.width}x${info?.height}`, '2048x1152');
    const unlisted = await generate({ modelKey: 'openai:house-gateway-image', prompt: 'catalog unlisted model', size: '1536x1024' });
    assert.equal(unlisted.state, 'succeeded', unlisted.error?.message);
    const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string; body: { model?: string; prompt?: string } | undefined }[] };
    assert.ok(requests.some((request) => request.path === '/v1/images/generations' && request.body?.model === 'house-gateway-image'), 'sent with the id as typed');
  });

  test('a shut-down model is refused before sending, naming the replacement', async () => {
    const api = await activatedApi();
    const result = await api.generation.generate({ modelKey: 'openai:gpt-image-1', prompt: 'catalog retired model', size: '1024x1024' }, undefined);
    assert.ok(!result.ok);
    assert.match(result.reason, /gpt-image-1 was shut down by OpenAI on 2026-10-23; use openai:gpt-image-2 instead/);
    const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { body: { prompt?: string } | undefined }[] };
    assert.ok(!requests.some((request) => request.body?.prompt === 'catalog retired model'), 'nothing sent');
  });

  test('the agent tool accepts openai:gpt-image-2.5', async () => {
    const result = await vscode.lm.invokeTool('imagegen_generateImage', { input: { prompt: 'catalog agent newer model', model: 'openai:gpt-image-2.5', aspectRatio: '1:1', resolution: '1K' }, toolInvocationToken: undefined });
    const text = result.content.filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('\n');
    assert.match(text, /Saved /, text);
  });

  test('Regenerate of an image made with a shut-down model is refused before sending (no crash), the link left as it was', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(join(root, 'retired'), { recursive: true });
    const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
    const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    writeFileSync(join(root, 'retired', 'old.jpg'), Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]));
    writeFileSync(join(root, 'retired', 'old.jpg.imagegen.json'), JSON.stringify({ prompt: 'catalog regenerate retired', model: 'openai:gpt-image-1', parameters: '{"size":"1024x1024"}', task: 'old-task' }));
    const editor = await openDocument('docs/retired.md', 'Old.\n\n![old](../retired/old.jpg)\n');
    const before = editor.document.getText();
    const again = await vscode.commands.executeCommand('imagegen.regenerateImage', { uri: editor.document.uri.toString(), line: 2, character: 3 });
    assert.equal(again, undefined, 'no task started');
    assert.equal(editor.document.getText(), before);
    const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { body: { prompt?: string } | undefined }[] };
    assert.ok(!requests.some((request) => request.body?.prompt === 'catalog regenerate retired'), 'nothing sent');
  });

  test('the wizard\'s model step: the endpoint\'s listed ids arrive in the open list, and a typed id that matches nothing becomes a choice', async () => {
    const input = vscode.window.createQuickPick<ModelPickItem>();
    try {
      input.items = [{ value: 'openai:gpt-image-2', label: 'OpenAI-compatible · gpt-image-2' }];
      offerEndpointModels(input, async () => ['openai:gpt-image-2', 'openai:gateway-listed']);
      input.show();
      await waitFor('the listed id', () => input.items.find((item) => item.value === 'openai:gateway-listed'));
      assert.equal(input.items.filter((item) => item.value === 'openai:gpt-image-2').length, 1, 'a catalog model is not listed twice');
      const typed = new Promise<void>((resolve) => input.onDidChangeValue(() => resolve()));
      input.value = 'my-typed-model';
      await Promise.race([typed, new Promise((resolve) => setTimeout(resolve, 2_000))]);
      const item = await waitFor('the typed id', () => input.items.find((candidate) => candidate.value === 'openai:my-typed-model'));
      assert.equal(input.activeItems[0]?.value, item.value, 'Enter takes what was typed');
    } finally {
      input.dispose();
    }
    const again = vscode.window.createQuickPick<ModelPickItem>();
    try {
      again.items = [{ value: 'openai:gpt-image-2', label: 'OpenAI-compatible · gpt-image-2' }];
      offerEndpointModels(again, undefined, 'openai:my-typed-model');
      assert.equal(again.activeItems[0]?.value, 'openai:my-typed-model', 'the last run\'s typed id is offered and active again');
    } finally {
      again.dispose();
    }
  });
});
