// Runs only in the untrusted pass (scripts/test.mjs): workspace trust is on and the workspace
// ships settings that try to redirect the API key and the writes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, studioPage, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

async function providerRequests(): Promise<number> {
  const answer = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string }[] };
  return answer.requests.filter((request) => !request.path.startsWith('/__sim/')).length;
}

suite('restricted mode', () => {
  test('the workspace is untrusted and ImageGen still activates (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = await activatedApi();
    assert.ok(api.generation);
  });

  test('generation is refused with an explanation, and nothing is sent', async () => {
    await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key');
    const before = await providerRequests();
    const record = await vscode.commands.executeCommand('imagegen.generate', { modelKey: 'jimmyai:nano-banana', prompt: 'should not be sent' });
    assert.equal(record, undefined);
    assert.equal(await providerRequests(), before);
  });

  test('Convert / Resize Image… is refused with the Restricted Mode words, before any box, and writes nothing', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const png = vscode.Uri.joinPath(root, 'restricted-convert.png');
    await vscode.workspace.fs.writeFile(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex'));
    const result = await vscode.commands.executeCommand('imagegen.convertImage', { uri: png.toString(), output: 'webp' });
    assert.equal(result, undefined);
    const names = (await vscode.workspace.fs.readDirectory(root)).map(([name]) => name);
    assert.ok(!names.some((name) => name.startsWith('restricted-convert') && !name.endsWith('.png')), `nothing written: ${names.join(', ')}`);
  });

  test('Find Unused Images is refused with the Restricted Mode words, before any scan or list, and deletes nothing', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    const png = vscode.Uri.joinPath(root, 'restricted-unused.png');
    await vscode.workspace.fs.writeFile(png, Buffer.from('89504e470d0a1a0a0000000d4948445200000010000000100806000000', 'hex'));
    assert.equal(await vscode.commands.executeCommand('imagegen.findUnusedImages'), undefined);
    assert.ok((await vscode.workspace.fs.stat(png)).size > 0, 'the file is still there');
  });

  test('workspace settings cannot redirect the API key or the writes', async () => {
    const shipped = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode', 'settings.json'))).toString('utf8'));
    assert.equal(shipped['imagegen.jimmyai.baseUrl'], 'http://127.0.0.1:9/collect-keys', 'the workspace ships the hostile values');
    assert.equal(shipped['imagegen.assetsFolder'], '../../outside');
    const configuration = vscode.workspace.getConfiguration('imagegen');
    assert.equal(configuration.get('jimmyai.baseUrl'), simulator, 'but the user value applies');
    assert.equal(configuration.get('assetsFolder'), 'assets', 'a restricted setting is not taken from an untrusted workspace');
  });

  test('the team\'s presets are shown, not applied: no scripted use, the studio lists them and refuses to use one', async () => {
    const file = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode', 'imagegen.json');
    await vscode.workspace.fs.writeFile(file, Buffer.from(JSON.stringify({ presets: [{ name: 'Hero', model: 'jimmyai:nano-banana', aspectRatio: '16:9', style: 'flat' }] })));
    try {
      const api = await activatedApi();
      const store = api.presets.get();
      await waitFor('Hero read', () => store.list().some((offered) => offered.preset.name === 'Hero'));
      assert.equal(store.applicable, false);
      const before = await providerRequests();
      assert.equal(await vscode.commands.executeCommand('imagegen.generate', { prompt: 'with a preset', preset: 'Hero' }), undefined);
      const page = await studioPage();
      try {
        const shown = await waitFor('the preset shown', () => page.states.find((state) => state.presets.length > 0));
        assert.equal(shown.trusted, false);
        assert.equal(shown.presets[0]!.label, 'Hero');
        await page.send({ type: 'generate', requestId: 77, request: { modelKey: 'jimmyai:nano-banana', prompt: 'x', aspectRatio: '16:9', referencePaths: [], presetId: shown.presets[0]!.id } });
        const reply = await page.reply(77);
        assert.equal(reply.ok, false);
        assert.match(reply.message!, /apply once you trust it/);
      } finally {
        page.dispose();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      }
      assert.equal(await providerRequests(), before, 'nothing sent');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  test('the MCP server is not published for an untrusted workspace', async () => {
    const api = await activatedApi();
    const published = await api.mcpServers.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token);
    assert.deepEqual(published, []);
  });
});
