// Convert / Resize Image… (issue 24) from the hover's command, answered in its input box: the
// finished file appears beside the image, which stays, and carries its provenance; a line with a
// problem, or a size larger than the image, writes nothing and leaves the box open.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import type { FinishedFile } from '../../src/finishing/finishImage';
import { activatedApi, generate, openDocument } from './support';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hoverText(document: vscode.TextDocument, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  return hovers.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n').replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

/** Starts the command on the link at `line` with the box prefilled with `output`, and presses Enter in the box (repeatedly, until it closes or `tries` run out). */
async function convertFromHover(document: vscode.TextDocument, line: number, output: string, tries = 6): Promise<{ settled: boolean; result: Promise<FinishedFile | undefined> }> {
  const result = Promise.resolve(vscode.commands.executeCommand<FinishedFile | undefined>('imagegen.convertImage', { uri: document.uri.toString(), line, character: 3, output }));
  let settled = false;
  void result.then(() => (settled = true));
  for (let attempt = 0; attempt < tries && !settled; attempt++) {
    await pause(700);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
  await pause(500);
  return { settled, result };
}

async function madeImage(prompt: string): Promise<{ editor: vscode.TextEditor; line: number; png: string }> {
  const editor = await openDocument(`docs/convert-${prompt.replace(/\W+/g, '-')}.md`, 'Intro.\n');
  editor.selection = new vscode.Selection(1, 0, 1, 0);
  const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt, aspectRatio: '16:9', resolution: '1K' });
  assert.equal(record.state, 'succeeded', record.error?.message);
  return { editor, line: editor.document.lineCount - 1, png: vscode.Uri.parse(record.imageUri!).fsPath };
}

suite('Convert / Resize Image…', () => {
  suiteSetup(async function () {
    this.timeout(30_000);
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the hover offers it; a 768×432 WebP appears beside the PNG, which stays, and the hover on its link shows the prompt', async function () {
    this.timeout(60_000);
    const { editor, line, png } = await madeImage('a lighthouse to convert');
    assert.match(await hoverText(editor.document, line, 3), /command:imagegen\.convertImage/);
    const before = new Set(readdirSync(dirname(png)));
    const { settled, result } = await convertFromHover(editor.document, line, '768x432 webp q80');
    assert.ok(settled, 'Enter on a good line closes the box and converts');
    const made = await result;
    assert.ok(made, 'the command returns the file it wrote');
    assert.equal(dirname(made.path), dirname(png), 'beside the image');
    assert.match(basename(made.path), /\.webp$/);
    const info = readImageInfo(readFileSync(made.path));
    assert.deepEqual([info?.format, info?.width, info?.height], ['webp', 768, 432], 'exactly the size asked');
    assert.ok(existsSync(png), 'the PNG stays');
    const added = readdirSync(dirname(png)).filter((name) => !before.has(name));
    assert.deepEqual(added, [basename(made.path)], 'the one new file, nothing partial left beside it');

    const docs = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'docs');
    const linked = await openDocument('docs/converted.md', `![the webp](${relative(docs, made.path).split('\\').join('/')})\n`);
    const text = await hoverText(linked.document, 0, 3);
    assert.match(text, /Made with ImageGen/, 'the provenance went along, as XMP');
    assert.match(text, /a lighthouse to convert/);
    assert.match(text, /768x432/);
    assert.match(text, /Converted:\*\* .*768×432 webp q80 \(cover\) from .*\.png \(1536×864\)/, 'and a note of the conversion');
  });

  test('a line with a problem keeps the box open and writes nothing; so does a size larger than the image', async function () {
    this.timeout(60_000);
    const { editor, line, png } = await madeImage('a lighthouse not to convert');
    const before = readdirSync(dirname(png)).sort();
    for (const output of ['webp q80 sparkly', '3072x1728 webp']) {
      const { settled, result } = await convertFromHover(editor.document, line, output, 3);
      assert.equal(settled, false, `Enter on "${output}" does not take it: the box stays open with the problem`);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await result, undefined, 'closing the box writes nothing');
      assert.deepEqual(readdirSync(dirname(png)).sort(), before, `nothing new in the folder after "${output}"`);
    }
  });

  test('from the explorer (an image Uri): outside a workspace folder, or not an image, is refused with words', async () => {
    assert.equal(await vscode.commands.executeCommand('imagegen.convertImage', vscode.Uri.file('/tmp/elsewhere.png')), undefined);
    const root = vscode.workspace.workspaceFolders![0]!.uri;
    assert.equal(await vscode.commands.executeCommand('imagegen.convertImage', vscode.Uri.joinPath(root, 'docs', 'converted.md')), undefined);
    assert.equal(await vscode.commands.executeCommand('imagegen.convertImage', { uri: 42 }), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  test('an image reached through a link inside the workspace that leads out of it is refused before any box: nothing is written outside', async function () {
    this.timeout(60_000);
    const { png } = await madeImage('a lighthouse behind a link');
    const outside = mkdtempSync(join(tmpdir(), 'imagegen-convert-outside-'));
    const link = join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'docs', `linked-out-${Date.now()}`);
    try {
      symlinkSync(outside, link, 'dir');
      copyFileSync(png, join(outside, 'lighthouse.png'));
      const answer = await Promise.race([vscode.commands.executeCommand('imagegen.convertImage', vscode.Uri.file(join(link, 'lighthouse.png'))), pause(5_000).then(() => 'a box opened')]);
      assert.equal(answer, undefined, 'refused at once, no input box');
      assert.deepEqual(readdirSync(outside), ['lighthouse.png'], 'nothing written beside it, outside the workspace');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      rmSync(link, { force: true });
      rmSync(outside, { recursive: true, force: true });
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });
});
