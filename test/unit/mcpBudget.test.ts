// The budget through the real MCP server (dist/mcp.js) against the simulator: the team's caps in
// .vscode/imagegen.json and the user's in IMAGEGEN_BUDGET hold for an agent; a call over a cap is
// refused before anything is sent, in words that name the cap, the spend and where it is set; every
// task is in the workspace's ledger (expected, then charged at the provider's credits_used).
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readLedgerText } from '../../src/core/budget/ledgerEntry';
import { ProviderSimulator } from '../simulator/simulator';
import { callTool, connectServer, submitsOf, toolText, until } from './support/mcpHarness';

let simulator: ProviderSimulator;
const workspaces: string[] = [];

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 50, processingMs: 150 } });
  await simulator.start();
});

after(async () => {
  await simulator.stop();
  for (const folder of workspaces) rmSync(folder, { recursive: true, force: true });
});

function workspaceWith(team: unknown): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-budget-')));
  workspaces.push(folder);
  mkdirSync(join(folder, '.vscode'));
  writeFileSync(join(folder, '.vscode', 'imagegen.json'), JSON.stringify(team));
  return folder;
}

const ledgerOf = (workspace: string) => readLedgerText(readFileSync(join(workspace, '.imagegen', 'spending.jsonl'), 'utf8'));
const generate = { model: 'aireiter:gpt_image_2', aspect_ratio: '1:1', resolution: '1K', wait_seconds: 30 };

test('agentsPerDay in the team file: the first call goes and is charged in the ledger; the next would go over and is refused, nothing sent', async () => {
  const workspace = workspaceWith({ budget: { aireiter: { agentsPerDay: 150 } } });
  const server = await connectServer(workspace, simulator);
  try {
    const first = await callTool(server.client, 'generate_image', { ...generate, prompt: 'A budgeted lighthouse' });
    assert.notEqual(first.isError, true, toolText(first));
    await until(() => ledgerOf(workspace).entries.some((entry) => entry.kind === 'charged'), 'the charge in the ledger');
    const entries = ledgerOf(workspace).entries;
    assert.deepEqual(entries.map((entry) => [entry.kind, entry.host, 'cost' in entry ? entry.cost : undefined]), [['expected', 'mcp', 100], ['charged', 'mcp', 100]]);
    assert.equal(readFileSync(join(workspace, '.imagegen', '.gitignore'), 'utf8'), '*\n');
    const second = await callTool(server.client, 'generate_image', { ...generate, prompt: 'One lighthouse too many' });
    assert.equal(second.isError, true);
    assert.equal(toolText(second), 'Not sent: 100 credits of the 150 credits a day for agents (the agent tool and the MCP server) for AIReiter are spent by agents today, and this generation would cost about 100 credits (its last cost here) more. The cap is "budget" › "aireiter" › "agentsPerDay" in .vscode/imagegen.json; it starts again at midnight.');
    assert.equal(submitsOf(simulator, 'One lighthouse too many'), 0, 'nothing was sent');
    assert.equal(ledgerOf(workspace).entries.length, 2, 'a refused call leaves no line');
  } finally {
    await server.close();
  }
});

test('the user\'s IMAGEGEN_BUDGET holds too (the lower cap wins), a budget that cannot be read stops every request', async () => {
  const workspace = workspaceWith({ budget: { aireiter: { perCall: 400 } } });
  const strict = await connectServer(workspace, simulator, { IMAGEGEN_BUDGET: JSON.stringify({ aireiter: { perCall: 50 } }) });
  try {
    const refused = await callTool(strict.client, 'generate_image', { ...generate, prompt: 'Over the user cap' });
    assert.equal(refused.isError, true);
    assert.equal(toolText(refused), 'Not sent: this AIReiter generation would cost about 100 credits (ImageGen\'s estimate for the model), over the cap of 50 credits per call. The cap is "aireiter" › "perCall" in IMAGEGEN_BUDGET (this process\'s environment).');
    assert.equal(submitsOf(simulator, 'Over the user cap'), 0);
  } finally {
    await strict.close();
  }
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({ budget: { aireiter: { perDai: 10 } } }));
  const broken = await connectServer(workspace, simulator);
  try {
    const refused = await callTool(broken.client, 'generate_image', { ...generate, prompt: 'Under a misspelt budget' });
    assert.equal(refused.isError, true);
    assert.match(toolText(refused), /^Not sent: the budget cannot be read, so nothing is sent until it is fixed\. \.vscode\/imagegen\.json: budget\.aireiter: .*perDai/);
    assert.equal(submitsOf(simulator, 'Under a misspelt budget'), 0);
  } finally {
    await broken.close();
  }
  // A cap keyed by a name that is no provider would hold nothing: said, and nothing is sent.
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({ budget: { AIReiter: { perDay: 1 } } }));
  const misnamed = await connectServer(workspace, simulator);
  try {
    const refused = await callTool(misnamed.client, 'generate_image', { ...generate, prompt: 'Under a misnamed budget' });
    assert.equal(refused.isError, true);
    assert.match(toolText(refused), /"AIReiter" is not a provider: budgets are keyed by aireiter, jimmyai, openai\./);
    assert.equal(submitsOf(simulator, 'Under a misnamed budget'), 0);
  } finally {
    await misnamed.close();
  }
});

test('a team file that is there but cannot be read stops every request, in words that name it; nothing is sent', async () => {
  const workspace = workspaceWith({});
  // A directory where the file should be: unreadable whoever runs the tests (root reads any mode).
  rmSync(join(workspace, '.vscode', 'imagegen.json'));
  mkdirSync(join(workspace, '.vscode', 'imagegen.json'));
  const server = await connectServer(workspace, simulator);
  try {
    const refused = await callTool(server.client, 'generate_image', { ...generate, prompt: 'Under an unreadable budget' });
    assert.equal(refused.isError, true);
    assert.match(toolText(refused), /^Not sent: the budget cannot be read, so nothing is sent until it is fixed\. \.vscode\/imagegen\.json cannot be read \(EISDIR.*\), so a "budget" the team set in it cannot be checked; make the file readable \(or remove it\)\.$/);
    assert.equal(submitsOf(simulator, 'Under an unreadable budget'), 0);
  } finally {
    await server.close();
  }
});
