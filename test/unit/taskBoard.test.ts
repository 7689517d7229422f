import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TaskBoard } from '../../src/core/tasks/taskBoard';

test('the board lists newest first and notifies on every change until unsubscribed', () => {
  const board = new TaskBoard();
  let changes = 0;
  const subscription = board.onDidChange(() => changes++);
  board.upsert({ id: 'old', prompt: 'a', model: 'm', state: 'running', startedAt: 1 });
  board.upsert({ id: 'new', prompt: 'b', model: 'm', state: 'queued', startedAt: 2 });
  board.upsert({ id: 'old', prompt: 'a', model: 'm', state: 'succeeded', startedAt: 1, finishedAt: 3 });
  assert.deepEqual(board.list().map((t) => t.id), ['new', 'old']);
  assert.equal(board.list().find((t) => t.id === 'old')?.state, 'succeeded', 'an upsert replaces the task');
  assert.equal(changes, 3);
  subscription.dispose();
  board.upsert({ id: 'newest', prompt: 'c', model: 'm', state: 'queued', startedAt: 4 });
  assert.equal(changes, 3, 'no news after unsubscribing');
  assert.deepEqual(board.list().map((t) => t.id), ['newest', 'new', 'old']);
});
