// Run only by `npm run bench` (scripts/bench-host.mjs), never by npm test.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { getExtension } from './support';

suite('bench: activation', () => {
  test('activate() duration in this extension host', async () => {
    const extension = getExtension();
    // Activated by onStartupFinished (or this command, whichever comes first): activate() times itself.
    await vscode.commands.executeCommand('imagegen.showTasks');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(extension.isActive);
    const { activationMs } = extension.exports;
    assert.ok(activationMs > 0);
    writeFileSync(process.env.IMAGEGEN_BENCH_RESULTS!, JSON.stringify({ activationMs }));
  });
});
