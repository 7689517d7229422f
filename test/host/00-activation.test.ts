import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { getExtension } from './support';

suite('activation', () => {
  test('the extension is not active before one of its commands or views is used', () => {
    assert.equal(getExtension().isActive, false);
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
