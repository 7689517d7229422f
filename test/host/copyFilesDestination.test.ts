// VS Code's markdown.copyFiles.destination decides where generated images go while
// imagegen.assetsFolder is not set, with the Markdown extension's rules; ImageGen's own setting,
// once set anywhere, wins; a destination outside the workspace is refused before anything is sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, generate, openDocument } from './support';

const workspacePath = () => vscode.workspace.workspaceFolders![0]!.uri.path;

async function copyFilesDestination(value: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('markdown').update('copyFiles.destination', value, vscode.ConfigurationTarget.Global);
}

async function assetsFolder(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('imagegen').update('assetsFolder', value, vscode.ConfigurationTarget.Global);
}

suite('markdown.copyFiles.destination', () => {
  let originalAssetsFolder: string | undefined;

  suiteSetup(async () => {
    await activatedApi();
    originalAssetsFolder = vscode.workspace.getConfiguration('imagegen').inspect<string>('assetsFolder')?.globalValue;
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
  });

  setup(async () => {
    await assetsFolder(undefined);
  });

  teardown(async () => {
    await copyFilesDestination(undefined);
    await assetsFolder(originalAssetsFolder);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('without imagegen.assetsFolder, the first matching glob decides the folder and the name; other documents keep assets/', async () => {
    await copyFilesDestination({ '/blog/**': '/static/${documentBaseName}/', '*.md': 'pictures/shot-${fileName}' });

    const post = await openDocument('blog/first-post.md', 'Hello\n');
    post.selection = new vscode.Selection(1, 0, 1, 0);
    const inBlog = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'blog hero' });
    assert.equal(inBlog.state, 'succeeded', inBlog.error?.message);
    assert.match(vscode.Uri.parse(inBlog.imageUri!).path, new RegExp(`^${workspacePath()}/static/first-post/blog-hero-[\\d-]+\\.png$`));
    assert.match(post.document.getText(), /!\[blog hero\]\(\.\.\/static\/first-post\/blog-hero-[\d-]+\.png\)/);

    const note = await openDocument('notes/idea.md', 'Idea\n');
    note.selection = new vscode.Selection(1, 0, 1, 0);
    const inNotes = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'note sketch' });
    assert.match(vscode.Uri.parse(inNotes.imageUri!).path, new RegExp(`^${workspacePath()}/notes/pictures/shot-note-sketch-[\\d-]+\\.png$`));
    assert.match(note.document.getText(), /!\[note sketch\]\(pictures\/shot-note-sketch-[\d-]+\.png\)/);

    const text = await openDocument('notes/plain.txt', 'plain\n');
    text.selection = new vscode.Selection(1, 0, 1, 0);
    const unmatched = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'no glob here' });
    assert.match(vscode.Uri.parse(unmatched.imageUri!).path, new RegExp(`^${workspacePath()}/assets/no-glob-here-[\\d-]+\\.png$`));
  });

  test('imagegen.assetsFolder set by the user wins, even when it names the default', async () => {
    await copyFilesDestination({ '**/*.md': '/elsewhere/' });
    await assetsFolder('assets');
    const editor = await openDocument('docs/chosen.md', 'x\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'own folder' });
    assert.match(vscode.Uri.parse(record.imageUri!).path, new RegExp(`^${workspacePath()}/assets/own-folder-[\\d-]+\\.png$`));
  });

  test('a destination outside the workspace is refused with the setting named, before anything is sent, and the document is untouched', async () => {
    await copyFilesDestination({ '*.md': '/../outside-the-workspace/' });
    const editor = await openDocument('docs/escape.md', 'keep me\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'escape by markdown setting' });
    assert.equal(record.state, 'failed');
    assert.match(record.error!.message, /markdown\.copyFiles\.destination "\/\.\.\/outside-the-workspace\/" puts images in .*outside the workspace folder/);
    assert.equal(record.taskId, undefined, 'nothing was submitted to the provider');
    assert.equal(editor.document.getText(), 'keep me\n');
  });

  test('an entry that is not text fails only the documents it matches, with a message naming it', async () => {
    await copyFilesDestination({ '*.md': 42, '*.txt': 'text-images/' } as unknown as Record<string, string>);
    const editor = await openDocument('docs/odd.md', 'x\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const refused = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'odd entry' });
    assert.equal(refused.state, 'failed');
    assert.match(refused.error!.message, /markdown\.copyFiles\.destination "\*\.md" has no destination text/);
    assert.equal(refused.taskId, undefined, 'nothing was submitted to the provider');
    const text = await openDocument('docs/plain.txt', 'x\n');
    text.selection = new vscode.Selection(1, 0, 1, 0);
    const fine = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'text entry' });
    assert.match(vscode.Uri.parse(fine.imageUri!).path, new RegExp(`^${workspacePath()}/docs/text-images/text-entry-[\\d-]+\\.png$`));
  });
});
