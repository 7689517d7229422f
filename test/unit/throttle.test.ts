import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Throttle } from '../../src/core/tasks/throttle';

test('bursts collapse: at most one run per gap, and the last request always runs', () => {
  let now = 0;
  const timers: { at: number; callback: () => void }[] = [];
  const runs: number[] = [];
  const throttle = new Throttle(() => runs.push(now), 250, {
    now: () => now,
    setTimer: (callback, delay) => timers.push({ at: now + delay, callback }),
    clearTimer: () => undefined,
  });
  for (now = 0; now < 1000; now += 10) {
    throttle.request();
    const due = timers.filter((timer) => timer.at <= now);
    for (const timer of due) {
      timers.splice(timers.indexOf(timer), 1);
      timer.callback();
    }
  }
  for (const timer of timers.splice(0)) {
    now = timer.at;
    timer.callback();
  }
  assert.deepEqual(runs, [0, 250, 500, 750, 1000]);
});
