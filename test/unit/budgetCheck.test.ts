// The budget rule before sending: caps from the team's file and the user's setting (the lower
// holds), spend per task from the ledger, the expected cost, and refusals that say where to change.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { budgetSchema, capsFor, hasAnyCap } from '../../src/core/budget/budgetCaps';
import { checkBudget, type BudgetQuestion } from '../../src/core/budget/budgetCheck';
import { costSizeOf, expectedCost } from '../../src/core/budget/expectedCost';
import { readLedgerText, type LedgerEntry } from '../../src/core/budget/ledgerEntry';
import { spentSince, taskSpends } from '../../src/core/budget/spending';
import { aireiterProfile } from '../../src/providers/aireiter/profile';
import { openaiProfile } from '../../src/providers/openai/profile';

const day = (iso: string) => Date.parse(iso);
const expected = (task: string, at: string, cost: number, host: LedgerEntry['host'] = 'editor', model = 'gpt_image_2'): LedgerEntry => ({ v: 1, kind: 'expected', task, at: day(at), provider: 'aireiter', model, host, cost });
const charged = (task: string, at: string, cost: number, estimated = false, host: LedgerEntry['host'] = 'editor', model = 'gpt_image_2'): LedgerEntry => ({ v: 1, kind: 'charged', task, at: day(at), provider: 'aireiter', model, host, cost, estimated });
const sized = (task: string, at: string, cost: number, size: string): LedgerEntry => ({ v: 1, kind: 'charged', task, at: day(at), provider: 'aireiter', model: 'gpt_image_2', host: 'editor', cost, estimated: false, size });
const released = (task: string, at: string): LedgerEntry => ({ v: 1, kind: 'released', task, at: day(at), provider: 'aireiter', model: 'gpt_image_2', host: 'editor' });

test('caps: the lower of the team\'s and the user\'s holds, each with where it was set; unknown fields are refused', () => {
  const workspace = budgetSchema.parse({ aireiter: { perCall: 400, perDay: 2000, perMonth: 30000, agentsPerDay: 500 } });
  const user = budgetSchema.parse({ aireiter: { perDay: 1500, perMonth: 40000 }, openai: { perDay: 20 } });
  assert.deepEqual(capsFor('aireiter', { workspace, user }), {
    perCall: { amount: 400, source: 'workspace' },
    perDay: { amount: 1500, source: 'user' },
    perMonth: { amount: 30000, source: 'workspace' },
    agentsPerDay: { amount: 500, source: 'workspace' },
  });
  assert.deepEqual(capsFor('openai', { workspace, user }), { perDay: { amount: 20, source: 'user' } });
  assert.deepEqual(capsFor('jimmyai', { workspace, user }), {});
  assert.equal(hasAnyCap({ workspace, user }), true);
  assert.equal(hasAnyCap({ workspace: {}, user: { aireiter: {} } }), false);
  assert.equal(budgetSchema.safeParse({ aireiter: { perDai: 10 } }).success, false, 'a misspelt cap is an error, not ignored');
  assert.equal(budgetSchema.safeParse({ aireiter: { perDay: -1 } }).success, false);
});

test('spend per task: charged beats expected, released counts nothing, an unconcluded task counts its expected cost', () => {
  const entries = [expected('a', '2026-12-03T09:00:00Z', 100), charged('a', '2026-12-03T09:02:00Z', 80), expected('b', '2026-12-03T10:00:00Z', 100), released('b', '2026-12-03T10:01:00Z'), expected('c', '2026-12-03T11:00:00Z', 100)];
  const spends = taskSpends(entries);
  assert.deepEqual(spends.map((spend) => [spend.task, spend.cost, spend.basis]), [['a', 80, 'charged'], ['c', 100, 'expected']]);
  assert.equal(spentSince(spends, 'aireiter', day('2026-12-03T00:00:00Z')), 180);
  // A task counts on the day it was sent, even when it is charged after midnight.
  const late = taskSpends([expected('d', '2026-12-03T23:59:00Z', 100), charged('d', '2026-12-04T00:03:00Z', 100)]);
  assert.equal(spentSince(late, 'aireiter', day('2026-12-04T00:00:00Z')), 0);
});

test('expected cost: the model\'s last reported cost per image in this ledger, else the profile\'s estimate', () => {
  const entries = [charged('a', '2026-12-01T09:00:00Z', 120), charged('b', '2026-12-02T09:00:00Z', 300, true), charged('c', '2026-12-02T10:00:00Z', 90, false, 'editor', 'gpt_image_2_official')];
  const key = { provider: 'aireiter', model: 'gpt_image_2', size: undefined };
  assert.deepEqual(expectedCost(entries, key, aireiterProfile.spending), { amount: 120, basis: 'ledger' }, 'an estimated charge is not a reported cost');
  assert.deepEqual(expectedCost(entries, key, aireiterProfile.spending, 3), { amount: 360, basis: 'ledger' });
  assert.deepEqual(expectedCost([], key, aireiterProfile.spending), { amount: 100, basis: 'catalog' });
  assert.deepEqual(expectedCost([], { provider: 'openai', model: 'gpt-image-2', size: undefined }, openaiProfile.spending, 4), { amount: 4, basis: 'catalog' });
  assert.equal(openaiProfile.spending.unit, 'images');
  const perImage = readLedgerText(`${JSON.stringify({ v: 1, kind: 'charged', task: 'n', at: 1, provider: 'openai', model: 'gpt-image-2', host: 'cli', cost: 4, estimated: false, images: 4 })}\n`);
  assert.deepEqual(expectedCost(perImage.entries, { provider: 'openai', model: 'gpt-image-2', size: undefined }, openaiProfile.spending, 2), { amount: 2, basis: 'ledger' });
});

test('a second expected line (the provider\'s own estimate after the submit) replaces the first, on the day the task was sent', () => {
  const spends = taskSpends([expected('a', '2026-12-03T23:59:00Z', 100), expected('a', '2026-12-04T00:01:00Z', 400), expected('b', '2026-12-04T01:00:00Z', 100), charged('b', '2026-12-04T01:02:00Z', 90), expected('b', '2026-12-04T01:03:00Z', 400)]);
  assert.deepEqual(spends.map((spend) => [spend.task, spend.cost, spend.basis, spend.at]), [['a', 400, 'expected', day('2026-12-03T23:59:00Z')], ['b', 90, 'charged', day('2026-12-04T01:00:00Z')]], 'a late estimate never undoes a charge');
});

const question = (patch: Partial<BudgetQuestion>): BudgetQuestion => ({
  provider: 'aireiter',
  providerName: 'AIReiter',
  unit: 'credits',
  host: 'editor',
  expected: { amount: 100, basis: 'ledger' },
  caps: {},
  spends: [],
  now: day('2026-12-03T15:00:00Z'),
  timeZone: 'UTC',
  ...patch,
});

test('expected cost is kept per size: a 4K request after a 1K charge is not expected at the 1K cost', () => {
  const at1K = (task: string, cost: number) => sized(task, '2026-12-01T09:00:00Z', cost, '1024x1024');
  const key4K = { provider: 'aireiter', model: 'gpt_image_2', size: '2880x2880' };
  // A 1K figure below the catalog's: the 4K request is expected at no less than the catalog's estimate…
  assert.deepEqual(expectedCost([at1K('a', 40)], key4K, aireiterProfile.spending), { amount: 317, basis: 'scaled' }, '40 × 2880² / 1024² = 316.4, rounded up');
  assert.deepEqual(expectedCost([at1K('a', 10)], { ...key4K, size: '2048x2048' }, aireiterProfile.spending), { amount: 100, basis: 'catalog' }, 'scaled (40) is below the catalog\'s 100');
  // …and the 1K figure scaled by the pixels when that is more; never the 1K figure itself.
  assert.deepEqual(expectedCost([at1K('a', 100)], key4K, aireiterProfile.spending, 2), { amount: 1584, basis: 'scaled' }, '100 × 7.91 = 791.02, rounded up, twice');
  // Once a 4K task is charged, that figure holds for 4K, and the 1K one still for 1K.
  const both = [at1K('a', 100), sized('b', '2026-12-02T09:00:00Z', 250, '2880x2880'), at1K('c', 90)];
  assert.deepEqual(expectedCost(both, key4K, aireiterProfile.spending), { amount: 250, basis: 'ledger' });
  assert.deepEqual(expectedCost(both, { ...key4K, size: '1024x1024' }, aireiterProfile.spending), { amount: 90, basis: 'ledger' });
  // A size asked only by resolution (no pixels known) is its own key and is not scaled.
  assert.deepEqual(expectedCost([sized('d', '2026-12-01T09:00:00Z', 60, '1K')], { ...key4K, size: '4K' }, aireiterProfile.spending), { amount: 100, basis: 'catalog' });
  // A ledger line from before sizes were kept is no figure for a sized request.
  assert.deepEqual(expectedCost([charged('e', '2026-12-01T09:00:00Z', 60)], key4K, aireiterProfile.spending), { amount: 100, basis: 'catalog' });
  assert.equal(costSizeOf({ pixels: '2880x2880', input: { resolution: '4K' } }), '2880x2880');
  assert.equal(costSizeOf({ input: { resolution: '4K' } }), '4K');
  assert.equal(costSizeOf({ input: { size: '1536x1024' } }), '1536x1024');
  const refused = checkBudget(question({ expected: expectedCost([at1K('a', 100)], key4K, aireiterProfile.spending), caps: { perCall: { amount: 400, source: 'workspace' } } }));
  assert.equal(refused.ok, false);
  assert.match(refused.ok ? '' : refused.message, /about 792 credits \(its last cost here at another size, scaled to this one\), over the cap of 400 credits per call/);
});

test('a call over perCall is refused, naming the cap, the cost and where it is set', () => {
  const answer = checkBudget(question({ caps: { perCall: { amount: 50, source: 'workspace' } } }));
  assert.equal(answer.ok, false);
  assert.ok(!answer.ok);
  assert.equal(answer.cap, 'perCall');
  assert.equal(answer.message, 'Not sent: this AIReiter generation would cost about 100 credits (its last cost here), over the cap of 50 credits per call. The cap is "budget" › "aireiter" › "perCall" in .vscode/imagegen.json.');
  assert.equal(checkBudget(question({ caps: { perCall: { amount: 100, source: 'workspace' } } })).ok, true, 'exactly the cap is within it');
});

test('perDay and perMonth add the expected cost to the window\'s spend, in the user\'s zone', () => {
  const spends = taskSpends([charged('a', '2026-12-03T01:00:00Z', 1950), charged('old', '2026-12-02T22:00:00Z', 5000)]);
  const dayCap = { perDay: { amount: 2000, source: 'user' as const } };
  const refused = checkBudget(question({ caps: dayCap, spends }));
  assert.ok(!refused.ok);
  assert.equal(refused.message, 'Not sent: 1,950 credits of the 2,000 credits a day for AIReiter are spent today, and this generation would cost about 100 credits (its last cost here) more. The cap is "aireiter" › "perDay" in the imagegen.budget setting (user settings); it starts again at midnight.');
  assert.equal(checkBudget(question({ caps: dayCap, spends, expected: { amount: 100, basis: 'catalog' }, now: day('2026-12-04T00:00:00Z') })).ok, true, 'a new UTC day');
  // At 05:00 UTC on the 3rd it is 21:00 on the 2nd in Los Angeles: the 5,000 at 22:00 UTC on the 2nd is that day's too.
  const wide = { perDay: { amount: 6000, source: 'user' as const } };
  assert.equal(checkBudget(question({ caps: wide, spends, now: day('2026-12-03T05:00:00Z'), timeZone: 'UTC' })).ok, true);
  assert.equal(checkBudget(question({ caps: wide, spends, now: day('2026-12-03T05:00:00Z'), timeZone: 'America/Los_Angeles' })).ok, false);
  const month = checkBudget(question({ caps: { perMonth: { amount: 7000, source: 'workspace' } }, spends }));
  assert.ok(!month.ok);
  assert.equal(month.cap, 'perMonth');
  assert.match(month.message, /6,950 credits of the 7,000 credits a month .* it starts again on the first of the month\./);
});

test('agentsPerDay counts only the agent tool and the MCP server, and holds only for them', () => {
  const spends = taskSpends([charged('e', '2026-12-03T09:00:00Z', 450, false, 'editor'), charged('m', '2026-12-03T10:00:00Z', 300, false, 'mcp'), charged('t', '2026-12-03T11:00:00Z', 150, false, 'agent')]);
  const caps = { agentsPerDay: { amount: 500, source: 'workspace' as const } };
  assert.equal(checkBudget(question({ caps, spends, host: 'editor' })).ok, true, 'a person in the editor is not an agent');
  assert.equal(checkBudget(question({ caps, spends, host: 'cli' })).ok, true);
  const agent = checkBudget(question({ caps, spends, host: 'agent', expected: { amount: 100, basis: 'catalog' } }));
  assert.ok(!agent.ok);
  assert.equal(agent.cap, 'agentsPerDay');
  assert.equal(agent.message, 'Not sent: 450 credits of the 500 credits a day for agents (the agent tool and the MCP server) for AIReiter are spent by agents today, and this generation would cost about 100 credits (ImageGen\'s estimate for the model) more. The cap is "budget" › "aireiter" › "agentsPerDay" in .vscode/imagegen.json; it starts again at midnight.');
  assert.equal(checkBudget(question({ caps, spends, host: 'mcp', expected: { amount: 50, basis: 'catalog' } })).ok, true, 'up to the cap exactly');
});

test('the ledger is read leniently: a cut-short or foreign line is skipped and counted', () => {
  const good = JSON.stringify(expected('a', '2026-12-03T09:00:00Z', 100));
  const read = readLedgerText(`${good}\n{"v":1,"kind":"charged","task":"a"\nnot json\n\n${JSON.stringify({ v: 2, kind: 'expected' })}\n${good}`);
  assert.equal(read.entries.length, 2);
  assert.equal(read.skipped, 3);
});

test('how a finished task settles: charged, released, or left as expected when it may have been charged', async () => {
  const { spendingOutcome } = await import('../../src/engine/billing');
  const base = { id: 't', input: { modelKey: 'openai:gpt-image-2', prompt: 'p' }, createdAt: 0 } as const;
  assert.equal(spendingOutcome({ ...base, state: 'succeeded' }), 'charged');
  assert.equal(spendingOutcome({ ...base, state: 'failed', error: { kind: 'moderation', message: 'refused' } }), 'released');
  assert.equal(spendingOutcome({ ...base, state: 'failed', error: { kind: 'unconfirmed', message: 'lost', mayHaveCharged: true } }), 'unknown');
  assert.equal(spendingOutcome({ ...base, state: 'cancelled' }), 'released', 'cancelled before anything went out');
  assert.equal(spendingOutcome({ ...base, state: 'cancelled' }, true), 'unknown', 'cancelled while its request was on its way (OpenAI bills inside it)');
  assert.equal(spendingOutcome({ ...base, state: 'cancelled', taskId: 'x' }), 'unknown', 'cancelled after the provider accepted it');
});
