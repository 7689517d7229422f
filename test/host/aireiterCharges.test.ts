// Issue 22, through the real extension: a gpt_image_2_official submit that was charged but whose
// answer was lost is charged once and fails as "may have been charged" (naming the out_task_id,
// with a Retry that says it may charge again); AIReiter's balance-too-low answer (HTTP 200,
// `{ error: { code: 433 } }`, no data) fails as out of credits after one submit.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { retryLabel } from '../../src/generation/notifier';
import { activatedApi, generate, openDocument } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

/** What the simulator has received and charged so far. */
async function simulatorState(): Promise<{ submits: number; queries: { body: unknown }[]; charges: number }> {
  const { requests, charges } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string; body: unknown }[]; charges: number };
  return { submits: requests.filter((request) => request.path === '/api/openapi/submit').length, queries: requests.filter((request) => request.path === '/api/openapi/query'), charges };
}

suite('AIReiter charges (issue 22)', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
  });

  teardown(async () => {
    await fetch(`${simulator}/__sim/faults`, { method: 'DELETE' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('gpt_image_2_official: a submit charged but never answered → exactly one charge; failed "may have been charged" with its out_task_id', async () => {
    await openDocument('charges/official.md', 'Before.\n');
    const before = await simulatorState();
    const injected = await fetch(`${simulator}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'aireiter.submit', fault: { kind: 'dropAnswer' } }) });
    assert.equal(injected.status, 200);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2_official', prompt: 'charged once', aspectRatio: '16:9', resolution: '1K', quality: 'low' });
    const after = await simulatorState();
    assert.equal(after.charges - before.charges, 1, 'exactly one charge at the provider');
    assert.equal(after.submits - before.submits, 1, 'one submit');
    assert.equal(record.state, 'failed');
    assert.equal(record.error?.mayHaveCharged, true, 'the record says a retry may charge again');
    assert.match(record.error!.message, /may have accepted this gpt_image_2_official image and charged for it/);
    assert.match(record.error!.message, new RegExp(`out_task_id ${record.id}`), 'the out_task_id to look for in the dashboard');
    assert.match(record.error!.message, /a retry may charge again/);
    assert.equal(retryLabel(record.error!.mayHaveCharged === true), 'Retry (may charge again)', "the Retry buttons' words for it");
    assert.equal(retryLabel(false), 'Retry');
  });

  test('balance too low (HTTP 200, error object 433, no data) → failed "run out of credits", one submit, nothing looked up or charged', async () => {
    await openDocument('charges/credits.md', 'Before.\n');
    const before = await simulatorState();
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'no balance [sim:errorObject=433]', aspectRatio: '1:1', resolution: '1K' });
    const after = await simulatorState();
    assert.equal(record.state, 'failed');
    assert.equal(record.error?.kind, 'insufficientCredits', record.error?.message);
    assert.match(record.error!.message, /run out of credits/);
    assert.equal(record.error?.mayHaveCharged, undefined, 'a refusal is not "may have been charged"');
    assert.equal(after.submits - before.submits, 1, 'sent once');
    assert.equal(after.queries.length - before.queries.length, 0, 'nothing looked up');
    assert.equal(after.charges - before.charges, 0);
  });
});
