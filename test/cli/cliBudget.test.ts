// The budget on the command line (real dist/cli.js, the simulator): a generation over the team's
// perDay is refused before anything is sent, with the words that name the cap, and exits 2; one
// within it goes and is charged in the workspace's ledger as the command line's. Scripts are not
// agents: agentsPerDay does not hold for them.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readLedgerText } from '../../src/core/budget/ledgerEntry';
import { ProviderSimulator } from '../simulator/simulator';
import { newWorkspace, runCli, simulatorEnv, submitsOf } from './support/cliHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 50, processingMs: 150 } });
  await simulator.start();
  workspace = newWorkspace('imagegen-cli-budget-');
  mkdirSync(join(workspace, '.vscode'));
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({ budget: { aireiter: { perDay: 150, agentsPerDay: 0 } } }));
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args, { cwd: workspace, env: simulatorEnv(simulator, {}) });
const model = ['--model', 'aireiter:gpt_image_2', '--aspect-ratio', '1:1', '--resolution', '1K'];

test('within perDay it goes (agentsPerDay 0 does not stop a script) and is charged as the command line\'s; the next is over it: exit 2, nothing sent', async () => {
  const first = await run(['generate', 'A lighthouse within budget', ...model]);
  assert.equal(first.code, 0, first.stderr);
  const entries = readLedgerText(readFileSync(join(workspace, '.imagegen', 'spending.jsonl'), 'utf8')).entries;
  assert.deepEqual(entries.map((entry) => [entry.kind, entry.host]), [['expected', 'cli'], ['charged', 'cli']]);
  const second = await run(['generate', 'A lighthouse over budget', ...model]);
  assert.equal(second.code, 2, second.stderr);
  assert.match(second.stderr, /Not sent: 100 credits of the 150 credits a day for AIReiter are spent today, and this generation would cost about 100 credits \(its last cost here\) more\. The cap is "budget" › "aireiter" › "perDay" in \.vscode\/imagegen\.json; it starts again at midnight\./);
  assert.doesNotMatch(second.stderr, /\n\s+at /, 'no stack');
  assert.equal(submitsOf(simulator, 'A lighthouse over budget'), 0, 'nothing was sent');
});
