import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { hostToWebviewSchema, webviewToHostSchema } from '../../src/protocol/studioMessages';

test('webview messages: only the protocol actions are accepted', () => {
  assert.equal(webviewToHostSchema.safeParse({ type: 'ready' }).success, true);
  assert.equal(webviewToHostSchema.safeParse({ type: 'runCommand', requestId: 1, command: 'imagegen.showTasks' }).success, true);
  for (const hostile of [
    { type: 'runCommand', requestId: 1, command: 'workbench.action.terminal.new' },
    { type: 'runCommand', requestId: -1, command: 'imagegen.showTasks' },
    { type: 'eval', code: 'x' },
    null,
    'ready',
  ]) {
    assert.equal(webviewToHostSchema.safeParse(hostile).success, false, JSON.stringify(hostile));
  }
});

test('host messages: state carries validated tasks', () => {
  const ok = hostToWebviewSchema.safeParse({ type: 'state', tasks: [{ id: 'a', prompt: 'p', model: 'm', state: 'running', progress: 40, startedAt: 1 }], strings: {} });
  assert.equal(ok.success, true);
  const bad = hostToWebviewSchema.safeParse({ type: 'state', tasks: [{ id: 'a', prompt: 'p', model: 'm', state: 'running', progress: 140, startedAt: 1 }], strings: {} });
  assert.equal(bad.success, false);
});
