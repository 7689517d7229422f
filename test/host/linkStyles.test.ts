// imagegen.link.style in a real document: rootRelative links start at the site root, html gives
// Markdown an <img> with the configured width.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, generate, openDocument } from './support';

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('imagegen').update(key, value, vscode.ConfigurationTarget.Global);
}

suite('link styles', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
  });

  teardown(async () => {
    for (const key of ['link.style', 'link.siteRoot', 'link.width', 'assetsFolder']) await setting(key, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('rootRelative: /-rooted at the site root for a Hugo-style site', async () => {
    await setting('link.style', 'rootRelative');
    await setting('link.siteRoot', 'static');
    await setting('assetsFolder', 'static/images');
    const editor = await openDocument('content/posts/hello.md', 'Hello.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'site hero' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.match(editor.document.getText(), /^Hello\.\n!\[site hero\]\(\/images\/site-hero-[\d-]+\.png\)$/);
  });

  test('html: an <img> with the width, also in Markdown, on its own paragraph', async () => {
    await setting('link.style', 'html');
    await setting('link.width', 320);
    const editor = await openDocument('docs/html-link.md', 'Intro.');
    editor.selection = new vscode.Selection(0, 6, 0, 6);
    const record = await generate({ modelKey: 'jimmyai:nano-banana', prompt: 'an img tag' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.match(editor.document.getText(), /^Intro\.\n\n<img src="\.\.\/assets\/an-img-tag-[\d-]+\.png" alt="an img tag" width="320">$/);
  });
});
