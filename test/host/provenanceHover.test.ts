// Hovering an image link shows how the image was made, from the file itself: also for a copy made
// elsewhere (a teammate's), never for files outside the workspace or images ImageGen did not make.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activatedApi, generate, openDocument } from './support';

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
});
