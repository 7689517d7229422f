import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatElapsed, statusBarContent } from '../../src/core/tasks/statusBarText';
import type { TaskSummary } from '../../src/core/tasks/taskSummary';

const task = (overrides: Partial<TaskSummary>): TaskSummary => ({ id: 't', prompt: 'p', model: 'm', state: 'running', startedAt: 0, ...overrides });

test('elapsed time is m:ss under an hour and h:mm:ss above', () => {
  assert.equal(formatElapsed(0), '0:00');
  assert.equal(formatElapsed(61_999), '1:01');
  assert.equal(formatElapsed(3_600_000 + 5_000), '1:00:05');
  assert.equal(formatElapsed(-5), '0:00');
});

test('idle status bar shows only the label', () => {
  assert.deepEqual(statusBarContent([task({ state: 'succeeded' })], 10_000, 'ImageGen'), { text: '$(symbol-color) ImageGen', running: 0 });
});

test('running tasks show count, mean progress and the oldest elapsed time', () => {
  const content = statusBarContent(
    [task({ id: 'a', startedAt: 1_000, progress: 20 }), task({ id: 'b', startedAt: 31_000, progress: 61 }), task({ id: 'c', state: 'failed' })],
    91_000,
    'ImageGen',
  );
  assert.equal(content.running, 2);
  assert.equal(content.text, '$(sync~spin) ImageGen 2 · 41% · 1:30');
});

test('progress is left out while any running task reports none', () => {
  const content = statusBarContent([task({ id: 'a', progress: 50 }), task({ id: 'b', state: 'queued' })], 5_000, 'ImageGen');
  assert.equal(content.text, '$(sync~spin) ImageGen 2 · 0:05');
});

test('a streaming task says which preview is shown; an overdue task is flagged', () => {
  const running = (extra: Partial<TaskSummary>) => task({ state: 'running', startedAt: 0, ...extra });
  const previewing = statusBarContent([running({ id: 'a', preview: { index: 1, total: 2 } })], 5_000, 'ImageGen');
  assert.match(previewing.text, /preview 1\/2/);
  const overdue = statusBarContent([running({ id: 'b', overdue: true })], 5_000, 'ImageGen');
  assert.match(overdue.text, /^\$\(warning\) ImageGen 1 · overdue/);
  const words = { preview: (i: number, n: number) => `预览 ${i}/${n}`, overdue: '已超时' };
  assert.match(statusBarContent([running({ id: 'c', preview: { index: 2, total: 2 } })], 5_000, 'ImageGen', words).text, /预览 2\/2/);
});
