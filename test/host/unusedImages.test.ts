// Find Unused Images (issue 25): ImageGen images (by provenance, and one from the history) linked
// from a .md, an .mdx, an .html, a .css and a .tsx file are not listed; the unlinked ImageGen image
// is (and a JPEG known by its sidecar), alone among this suite's files, with size and date and
// nothing picked; a png ImageGen did not make is never listed. "No" deletes nothing; on the user's word the file goes (to the trash)
// and the history forgets it.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { flatJpeg } from '../simulator/imageFormats';
import { gradientPng } from '../simulator/png';
import type { FindUnusedResult } from '../../src/features/housekeeping/findUnusedImages';
import { activatedApi, answerWarnings, captureQuickInputs, generate, waitFor, type CapturedPick } from './support';

/** Enter, once the checked items reached the workbench (the API sends them over asynchronously). */
const accept = () => void new Promise((resolve) => setTimeout(resolve, 500)).then(() => vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'));

const madeBy = (prompt: string) => ({ prompt, model: 'aireiter:gpt_image_2', parameters: '{}', task: `t-${prompt}`, 'Creation Time': new Date().toISOString(), Software: 'ImageGen for VS Code' });

suite('Find Unused Images', () => {
  const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const folder = `housekeeping-${Date.now()}`;
  const at = (...parts: string[]) => join(root(), folder, ...parts);
  let generated: { id: string; path: string };

  suiteSetup(async function () {
    this.timeout(60_000);
    if (!vscode.workspace.isTrusted) this.skip(); // The restricted pass checks the refusal (restricted.test.ts).
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    mkdirSync(at('img', 'css'), { recursive: true });
    mkdirSync(at('src'), { recursive: true });
    for (const name of ['from-md', 'from-mdx', 'from-html', 'from-tsx', 'css/from-css', 'unlinked']) writeFileSync(at('img', `${name} file.png`), gradientPng(32, 32, madeBy(name)));
    writeFileSync(at('img', 'not-imagegen.png'), gradientPng(32, 32));
    // A JPEG a provider delivered: its provenance is in the sidecar beside it.
    writeFileSync(at('img', 'sidecar.jpg'), flatJpeg(32, 32));
    writeFileSync(at('img', 'sidecar.jpg.imagegen.json'), JSON.stringify(madeBy('sidecar')));
    writeFileSync(at('guide.md'), '# Guide\n\n![from md](img/from-md%20file.png "the md one")\n');
    writeFileSync(at('page.mdx'), "import Hero from './img/from-mdx file.png';\n\n<Hero />\n");
    writeFileSync(at('index.html'), `<picture><img src="/${folder}/img/from-html%20file.png?v=1" alt=""></picture>\n`);
    writeFileSync(at('img', 'css', 'site.css'), ".hero { background: url('from-css file.png') }\n");
    writeFileSync(at('src', 'Card.tsx'), "export const Card = () => <img src={'../img/from-tsx file.png'} />;\n");
    // One from the history, linked nowhere (no editor is open, so no link went in).
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a lighthouse nobody links', aspectRatio: '1:1', resolution: '1K' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    generated = { id: record.id, path: vscode.Uri.parse(record.imageUri!).fsPath };
  });

  /** Runs the command; returns its list (this suite's entries) and the result once `decide` has answered it. */
  async function run(decide: (pick: CapturedPick) => void, clicks: string[]): Promise<{ labels: string[]; pick: CapturedPick; result: FindUnusedResult | undefined; asked: { message: string; modal: boolean }[] }> {
    const captured = captureQuickInputs();
    const warnings = answerWarnings((_message, buttons) => buttons.find((button) => clicks.includes(button)));
    try {
      const running = Promise.resolve(vscode.commands.executeCommand<FindUnusedResult | undefined>('imagegen.findUnusedImages'));
      const pick = await waitFor('the list of unused images', () => captured.inputs.find((input): input is CapturedPick => 'items' in input && /^Unused images ImageGen made/.test(input.title ?? '') && input.items.length > 0), 60_000);
      const ours = vscode.workspace.asRelativePath(generated.path, false);
      const labels = pick.items.map((item) => item.label).filter((label) => label.startsWith(`${folder}/`) || label === ours);
      decide(pick);
      return { labels, pick, result: await running, asked: warnings.asked };
    } finally {
      warnings.dispose();
      captured.dispose();
    }
  }

  test('lists exactly the unlinked ImageGen images, with size and date, nothing picked; "No" deletes nothing', async function () {
    this.timeout(90_000);
    const { labels, pick, result, asked } = await run((pick) => {
      assert.equal(pick.canSelectMany, true);
      assert.deepEqual(pick.selectedItems, [], 'nothing preselected');
      pick.selectedItems = pick.items.filter((item) => item.label === `${folder}/img/unlinked file.png`);
      accept();
    }, []);
    assert.deepEqual(labels.sort(), [vscode.workspace.asRelativePath(generated.path, false), `${folder}/img/sidecar.jpg`, `${folder}/img/unlinked file.png`].sort(), 'linked ones and the non-ImageGen png are not listed');
    const item = pick.items.find((candidate) => candidate.label === `${folder}/img/unlinked file.png`)!;
    assert.match(item.description ?? '', /^\d+\.\d (KB|MB) · \d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(item.detail, 'unlinked', 'the prompt its provenance remembers');
    assert.deepEqual(asked.map((question) => [question.message, question.modal]), [['Move 1 image to the trash?', true]]);
    assert.deepEqual(result?.moved, []);
    assert.ok(existsSync(at('img', 'unlinked file.png')), 'still there after "No"');
    assert.ok(existsSync(generated.path));
  });

  test('on the user\'s word the picked images go (to the trash) and the history forgets the image', async function () {
    this.timeout(90_000);
    const api = await activatedApi();
    const { result, asked } = await run((pick) => {
      pick.selectedItems = pick.items.filter((item) => [`${folder}/img/unlinked file.png`, `${folder}/img/sidecar.jpg`, vscode.workspace.asRelativePath(generated.path, false)].includes(item.label));
      accept();
    }, ['Move to Trash', 'Delete Permanently']);
    assert.equal(asked[0]?.message, 'Move 3 images to the trash?');
    // A file system without a trash (this test host's, maybe) asks once more before deleting for good.
    assert.deepEqual(asked.slice(1).map((question) => question.message), result?.deletedForGood.length ? ['4 files could not be moved to the trash. Delete them permanently instead?'] : []);
    assert.ok(asked.every((question) => question.modal));
    assert.equal(result?.moved.length, 3);
    assert.ok(!existsSync(at('img', 'sidecar.jpg')) && !existsSync(at('img', 'sidecar.jpg.imagegen.json')), 'the JPEG and its sidecar went together');
    assert.ok(!existsSync(at('img', 'unlinked file.png')), 'the unlinked image is gone from its path');
    assert.ok(!existsSync(generated.path), 'and the one from the history');
    assert.equal(api.generation.get(generated.id)?.imageUri, undefined, 'the history forgot it: the gallery shows the task without an image');
    for (const kept of ['from-md file.png', 'from-mdx file.png', 'from-html file.png', 'from-tsx file.png', 'css/from-css file.png', 'not-imagegen.png']) assert.ok(existsSync(at('img', kept)), `${kept} stays`);
  });

  test('closing the list deletes nothing and asks nothing', async function () {
    this.timeout(90_000);
    writeFileSync(at('img', 'another unlinked.png'), gradientPng(32, 32, madeBy('another')));
    const { labels, result, asked } = await run((pick) => pick.hide(), ['Move to Trash', 'Delete Permanently']);
    assert.deepEqual(labels, [`${folder}/img/another unlinked.png`]);
    assert.deepEqual(asked, []);
    assert.ok(existsSync(at('img', 'another unlinked.png')));
    assert.deepEqual(result?.moved, []);
  });
});
