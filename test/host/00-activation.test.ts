import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension, waitFor } from './support';

suite('activation', () => {
  test('ImageGen activates by itself once the window has started (so interrupted tasks resume), and with no task pending sends nothing', async () => {
    await waitFor('activation after start-up (onStartupFinished)', () => getExtension().isActive || undefined, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const { requests } = (await (await fetch(`${process.env.IMAGEGEN_SIMULATOR_URL}/__sim/requests`)).json()) as { requests: { path: string }[] };
    assert.deepEqual(requests.filter((request) => !request.path.startsWith('/__sim/')), [], 'no provider was contacted');
    assert.equal(getExtension().exports.generation.list().length, 0);
  });

  test('running an ImageGen command activates it and registers every contributed command', async () => {
    await vscode.commands.executeCommand('imagegen.showTasks');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(getExtension().isActive, true);
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed: { command: string }[] = getExtension().packageJSON.contributes.commands;
    for (const { command } of contributed) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
    }
  });

  if (process.env.IMAGEGEN_TEST_CANARY_FAIL === '1') {
    // Proves that a failing suite inside the extension host fails `npm test`.
    test('canary: deliberately fails', () => {
      assert.fail('deliberate canary failure (IMAGEGEN_TEST_CANARY_FAIL=1)');
    });
  }
});
