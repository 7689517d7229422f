// imagegen.fileName in the real saving path: the team's template, `${n}` counting up, and nothing
// ever overwritten.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, generate, openDocument } from './support';

suite('file name templates', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('imagegen').update('fileName', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('${documentBaseName}-${model}-${n}: named after the document and the model, numbered 1, 2, never overwritten', async () => {
    await vscode.workspace.getConfiguration('imagegen').update('fileName', 'templ-${documentBaseName}-${model}-${n}', vscode.ConfigurationTarget.Global);
    const editor = await openDocument('docs/release-notes.md', 'Notes.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const first = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'first numbered' });
    const second = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'second numbered' });
    assert.match(vscode.Uri.parse(first.imageUri!).path, /\/assets\/templ-release-notes-nano-banana-1\.png$/);
    assert.match(vscode.Uri.parse(second.imageUri!).path, /\/assets\/templ-release-notes-nano-banana-2\.png$/);
    assert.match(editor.document.getText(), /templ-release-notes-nano-banana-1\.png\)\n!\[second numbered\]\(\.\.\/assets\/templ-release-notes-nano-banana-2\.png\)$/);
  });
});
