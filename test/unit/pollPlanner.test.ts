import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DurationModel, durationKey, nextPollAt } from '../../src/core/tasks/pollPlanner';

const base = { submittedAt: 0, intervalMs: 4000, minGapMs: 250 };

test('two progress samples predict completion; the next query comes just after it', () => {
  // 20% at 2 s, 40% at 3 s: 20%/s, so 100% at 6 s.
  const at = nextPollAt({ ...base, now: 3000, samples: [{ at: 2000, progress: 20 }, { at: 3000, progress: 40 }] });
  assert.equal(at, 6250);
});

test('never later than the interval, never sooner than the minimum gap', () => {
  const slow = nextPollAt({ ...base, now: 3000, samples: [{ at: 2000, progress: 1 }, { at: 3000, progress: 2 }] });
  assert.equal(slow, 7000);
  const overdue = nextPollAt({ ...base, now: 9000, samples: [{ at: 2000, progress: 20 }, { at: 3000, progress: 40 }] });
  assert.equal(overdue, 9250);
});

test('a learned duration places the first query at the expected finish; overdue re-checks come sooner than the interval', () => {
  assert.equal(nextPollAt({ ...base, now: 100, samples: [], expectedDurationMs: 3000 }), 3125);
  assert.equal(nextPollAt({ ...base, now: 3500, samples: [], expectedDurationMs: 3000 }), 4500);
});

test('one sample: a second one a second later, unless the task cannot finish within an interval of that', () => {
  // 30% after 1 s: done by 3.33 s at the latest, within an interval of 2 s.
  assert.equal(nextPollAt({ ...base, now: 1000, samples: [{ at: 1000, progress: 30 }] }), 2000);
  // 10% after 1 s: done by 10 s at the latest; sampling at 2 s would leave 8 s to cover with 4 s gaps.
  assert.equal(nextPollAt({ ...base, now: 1000, samples: [{ at: 1000, progress: 10 }] }), 5000);
  // 15% after 1 s: done by 6.67 s at the latest, so the second sample one interval (less the gap) before that.
  assert.equal(nextPollAt({ ...base, now: 1000, samples: [{ at: 1000, progress: 15 }] }), 100_000 / 15 + 250 - 4000);
});

test('with nothing to go on, the interval', () => {
  assert.equal(nextPollAt({ ...base, now: 500, samples: [] }), 4500);
});

test('durations are learned per model, size and quality, recent ones weighing more', () => {
  const model = new DurationModel(0.5);
  const key = durationKey('aireiter:gpt_image_2_official', '2K', 'high');
  assert.equal(model.expected(key), undefined);
  model.observe(key, 100_000);
  model.observe(key, 120_000);
  assert.equal(model.expected(key), 110_000);
  assert.equal(model.expected(durationKey('aireiter:gpt_image_2_official', '2K', 'low')), undefined);
});
