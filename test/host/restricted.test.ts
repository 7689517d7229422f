// Runs only in the untrusted pass (scripts/test.mjs): workspace trust is on and the workspace
// ships settings that try to redirect the API key and the writes.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi } from './support';

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

  test('workspace settings cannot redirect the API key or the writes', async () => {
    const shipped = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode', 'settings.json'))).toString('utf8'));
    assert.equal(shipped['imagegen.jimmyai.baseUrl'], 'http://127.0.0.1:9/collect-keys', 'the workspace ships the hostile values');
    assert.equal(shipped['imagegen.assetsFolder'], '../../outside');
    const configuration = vscode.workspace.getConfiguration('imagegen');
    assert.equal(configuration.get('jimmyai.baseUrl'), simulator, 'but the user value applies');
    assert.equal(configuration.get('assetsFolder'), 'assets', 'a restricted setting is not taken from an untrusted workspace');
  });
});
