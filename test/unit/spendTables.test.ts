// The studio's spending tables: the last 30 local days newest first, one amount per unit a day
// (credits and images never added together), the same window by model; estimates marked.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { LedgerEntry } from '../../src/core/budget/ledgerEntry';
import { taskSpends } from '../../src/core/budget/spending';
import { spendTables, tablesFrom } from '../../src/core/budget/spendTables';

const at = (iso: string) => Date.parse(iso);
const unitOf = (provider: string) => (provider === 'openai' ? 'images' : 'credits') as 'images' | 'credits';
function task(id: string, when: string, provider: string, model: string, cost: number, how: 'charged' | 'estimated' | 'expected' = 'charged'): LedgerEntry[] {
  const expected: LedgerEntry = { v: 1, kind: 'expected', task: id, at: at(when), provider, model, host: 'editor', cost };
  return how === 'expected' ? [expected] : [expected, { v: 1, kind: 'charged', task: id, at: at(when) + 60_000, provider, model, host: 'editor', cost, estimated: how === 'estimated' }];
}

test('by day, newest first, one amount per unit; by model over the same window', () => {
  const spends = taskSpends([
    ...task('a', '2026-12-03T09:00:00Z', 'aireiter', 'gpt_image_2', 100),
    ...task('b', '2026-12-03T10:00:00Z', 'openai', 'gpt-image-2', 1),
    ...task('c', '2026-12-03T11:00:00Z', 'jimmyai', 'nano-banana', 40, 'estimated'),
    ...task('d', '2026-12-01T11:00:00Z', 'aireiter', 'gpt_image_2', 150),
    ...task('e', '2026-12-02T11:00:00Z', 'openai', 'gpt-image-2', 1, 'expected'),
    // 31 days before: outside the window.
    ...task('old', '2026-11-02T11:00:00Z', 'aireiter', 'gpt_image_2', 999),
  ]);
  const tables = spendTables(spends, unitOf, at('2026-12-03T15:00:00Z'), 'UTC');
  assert.deepEqual(tables.days, [
    { day: '2026-12-03', tasks: 3, amounts: [{ unit: 'credits', cost: 140, estimated: true }, { unit: 'images', cost: 1, estimated: false }] },
    { day: '2026-12-02', tasks: 1, amounts: [{ unit: 'images', cost: 1, estimated: true }] },
    { day: '2026-12-01', tasks: 1, amounts: [{ unit: 'credits', cost: 150, estimated: false }] },
  ]);
  assert.deepEqual(tables.models, [
    { model: 'aireiter:gpt_image_2', provider: 'aireiter', unit: 'credits', tasks: 2, cost: 250, estimated: false },
    { model: 'jimmyai:nano-banana', provider: 'jimmyai', unit: 'credits', tasks: 1, cost: 40, estimated: true },
    { model: 'openai:gpt-image-2', provider: 'openai', unit: 'images', tasks: 2, cost: 2, estimated: true },
  ]);
});

test('the window is 30 local days in the user\'s zone, also across a daylight-saving change', () => {
  // 2026-11-01 is the end of daylight time in New York: one local day is 25 hours long.
  const now = at('2026-11-20T15:00:00Z');
  assert.equal(new Date(tablesFrom(now, 'America/New_York')).toISOString(), '2026-10-22T04:00:00.000Z');
  assert.equal(new Date(tablesFrom(now, 'UTC')).toISOString(), '2026-10-22T00:00:00.000Z');
  // Late in the evening in New York it is already tomorrow in UTC: the row is New York's date.
  const spends = taskSpends(task('late', '2026-11-20T03:30:00Z', 'aireiter', 'gpt_image_2', 10));
  assert.equal(spendTables(spends, unitOf, now, 'America/New_York').days[0]?.day, '2026-11-19');
  assert.equal(spendTables(spends, unitOf, now, 'UTC').days[0]?.day, '2026-11-20');
});
