// Issue 25 in the real extension host: the team's budget in .vscode/imagegen.json holds before
// anything is sent — a generation over perCall is refused with the words that name the cap and
// nothing reaches the provider; the agent tool is refused over agentsPerDay while a person in the
// editor is not an agent; every task is written to the workspace's ledger.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readLedgerText } from '../../src/core/budget/ledgerEntry';
import type { HostToWebview } from '../../src/protocol/studioMessages';
import { activatedApi, generate, waitFor, webviewTabs } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const teamFile = () => join(root(), '.vscode', 'imagegen.json');

async function submitsOf(prompt: string): Promise<number> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { method: string; body: { params?: { prompt?: string }; prompt?: string } | undefined }[] };
  return requests.filter((request) => request.method === 'POST' && (request.body?.params?.prompt === prompt || request.body?.prompt === prompt)).length;
}

suite('budget (issue 25)', () => {
  let saved: string | undefined;

  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
    saved = existsSync(teamFile()) ? readFileSync(teamFile(), 'utf8') : undefined;
    mkdirSync(join(root(), '.vscode'), { recursive: true });
  });

  suiteTeardown(() => {
    // The other suites' presets file as it was.
    if (saved === undefined) rmSync(teamFile(), { force: true });
    else writeFileSync(teamFile(), saved);
  });

  test('over perCall: refused before anything is sent, in words that name the cap and where it is set; nothing created', async () => {
    writeFileSync(teamFile(), JSON.stringify({ budget: { aireiter: { perCall: 50 } } }));
    const api = await activatedApi();
    const prompt = 'a lighthouse over budget';
    const tasksBefore = api.generation.list().length;
    const started = await vscode.commands.executeCommand<unknown>('imagegen.generate', { modelKey: 'aireiter:gpt_image_2', prompt, aspectRatio: '1:1', resolution: '1K' });
    assert.equal(started, undefined, 'no task started');
    assert.equal(await submitsOf(prompt), 0, 'nothing reached the provider');
    assert.equal(api.generation.list().length, tasksBefore, 'no task in the list');
  });

  test('agentsPerDay: the agent tool is refused once agents would go over it; a person in the editor is not an agent; the ledger has every task', async () => {
    writeFileSync(teamFile(), JSON.stringify({ budget: { aireiter: { agentsPerDay: 50 } } }));
    const agentPrompt = 'an agent lighthouse over its cap';
    const result = await vscode.lm.invokeTool('imagegen_generateImage', { input: { prompt: agentPrompt, model: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K' }, toolInvocationToken: undefined });
    const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
    assert.match(text, /Not sent: 0 credits of the 50 credits a day for agents \(the agent tool and the MCP server\) for AIReiter are spent by agents today, and this generation would cost about \d+ credits .* more\. The cap is "budget" › "aireiter" › "agentsPerDay" in \.vscode\/imagegen\.json/);
    assert.equal(await submitsOf(agentPrompt), 0, 'nothing reached the provider');
    // The same request from a person goes through: agentsPerDay is the agents' cap.
    const personPrompt = 'a lighthouse a person asked for';
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: personPrompt, aspectRatio: '1:1', resolution: '1K' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const ledgerFile = join(root(), '.imagegen', 'spending.jsonl');
    const lines = await waitFor('the charge in the ledger', () => {
      const read = existsSync(ledgerFile) ? readLedgerText(readFileSync(ledgerFile, 'utf8')) : undefined;
      const mine = read?.entries.filter((entry) => entry.task === record.id);
      return mine && mine.some((entry) => entry.kind === 'charged') ? mine : undefined;
    });
    assert.deepEqual(lines.map((entry) => [entry.kind, entry.host, entry.provider, entry.model]), [['expected', 'editor', 'aireiter', 'gpt_image_2'], ['charged', 'editor', 'aireiter', 'gpt_image_2']]);
    assert.equal(readFileSync(join(root(), '.imagegen', '.gitignore'), 'utf8'), '*\n');
  });

  test('with a budget the status bar shows today\'s spend beside the day cap; Show Spending opens the studio at its spending: today against the cap, by day, by model', async () => {
    writeFileSync(teamFile(), JSON.stringify({ budget: { aireiter: { perDay: 5000 } } }));
    const api = await activatedApi();
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a lighthouse on the spending list', aspectRatio: '1:1', resolution: '1K' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const shown = await waitFor('today\'s spend in the status bar', async () => {
      await api.spending.refresh();
      return api.spending.text && /^AIReiter \d[\d,]*\/5,000 credits today$/.test(api.spending.text) ? api.spending.text : undefined;
    });
    assert.match(shown, /\/5,000 credits today/);
    // Show Spending opens the studio panel at its spending section, with the ledger's numbers.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const posted: HostToWebview[] = [];
    const watching = api.panels.onDidAttach((controller) => controller.onDidPost((message) => posted.push(message)));
    try {
      await vscode.commands.executeCommand('imagegen.showSpending');
      const controller = await waitFor('the studio panel', () => api.panels.controller);
      await controller.receive({ type: 'ready' });
      const focus = await waitFor('the spending section focused', () => posted.findIndex((message) => message.type === 'focusSection' && message.section === 'spending') + 1 || undefined);
      const spending = posted.slice(0, focus).reverse().find((message): message is Extract<HostToWebview, { type: 'spending' }> => message.type === 'spending')?.spending;
      assert.ok(spending, 'the spending data comes before the focus');
      const aireiter = spending.today.find((today) => today.provider === 'aireiter');
      assert.ok(aireiter, JSON.stringify(spending.today));
      assert.equal(aireiter.caps.perDay, 5000);
      assert.equal(aireiter.unit, 'credits');
      assert.ok(aireiter.spent > 0 && aireiter.monthSpent >= aireiter.spent);
      const today = new Date();
      const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
      const row = spending.days.find((candidate) => candidate.day === day);
      assert.ok(row && row.tasks >= 1 && row.amounts.some((amount) => amount.unit === 'credits' && amount.cost > 0), JSON.stringify(spending.days));
      const model = spending.models.find((candidate) => candidate.model === 'aireiter:gpt_image_2');
      assert.ok(model && model.unit === 'credits' && model.tasks >= 1, JSON.stringify(spending.models));
      assert.equal(spending.ledger, '.imagegen/spending.jsonl');
      assert.equal(webviewTabs('imagegen.studio').length, 1, 'one studio panel');
      // A task that ends (here or in another process writing the ledger) refreshes it.
      const before = posted.filter((message) => message.type === 'spending').length;
      const more = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a lighthouse spent while the studio looks', aspectRatio: '1:1', resolution: '1K' });
      assert.equal(more.state, 'succeeded', more.error?.message);
      await waitFor('the spending sent again', () => posted.filter((message) => message.type === 'spending').length > before || undefined);
    } finally {
      watching.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('a team file that cannot be read stops requests with words naming it, never "no budget"; nothing is sent', async () => {
    // A directory where the file should be: unreadable whoever runs the tests (root reads any mode).
    rmSync(teamFile(), { force: true });
    mkdirSync(teamFile());
    try {
      const prompt = 'a lighthouse under an unreadable budget';
      const result = await vscode.lm.invokeTool('imagegen_generateImage', { input: { prompt, model: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K' }, toolInvocationToken: undefined });
      const text = result.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
      assert.match(text, /Not sent: the budget cannot be read, so nothing is sent until it is fixed\. \.vscode\/imagegen\.json cannot be read \(.+\), so a "budget" the team set in it cannot be checked/);
      assert.equal(await submitsOf(prompt), 0, 'nothing reached the provider');
    } finally {
      rmSync(teamFile(), { recursive: true, force: true });
    }
  });
});
