// BudgetKeeper over a real ledger: costs are kept per size (a 4K request after a 1K charge is
// checked at a 4K figure, never the 1K one), and the provider's own estimate of a sent request
// (AIReiter's estimated_credits) replaces its reservation and is what it is charged at when the
// provider reports nothing at the end.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { taskSpends } from '../../src/core/budget/spending';
import type { Budget } from '../../src/core/budget/budgetCaps';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { BudgetKeeper } from '../../src/budget/budgetKeeper';
import { SpendingLedger } from '../../src/budget/spendingLedger';

const folders: string[] = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function keeperWith(team: Budget): { readonly keeper: BudgetKeeper; readonly ledger: SpendingLedger } {
  const root = mkdtempSync(join(tmpdir(), 'imagegen-keeper-'));
  folders.push(root);
  const ledger = SpendingLedger.forWorkspace(root);
  const warnings: string[] = [];
  const log = { info: () => undefined, warn: (message: string) => warnings.push(message), error: () => undefined };
  return { keeper: new BudgetKeeper(ledger, { team: async () => [{ budget: team, problems: [] }], user: () => ({}) }, log, 'UTC'), ledger };
}

const task = (id: string, resolution: '1K' | '2K' | '4K', pixels: string, patch: Partial<TaskRecord> = {}): TaskRecord => ({ id, input: { modelKey: 'aireiter:gpt_image_2', prompt: 'a lighthouse', aspectRatio: '1:1', resolution }, state: 'queued', createdAt: 0, pixels, ...patch });

test('a 4K request after a 1K charge is expected at a 4K figure: refused over perCall where the 1K figure would pass', async () => {
  const { keeper, ledger } = keeperWith({ aireiter: { perCall: 400 } });
  assert.deepEqual(await keeper.reserve(task('one', '1K', '1024x1024'), 'editor'), { ok: true });
  keeper.settle(task('one', '1K', '1024x1024'), 'editor', { charged: 100 });
  await keeper.flushed();
  // The same 1K again: its last cost (100) passes.
  assert.deepEqual(await keeper.reserve(task('two', '1K', '1024x1024'), 'editor'), { ok: true });
  const big = await keeper.reserve(task('big', '4K', '2880x2880'), 'editor');
  assert.equal(big.ok, false, 'a 4K call is not expected at the 1K cost of 100');
  assert.match(big.ok ? '' : big.message, /about 792 credits \(its last cost here at another size, scaled to this one\), over the cap of 400 credits per call/);
  const lines = (await ledger.read()).entries;
  assert.deepEqual(lines.map((entry) => [entry.task, entry.kind, 'size' in entry ? entry.size : undefined]), [['one', 'expected', '1024x1024'], ['one', 'charged', '1024x1024'], ['two', 'expected', '1024x1024']], 'every line keeps its size; the refused call left none');
});

test('the provider\'s estimate at submit replaces the reservation, and is the charge when it reports no cost at the end', async () => {
  const { keeper, ledger } = keeperWith({ aireiter: { perDay: 5000 } });
  const sent = task('sent', '2K', '2048x2048');
  assert.deepEqual(await keeper.reserve(sent, 'agent'), { ok: true });
  keeper.estimated(sent, 'agent', 180);
  await keeper.flushed();
  assert.deepEqual(taskSpends((await ledger.read()).entries).map((spend) => [spend.task, spend.cost, spend.basis]), [['sent', 180, 'expected']]);
  // The same figure again (or one equal to the reservation) writes no line.
  keeper.estimated(sent, 'agent', 180);
  await keeper.flushed();
  assert.deepEqual((await ledger.read()).entries.map((entry) => [entry.kind, 'cost' in entry ? entry.cost : undefined]), [['expected', 100], ['expected', 180]]);
  keeper.settle({ ...sent, estimatedCredits: 180 }, 'agent', { charged: undefined });
  await keeper.flushed();
  const charged = (await ledger.read()).entries.at(-1)!;
  assert.deepEqual(charged.kind === 'charged' ? [charged.cost, charged.estimated, charged.size] : charged, [180, true, '2048x2048']);
});
