// Run only by `npm run bench` (scripts/bench-host.mjs), never by npm test.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { extensionId, getExtension } from './support';

/**
 * The extension host's own marks (vs/base/common/performance: Date.now(), whole milliseconds, kept
 * on globalThis in a Node host): the host's require() of dist/extension.js, which covers reading
 * the file and V8 compiling it as well as evaluating it.
 */
function hostLoadMs(): number | undefined {
  const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
  const at = (name: string) => marks.find((mark) => mark.name.toLowerCase() === `code/extHost/${name}/${extensionId}`.toLowerCase())?.startTime;
  const [willLoad, didLoad] = [at('willLoadExtensionCode'), at('didLoadExtensionCode')];
  return willLoad !== undefined && didLoad !== undefined ? didLoad - willLoad : undefined;
}

suite('bench: activation', () => {
  test('activate() duration in this extension host', async () => {
    const extension = getExtension();
    // Activated by onStartupFinished (or this command, whichever comes first): activate() times itself.
    await vscode.commands.executeCommand('imagegen.showTasks');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(extension.isActive);
    const { activationMs, evaluationMs } = extension.exports;
    assert.ok(activationMs > 0);
    assert.ok(evaluationMs > 0);
    writeFileSync(process.env.IMAGEGEN_BENCH_RESULTS!, JSON.stringify({ activationMs, evaluationMs, hostLoadMs: hostLoadMs() }));
  });
});
