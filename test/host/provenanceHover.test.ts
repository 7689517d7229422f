// Hovering an image link shows how the image was made, from the file itself: also for a copy made
// elsewhere (a teammate's), never for files outside the workspace or images ImageGen did not make.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { activatedApi, finished, generate, openDocument } from './support';

/** The hover's Markdown as sent, and as read (escapes and &nbsp; undone). */
async function hover(document: vscode.TextDocument, line: number, character: number): Promise<{ raw: string; text: string }> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  const raw = hovers.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
  return { raw, text: raw.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1') };
}
const hoverText = async (document: vscode.TextDocument, line: number, character: number) => (await hover(document, line, character)).text;

suite('image provenance on hover', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the prompt, model, size, settings, date, task and credits of an ImageGen image, read from its file', async () => {
    const editor = await openDocument('docs/provenance.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'A <b>bold</b> *lighthouse*', aspectRatio: '16:9', resolution: '1K' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const line = editor.document.lineCount - 1;
    const { raw, text } = await hover(editor.document, line, 3);
    assert.match(text, /Made with ImageGen/);
    assert.match(text, /Prompt:\*\* A <b>bold<\/b> \*lighthouse\*/);
    assert.doesNotMatch(raw, /<b>|\*lighthouse\*/, 'the prompt is escaped: text, never HTML or emphasis');
    assert.match(text, /aireiter:gpt_image_2 \(AIReiter\)/);
    assert.match(text, /1536x864/);
    assert.match(text, /aspectRatio 16:9, resolution 1K/);
    assert.ok(text.includes(record.taskId ?? record.id), 'the task id');
    assert.match(text, /100/, 'the estimated credits');

    // A teammate's copy under another name, linked from the site root: the file itself tells.
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(`${root}/shared`, { recursive: true });
    copyFileSync(vscode.Uri.parse(record.imageUri!).fsPath, `${root}/shared/from-a-teammate.png`);
    const other = await openDocument('docs/teammate.md', '![their image](/shared/from-a-teammate.png)\n![outside](../../outside.png)\n![plain](/shared/plain.png)\n');
    writeFileSync(`${root}/shared/plain.png`, Buffer.from('89504e470d0a1a0a', 'hex'));
    assert.match(await hoverText(other.document, 0, 3), /lighthouse/);
    assert.doesNotMatch(await hoverText(other.document, 1, 3), /Made with ImageGen/, 'nothing for a path outside the workspace');
    assert.doesNotMatch(await hoverText(other.document, 2, 3), /Made with ImageGen/, 'nothing for an image ImageGen did not make');
  });

  test('a JPEG (no PNG text) shows its provenance from the sidecar ImageGen writes beside it', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(join(root, 'photos'), { recursive: true });
    const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
    const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
    writeFileSync(join(root, 'photos', 'fox.jpg'), Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]));
    writeFileSync(join(root, 'photos', 'fox.jpg.imagegen.json'), JSON.stringify({ prompt: 'A fox in snow', model: 'jimmyai:nano-banana', parameters: '{"aspectRatio":"4:3"}', task: 'jimmy-task-7' }));
    writeFileSync(join(root, 'photos', 'plain.jpg'), Buffer.from([0xff, 0xd8, ...app0, ...sof, 0xff, 0xd9]));
    const editor = await openDocument('docs/jpeg.md', 'Photos.\n\n![a fox](../photos/fox.jpg)\n\n![plain](../photos/plain.jpg)\n');
    const text = await hoverText(editor.document, 2, 4);
    assert.match(text, /Made with ImageGen/);
    assert.match(text, /A fox in snow/);
    assert.match(text, /640x480/);
    assert.match(text, /jimmy-task-7/);
    assert.doesNotMatch(await hoverText(editor.document, 4, 4), /Made with ImageGen/, 'no sidecar, no provenance');
  });

  test('Regenerate: the same prompt and settings; the new link replaces the old one in one undoable edit, the old file stays', async () => {
    const editor = await openDocument('docs/regenerate.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const first = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'regenerate me', aspectRatio: '3:2', resolution: '1K' });
    const before = editor.document.getText();
    const line = editor.document.lineCount - 1;
    assert.match((await hover(editor.document, line, 3)).raw, /command:imagegen\.regenerateImage/);
    const again = await vscode.commands.executeCommand<TaskRecord>('imagegen.regenerateImage', { uri: editor.document.uri.toString(), line, character: 3 });
    assert.ok(again, 'a new task started');
    const done = await finished(again.id);
    assert.equal(done.state, 'succeeded', done.error?.message);
    assert.deepEqual([done.input.prompt, done.input.aspectRatio, done.input.resolution], ['regenerate me', '3:2', '1K'], 'the same generation');
    const text = editor.document.getText();
    assert.equal(text.match(/!\[/g)?.length, 1, 'one link, the new one in place of the old');
    assert.ok(text.includes(vscode.Uri.parse(done.imageUri!).path.split('/').pop()!));
    assert.ok(existsSync(vscode.Uri.parse(first.imageUri!).fsPath), 'the old file stays until the user deletes it');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), before, 'one undo brings the old link back');
  });

  test('Variation: the same prompt with this image as the reference, its link next to the original', async () => {
    const editor = await openDocument('docs/variation.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'vary me', aspectRatio: '1:1', resolution: '1K' });
    const line = editor.document.lineCount - 1;
    const variation = await vscode.commands.executeCommand<TaskRecord>('imagegen.imageVariation', { uri: editor.document.uri.toString(), line, character: 3 });
    assert.ok(variation);
    assert.equal((await finished(variation.id)).state, 'succeeded');
    const { requests } = (await (await fetch(`${process.env.IMAGEGEN_SIMULATOR_URL}/__sim/requests`)).json()) as { requests: { path: string; body: { params?: { prompt?: string; image_url?: unknown[] } } }[] };
    const sent = requests.filter((request) => request.path === '/api/openapi/submit' && request.body.params?.prompt === 'vary me');
    assert.equal(sent.at(-1)?.body.params?.image_url?.length, 1, 'the image went along as the reference');
    assert.equal(editor.document.getText().match(/!\[vary me\]/g)?.length, 2, 'the original and the variation');
  });

  test('Edit…: text typed before the link while the prompt is asked moves the place; the new link lands after the whole old link', async () => {
    const editor = await openDocument('docs/edit-moved.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'edit me', aspectRatio: '1:1', resolution: '1K' });
    const line = editor.document.lineCount - 1;
    const oldLink = editor.document.lineAt(line).text;
    assert.match(oldLink, /^!\[edit me\]\(/);
    const api = await activatedApi();
    const before = new Set(api.generation.list().map((task) => task.id));
    const pending = vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.editImage', { uri: editor.document.uri.toString(), line, character: 3 });
    // The prompt box is open now (the command took its place when it started); the user types before the link.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, new vscode.Position(line, 0), 'See: ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const started = await pending;
    assert.ok(started && !before.has(started.id), 'the edit started a task');
    assert.equal((await finished(started.id)).state, 'succeeded');
    const text = editor.document.getText();
    assert.ok(text.includes(`See: ${oldLink}`), `the old link is whole, the new one not pushed into it:\n${text}`);
    assert.equal(text.match(/!\[edit me\]/g)?.length, 2, `the original and the edit:\n${text}`);
    assert.ok(text.indexOf('![edit me]', text.indexOf(oldLink) + oldLink.length) > 0, 'the new link comes after the old one');
  });

  test('the light bulb on an ImageGen image link offers Regenerate, Variation, Edit… and Convert', async () => {
    const editor = await openDocument('docs/code-action.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'light bulb', aspectRatio: '1:1', resolution: '1K' });
    const line = editor.document.lineCount - 1;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(line, 3, line, 3));
    const ours = actions.filter((action) => action.command?.command.startsWith('imagegen.'));
    assert.deepEqual(ours.map((action) => action.command!.command), ['imagegen.regenerateImage', 'imagegen.imageVariation', 'imagegen.editImage', 'imagegen.convertImage']);
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(0, 1, 0, 1));
    assert.equal(none.filter((action) => action.command?.command.startsWith('imagegen.')).length, 0, 'nothing on plain text');
  });

  test('a command link whose image is gone, or whose arguments are not an image place, does nothing', async () => {
    assert.equal(await vscode.commands.executeCommand('imagegen.regenerateImage', { uri: 'file:///nowhere/x.md', line: 0, character: 0 }), undefined);
    assert.equal(await vscode.commands.executeCommand('imagegen.imageVariation', { uri: 42 }), undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
