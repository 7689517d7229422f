// The wizard's Output line (issue 24): one editable line of the confirmation, no extra step on the
// default path. Driven as a user drives it: Enter through the steps, the output item chosen, a line
// typed into the box it opens (checked while typing), then Generate.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { activatedApi, captureQuickInputs, waitFor, type CapturedPick } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');

async function providerRequests(): Promise<number> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string }[] };
  return requests.filter((request) => !request.path.startsWith('/__sim/')).length;
}

const isPick = (input: CapturedPick | vscode.InputBox): input is CapturedPick => 'items' in input;
const outputItemOf = (pick: CapturedPick) => pick.items.find((item) => item.label.includes('Output:'));

/** Starts the wizard and Enters through every step (the prompt typed) until the confirmation shows. */
async function openConfirmation(captured: ReturnType<typeof captureQuickInputs>, prompt: string): Promise<{ pending: Thenable<TaskRecord | undefined>; confirmation: CapturedPick }> {
  const pending = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate');
  let seen = 0;
  for (let step = 0; step < 12; step += 1) {
    const input = await waitFor('the next wizard step', () => captured.inputs[seen]);
    seen += 1;
    await new Promise((resolve) => setTimeout(resolve, 300));
    if (isPick(input) && outputItemOf(input)) return { pending, confirmation: input };
    if (!isPick(input)) input.value = prompt;
    await accept();
  }
  throw new Error('the wizard never reached its confirmation');
}

suite('wizard output line', () => {
  suiteSetup(async () => {
    await activatedApi();
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key'), true);
    }
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('the confirmation shows Output as one line; edited there, it goes into the task record\'s input, and a bad line is refused in the box while typing', async function () {
    this.timeout(60_000);
    const captured = captureQuickInputs();
    try {
      const { pending, confirmation } = await openConfirmation(captured, 'a wizard card with an exact output');
      assert.match(outputItemOf(confirmation)!.label, /Output: as generated \(png\)$/, 'the default path has no output');
      assert.equal(confirmation.activeItems[0]?.label.includes('Generate'), true, 'Enter still generates');
      const count = captured.inputs.length;
      confirmation.activeItems = [outputItemOf(confirmation)!];
      await new Promise((resolve) => setTimeout(resolve, 200));
      await accept();
      const box = await waitFor('the output box', () => captured.inputs.slice(count).find((input): input is vscode.InputBox => !isPick(input)));
      assert.equal(box.value, '', 'prefilled with the line it had: none');
      // A value set by the extension is not echoed back as typing: Enter checks it, as typing would.
      box.value = '1200x630 webp q70 gif';
      await accept();
      await waitFor('the problem under the box', () => (typeof box.validationMessage === 'string' && /"gif" is not an output word/.test(box.validationMessage)) || undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(captured.inputs.length, count + 1, 'a bad line is not accepted: the box stays');
      // A line whose words are fine but which no size of the model reaches: refused in the box, not after it (no loop back to step 2).
      box.value = '8000x8000 png';
      await accept();
      await waitFor('the size problem under the box', () => (typeof box.validationMessage === 'string' && /upscal/.test(box.validationMessage)) || undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(captured.inputs.length, count + 1, 'an unreachable size is not accepted either: the box stays');
      box.value = '1200x630 webp q70 contain';
      await accept();
      const again = await waitFor('the confirmation again', () => captured.inputs.slice(count + 1).find(isPick));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.match(outputItemOf(again)!.label, /Output: 1200×630 webp q70, padded$/, 'the confirmation reflects the edit');
      await accept();
      const record = await pending;
      assert.ok(record, 'the wizard started a task');
      assert.deepEqual((await activatedApi()).generation.get(record.id)?.input.output, { size: { width: 1200, height: 630 }, format: 'webp', quality: 70, fit: 'contain' });
    } finally {
      captured.dispose();
    }
  });

  test('a bad line shows its problem and, dismissed, sends nothing', async function () {
    this.timeout(60_000);
    const captured = captureQuickInputs();
    try {
      const api = await activatedApi();
      const tasks = api.generation.list().length;
      const { pending, confirmation } = await openConfirmation(captured, 'never sent with a lossless quality');
      const count = captured.inputs.length;
      confirmation.activeItems = [outputItemOf(confirmation)!];
      await new Promise((resolve) => setTimeout(resolve, 200));
      const requests = await providerRequests();
      await accept();
      const box = await waitFor('the output box', () => captured.inputs.slice(count).find((input): input is vscode.InputBox => !isPick(input)));
      box.value = 'png q80';
      await accept();
      await waitFor('the problem under the box', () => (typeof box.validationMessage === 'string' && /PNG is lossless/.test(box.validationMessage)) || undefined);
      assert.equal(captured.inputs.length, count + 1, 'the box stays open');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await pending, undefined, 'no task');
      assert.equal(api.generation.list().length, tasks);
      assert.equal(await providerRequests(), requests, 'nothing sent');
    } finally {
      captured.dispose();
    }
  });
});
