// The spending ledger with several writers at once, each a separate process as the editor, an MCP
// server and CLI runs are: every line whole, every reservation counted, and a cap that holds even
// when the writers check at the same moment. This file is also the writer (IMAGEGEN_LEDGER_WRITER).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkBudget } from '../../src/core/budget/budgetCheck';
import { readLedgerText, type LedgerEntry } from '../../src/core/budget/ledgerEntry';
import { taskSpends } from '../../src/core/budget/spending';
import { SpendingLedger } from '../../src/budget/spendingLedger';

interface WriterJob {
  readonly root: string;
  readonly name: string;
  readonly tasks: number;
  readonly perDay?: number;
  /** Where the writer says how many it was allowed (a file: pipes under Wine lose a last write). */
  readonly result: string;
}

/** One writer: `tasks` times, reserve 100 under the cap (if any), then charge it. Prints how many were allowed. */
async function writer(job: WriterJob): Promise<void> {
  const ledger = SpendingLedger.forWorkspace(job.root);
  let allowed = 0;
  for (let index = 0; index < job.tasks; index++) {
    const task = `${job.name}-${index}`;
    const base = { v: 1 as const, task, provider: 'aireiter', model: 'gpt_image_2', host: 'cli' as const };
    const ok = await ledger.reserve((read) => {
      const now = Date.now();
      const caps = job.perDay !== undefined ? { perDay: { amount: job.perDay, source: 'workspace' as const } } : {};
      const answer = checkBudget({ provider: 'aireiter', providerName: 'AIReiter', unit: 'credits', host: 'cli', expected: { amount: 100, basis: 'catalog' }, caps, spends: taskSpends(read.entries), now, timeZone: 'UTC' });
      return answer.ok ? { entry: { ...base, kind: 'expected', at: now, cost: 100 }, value: true } : { value: false };
    });
    if (!ok) continue;
    allowed++;
    await ledger.append({ ...base, kind: 'charged', at: Date.now(), cost: 100, estimated: false });
  }
  writeFileSync(job.result, JSON.stringify({ allowed }));
}

function runWriters(root: string, count: number, job: Omit<WriterJob, 'root' | 'name' | 'result'>): Promise<number[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) => {
      const result = join(root, `writer-${index}.json`);
      const child = spawn(process.execPath, [__filename], { env: { ...process.env, IMAGEGEN_LEDGER_WRITER: JSON.stringify({ ...job, root, name: `w${index}`, result }) }, stdio: ['ignore', 'inherit', 'inherit'] });
      return new Promise<number>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', (code) => (code === 0 ? resolve((JSON.parse(readFileSync(result, 'utf8')) as { allowed: number }).allowed) : reject(new Error(`writer ${index} exited ${code}`))));
      });
    }),
  );
}

if (process.env.IMAGEGEN_LEDGER_WRITER) {
  void writer(JSON.parse(process.env.IMAGEGEN_LEDGER_WRITER) as WriterJob);
} else {
  const workspaces: string[] = [];
  const workspace = () => {
    const root = mkdtempSync(join(tmpdir(), 'imagegen-ledger-'));
    workspaces.push(root);
    return root;
  };
  process.on('exit', () => workspaces.forEach((root) => rmSync(root, { recursive: true, force: true })));

  test('four processes writing at once: every line whole, every task expected then charged, the folder ignores itself', async () => {
    const root = workspace();
    const allowed = await runWriters(root, 4, { tasks: 40 });
    assert.deepEqual(allowed, [40, 40, 40, 40]);
    const ledger = SpendingLedger.forWorkspace(root);
    const read = readLedgerText(readFileSync(ledger.file, 'utf8'));
    assert.equal(read.skipped, 0, 'no line was torn or interleaved');
    assert.equal(read.entries.length, 4 * 40 * 2);
    const byTask = new Map<string, LedgerEntry['kind'][]>();
    for (const entry of read.entries) byTask.set(entry.task, [...(byTask.get(entry.task) ?? []), entry.kind]);
    assert.equal(byTask.size, 160);
    assert.ok([...byTask.values()].every((kinds) => kinds.join() === 'expected,charged'));
    assert.equal(readFileSync(join(ledger.folder, '.gitignore'), 'utf8'), '*\n');
  });

  test('a cap holds across processes checking at the same moment: exactly the cap is reserved, never more', async () => {
    const root = workspace();
    // 4 writers × 10 tries of 100 credits against 1,000 a day: ten may go, whoever they are.
    const allowed = await runWriters(root, 4, { tasks: 10, perDay: 1000 });
    assert.equal(allowed.reduce((sum, one) => sum + one, 0), 10, `allowed per writer: ${allowed.join(', ')}`);
    const spends = taskSpends((await SpendingLedger.forWorkspace(root).read()).entries);
    assert.equal(spends.reduce((sum, spend) => sum + spend.cost, 0), 1000);
  });

  test('a lock left by a process that died is taken over once stale; a live one is waited for, then given up with words', async () => {
    const root = workspace();
    const ledger = SpendingLedger.forWorkspace(root, { waitMs: 300, staleMs: 60_000 });
    await ledger.append({ v: 1, kind: 'released', task: 'seed', at: 1, provider: 'aireiter', model: 'gpt_image_2', host: 'editor' });
    const lock = join(ledger.folder, 'spending.lock');
    writeFileSync(lock, '99999 held\n');
    await assert.rejects(ledger.reserve(() => ({ value: true })), /the spending ledger stayed locked for 0 s/);
    // An hour old: its holder is gone.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    assert.equal(await ledger.reserve(() => ({ value: 'went on' })), 'went on');
  });

  test('no ledger yet reads as empty; reserve creates it with the entry', async () => {
    const root = workspace();
    const ledger = SpendingLedger.forWorkspace(root);
    assert.deepEqual(await ledger.read(), { entries: [], skipped: 0 });
    await ledger.reserve(() => ({ entry: { v: 1, kind: 'expected', task: 't', at: 5, provider: 'openai', model: 'gpt-image-2', host: 'mcp', cost: 1 }, value: undefined }));
    assert.equal((await ledger.read()).entries.length, 1);
  });
}
