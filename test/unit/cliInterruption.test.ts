// The command line's second Ctrl-C: it ends the process without the clean close, but only after the
// journal's write under way has landed (at most a second), so a task the provider may bill is not
// lost to a journal cut off mid-write.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Interruption } from '../../src/cli/interruption';
import type { Terminal } from '../../src/cli/terminal';

function harness() {
  const said: string[] = [];
  const exits: number[] = [];
  const realExit = process.exit;
  process.exit = ((code?: number) => void exits.push(code ?? 0)) as typeof process.exit;
  const terminal = { say: (line: string) => void said.push(line) } as unknown as Terminal;
  const interruption = new Interruption(terminal);
  return {
    said,
    exits,
    interruption,
    restore: () => {
      interruption.dispose();
      process.exit = realExit;
    },
  };
}

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the second signal waits for the journal write under way, then exits with the first signal\'s code', async () => {
  const { exits, said, interruption, restore } = harness();
  try {
    let landed!: () => void;
    interruption.waitBeforeForcedExit(() => new Promise<void>((resolve) => (landed = resolve)));
    process.emit('SIGINT');
    assert.equal(await Promise.race([interruption.signalled, tick(100)]), 'SIGINT');
    process.emit('SIGTERM');
    await tick(200);
    assert.deepEqual(exits, [], 'not before the write has landed');
    landed();
    await tick(20);
    assert.deepEqual(exits, [130]);
    assert.match(said.join('\n'), /journal keeps the tasks as it last wrote them/);
  } finally {
    restore();
  }
});

test('a journal write that never ends holds the second signal back for a second at most', async () => {
  const { exits, interruption, restore } = harness();
  try {
    interruption.waitBeforeForcedExit(() => new Promise<void>(() => undefined));
    process.emit('SIGTERM');
    process.emit('SIGTERM');
    await tick(3_000);
    assert.deepEqual(exits, [143]);
  } finally {
    restore();
  }
});

test('a command\'s last close runs with the signal handlers in place, and lets go of them after', async () => {
  const { exits, interruption, restore } = harness();
  const before = process.listenerCount('SIGINT');
  try {
    let closing!: () => void;
    const closed = interruption.disposeAfter(
      () =>
        new Promise<void>((resolve) => {
          closing = resolve;
        }),
    );
    await tick(10);
    assert.equal(process.listenerCount('SIGINT'), before, 'still listening while the journal closes');
    process.emit('SIGINT'); // Handled here: without a listener, Node's default would end the process.
    assert.equal(await Promise.race([interruption.signalled, tick(100)]), 'SIGINT');
    closing();
    await closed;
    assert.equal(process.listenerCount('SIGINT'), before - 1, 'let go of once closed');
    assert.deepEqual(exits, []);
  } finally {
    restore();
  }
});

test('the handlers are let go of even when the close fails', async () => {
  const { interruption, restore } = harness();
  const before = process.listenerCount('SIGTERM');
  try {
    await assert.rejects(interruption.disposeAfter(() => Promise.reject(new Error('journal disk gone'))), /journal disk gone/);
    assert.equal(process.listenerCount('SIGTERM'), before - 1);
  } finally {
    restore();
  }
});
