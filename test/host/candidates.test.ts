// Candidates from the palette (issue 25), driven as a user drives them: the wizard's confirmation
// line "Candidates" set to 3, Generate; nothing is inserted while they arrive; Pick a Candidate
// lists the three files and Enter on the second inserts its link where the cursor was, one
// undoable edit; the other two stay in the history, marked as candidates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { activatedApi, captureQuickInputs, finished, openDocument, waitFor, type CapturedPick } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const accept = () => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const isPick = (input: CapturedPick | vscode.InputBox): input is CapturedPick => 'items' in input;

async function generationRequests(prompt: string): Promise<{ body?: { n?: unknown } }[]> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string; body?: { n?: unknown; prompt?: unknown } }[] };
  return requests.filter((request) => request.path.endsWith('/images/generations') && request.body?.prompt === prompt);
}

suite('candidates from the palette', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'openai', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the wizard with 3 candidates makes three files in one request, inserts nothing, and Pick inserts the chosen one as one undoable edit', async function () {
    this.timeout(90_000);
    const api = await activatedApi();
    const editor = await openDocument('candidates.md', '# Candidates\n\nThe hero:\n', 'markdown');
    editor.selection = new vscode.Selection(editor.document.positionAt(editor.document.getText().length), editor.document.positionAt(editor.document.getText().length));
    const before = editor.document.getText();
    const prompt = 'a lighthouse hero, three takes';
    const captured = captureQuickInputs();
    try {
      const pending = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate');
      let seen = 0;
      let confirmation: CapturedPick | undefined;
      for (let step = 0; step < 12 && !confirmation; step += 1) {
        const input = await waitFor('the next wizard step', () => captured.inputs[seen]);
        seen += 1;
        await settle();
        if (!isPick(input)) {
          input.value = prompt;
        } else if (input.items.some((item) => item.label.includes('Candidates:'))) {
          confirmation = input;
          break;
        } else {
          const model = input.items.find((item) => item.description === 'openai:gpt-image-2');
          if (model) input.activeItems = [model];
          await settle();
        }
        await accept();
      }
      assert.ok(confirmation, 'the wizard reached its confirmation');
      assert.match(confirmation.items.find((item) => item.label.includes('Candidates:'))!.label, /Candidates: 1$/, 'one image unless asked for more');
      confirmation.activeItems = [confirmation.items.find((item) => item.label.includes('Candidates:'))!];
      await settle();
      const asked = captured.inputs.length;
      await accept();
      const counts = await waitFor('the count step', () => captured.inputs.slice(asked).find(isPick));
      await settle();
      assert.deepEqual(counts.items.map((item) => item.label), ['1', '2', '3', '4', '5', '6', '7', '8']);
      counts.activeItems = [counts.items[2]!];
      await settle();
      await accept();
      const again = await waitFor('the confirmation again', () => captured.inputs.slice(asked + 1).find(isPick));
      await settle();
      assert.match(again.items.find((item) => item.label.includes('Candidates:'))!.label, /Candidates: 3, to pick one from/);
      const go = again.items.find((item) => item.label.includes('Generate'))!;
      assert.match(go.label, /Generate 3 candidates of/);
      assert.match(go.detail ?? '', /Cost: 3 images/, 'the total cost is shown before anything is sent');
      assert.equal((await generationRequests(prompt)).length, 0, 'nothing was sent before Generate');
      again.activeItems = [go];
      await settle();
      await accept();
      const first = await pending;
      assert.ok(first?.candidate, 'the wizard started candidates');
      const group = first.candidate.group;
      const members = await waitFor('three candidates', () => {
        const found = api.generation.list().filter((record) => record.candidate?.group === group);
        return found.length === 3 ? found : undefined;
      });
      const done = await Promise.all(members.map((record) => finished(record.id, 30_000)));
      assert.deepEqual(done.map((record) => record.state), ['succeeded', 'succeeded', 'succeeded'], JSON.stringify(done.map((record) => record.error)));
      assert.equal(new Set(done.map((record) => record.imageUri)).size, 3, 'three files');
      const requests = await generationRequests(prompt);
      assert.equal(requests.length, 1, 'one request');
      assert.equal(requests[0]!.body?.n, 3, 'with n = 3');
      assert.equal(editor.document.getText(), before, 'nothing is inserted until one is picked');

      const listed = captured.inputs.length;
      const picking = vscode.commands.executeCommand('imagegen.pickCandidate', group);
      const list = await waitFor('the candidate list', () => captured.inputs.slice(listed).find(isPick));
      await waitFor('its items', () => (list.items.length === 3 ? true : undefined));
      const byIndex = [...done].sort((a, b) => a.candidate!.index - b.candidate!.index);
      const fileName = (record: TaskRecord) => vscode.Uri.parse(record.imageUri!).path.split('/').pop()!;
      assert.deepEqual(list.items.map((item) => item.label), byIndex.map(fileName), 'each candidate by its file name, in order');
      assert.ok(list.items.every((item) => item.iconPath instanceof vscode.Uri), 'each shows its image');
      assert.ok(list.items.every((item) => (item as vscode.QuickPickItem).buttons?.length === 1), 'each can be opened');
      list.activeItems = [list.items[1]!];
      await settle();
      await accept();
      await picking;
      const chosen = byIndex[1]!;
      await waitFor('the link in the document', () => (editor.document.getText().includes(fileName(chosen)) ? true : undefined));
      const text = editor.document.getText();
      assert.ok(text.startsWith(before), 'inserted where the cursor was');
      assert.ok(!text.includes(fileName(byIndex[0]!)) && !text.includes(fileName(byIndex[2]!)), 'only the picked one');
      assert.equal(api.generation.get(chosen.id)?.candidate?.picked, true, 'marked picked');
      assert.ok(byIndex.filter((record) => record !== chosen).every((record) => api.generation.get(record.id)?.candidate && !api.generation.get(record.id)?.candidate?.picked), 'the others stay as candidates');
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      await waitFor('one undo removes the link', () => (editor.document.getText() === before ? true : undefined));
    } finally {
      captured.dispose();
    }
  });
});
