import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { PollScheduler, type PollOutcome } from '../../src/core/tasks/pollScheduler';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  return {
    now: () => now,
    setTimer: (callback: () => void, delay: number) => {
      const id = nextId++;
      timers.set(id, { at: now + delay, callback });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    pendingTimers: () => timers.size,
    async advance(ms: number) {
      const target = now + ms;
      while (true) {
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > target) break;
        now = next[1].at;
        timers.delete(next[0]);
        next[1].callback();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = target;
    },
  };
}

test('each task is polled when due, and again when its poll says so, until done', async () => {
  const clock = fakeClock();
  const polls: [string, number][] = [];
  const remaining: Record<string, number> = { a: 3, b: 1 };
  const scheduler = new PollScheduler({
    ...clock,
    maxConcurrent: 4,
    poll: async (id): Promise<PollOutcome> => {
      polls.push([id, clock.now()]);
      return --remaining[id]! <= 0 ? { done: true } : { done: false, nextPollAt: clock.now() + 1000 };
    },
  });
  scheduler.schedule('a', 500);
  scheduler.schedule('b', 2000);
  await clock.advance(10_000);
  assert.deepEqual(polls, [['a', 500], ['a', 1500], ['b', 2000], ['a', 2500]]);
  assert.equal(scheduler.size, 0);
  assert.equal(clock.pendingTimers(), 0, 'no timer runs while nothing is scheduled');
});

test('never more than maxConcurrent polls in flight', async () => {
  const clock = fakeClock();
  let inFlight = 0;
  let peak = 0;
  const release: (() => void)[] = [];
  const scheduler = new PollScheduler({
    ...clock,
    maxConcurrent: 2,
    poll: () =>
      new Promise<PollOutcome>((resolve) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        release.push(() => {
          inFlight--;
          resolve({ done: true });
        });
      }),
  });
  for (let i = 0; i < 6; i++) scheduler.schedule(`t${i}`, 100);
  await clock.advance(100);
  assert.equal(inFlight, 2);
  while (release.length > 0) {
    release.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
    await clock.advance(0);
  }
  assert.equal(peak, 2);
  assert.equal(scheduler.size, 0);
});

test('a removed task is not polled again; a failing poll is retried later', async () => {
  const clock = fakeClock();
  const polls: string[] = [];
  let failOnce = true;
  const scheduler = new PollScheduler({
    ...clock,
    maxConcurrent: 4,
    retryAfterErrorMs: 700,
    poll: async (id) => {
      polls.push(`${id}@${clock.now()}`);
      if (id === 'flaky' && failOnce) {
        failOnce = false;
        throw new Error('boom');
      }
      return { done: false, nextPollAt: clock.now() + 1000 };
    },
  });
  scheduler.schedule('gone', 100);
  scheduler.schedule('flaky', 100);
  await clock.advance(100);
  scheduler.remove('gone');
  await clock.advance(1000);
  assert.deepEqual(polls, ['gone@100', 'flaky@100', 'flaky@800']);
  scheduler.dispose();
  assert.equal(clock.pendingTimers(), 0);
});
