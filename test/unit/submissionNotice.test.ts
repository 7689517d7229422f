// The studio's notice about the generation it sent follows the task: never "Submitted." before
// the provider accepted it.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isSettled, submissionNotice } from '../../src/webview/studio/submissionNotice';

const strings = { sending: 'Sending…', submitted: 'Submitted: accepted.', succeeded: 'Done.', notGenerated: 'Not generated: {0}', cancelledNotice: 'Cancelled.' };

test('the notice says "Sending…" until the task runs at the provider, then how it ended', () => {
  const table: [Parameters<typeof submissionNotice>[0], string, boolean][] = [
    [undefined, 'Sending…', false],
    [{ state: 'queued' }, 'Sending…', false],
    [{ state: 'running' }, 'Submitted: accepted.', false],
    [{ state: 'succeeded' }, 'Done.', true],
    [{ state: 'failed', error: 'The key was refused.' }, 'Not generated: The key was refused.', true],
    [{ state: 'cancelled' }, 'Cancelled.', true],
  ];
  for (const [task, text, settled] of table) {
    assert.equal(submissionNotice(task, strings), text, JSON.stringify(task));
    assert.equal(isSettled(task), settled, JSON.stringify(task));
  }
});

test('an error with "$&" or "{0}" in it is shown as written', () => {
  assert.equal(submissionNotice({ state: 'failed', error: 'bad $& {0}' }, strings), 'Not generated: bad $& {0}');
});
