// What people see of their spending: today's spend beside the day cap per provider, and the ledger
// by local day and model (estimates marked), newest day first.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { LedgerEntry } from '../../src/core/budget/ledgerEntry';
import { taskSpends } from '../../src/core/budget/spending';
import { spendByDayAndModel, todayFor, todayText } from '../../src/core/budget/spendSummary';

const at = (iso: string) => Date.parse(iso);
const charged = (task: string, when: string, cost: number, host: LedgerEntry['host'] = 'editor', model = 'gpt_image_2', estimated = false): LedgerEntry[] => [
  { v: 1, kind: 'expected', task, at: at(when), provider: 'aireiter', model, host, cost },
  { v: 1, kind: 'charged', task, at: at(when) + 60_000, provider: 'aireiter', model, host, cost, estimated },
];

test('today beside the day cap, in the user\'s zone; agents counted apart', () => {
  const spends = taskSpends([...charged('a', '2026-12-03T09:00:00Z', 100), ...charged('b', '2026-12-03T10:00:00Z', 120, 'mcp'), ...charged('old', '2026-12-02T09:00:00Z', 500)]);
  const today = todayFor(spends, 'aireiter', 'AIReiter', 'credits', { perDay: { amount: 2000, source: 'workspace' } }, at('2026-12-03T15:00:00Z'), 'UTC');
  assert.deepEqual([today.spent, today.agentsSpent], [220, 120]);
  assert.equal(todayText(today), 'AIReiter 220/2,000 credits today');
  assert.equal(todayText({ ...today, caps: {} }), 'AIReiter 220 credits today');
  // At 01:00 UTC on the 3rd it is still the 2nd in New York: the 2nd's 500 is "today" there.
  const early = taskSpends([...charged('old', '2026-12-02T09:00:00Z', 500), ...charged('late', '2026-12-03T00:30:00Z', 50)]);
  assert.equal(todayFor(early, 'aireiter', 'AIReiter', 'credits', {}, at('2026-12-03T01:00:00Z'), 'America/New_York').spent, 550);
  assert.equal(todayFor(early, 'aireiter', 'AIReiter', 'credits', {}, at('2026-12-03T01:00:00Z'), 'UTC').spent, 50);
});

test('by local day and model, newest first; an estimate is marked', () => {
  const spends = taskSpends([...charged('a', '2026-12-03T09:00:00Z', 100), ...charged('b', '2026-12-03T10:00:00Z', 100, 'agent', 'gpt_image_2', true), ...charged('c', '2026-12-03T11:00:00Z', 80, 'editor', 'gpt_image_2_official'), ...charged('d', '2026-12-01T11:00:00Z', 100)]);
  assert.deepEqual(spendByDayAndModel(spends, 'UTC'), [
    { day: '2026-12-03', model: 'aireiter:gpt_image_2', tasks: 2, cost: 200, estimated: true },
    { day: '2026-12-03', model: 'aireiter:gpt_image_2_official', tasks: 1, cost: 80, estimated: false },
    { day: '2026-12-01', model: 'aireiter:gpt_image_2', tasks: 1, cost: 100, estimated: false },
  ]);
});
