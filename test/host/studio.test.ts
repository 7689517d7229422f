import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, waitFor, webviewTabs } from './support';

suite('studio panel', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Open Image Studio shows one webview panel and reveals it again instead of opening a second', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    await waitFor('the studio tab', () => webviewTabs('imagegen.studio').length === 1);
    const panel = api.panels.panel;
    assert.ok(panel, 'the panel manager holds the panel');
    assert.equal(panel.title, 'Image Studio');
    await vscode.commands.executeCommand('imagegen.openPanel');
    assert.equal(webviewTabs('imagegen.studio').length, 1);
    assert.equal(api.panels.panel, panel);
  });

  test('the panel only loads local resources from media/ and dist/webview/ and has scripts with a nonce CSP', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    const panel = await waitFor('the panel', () => api.panels.panel);
    const extensionPath = vscode.extensions.getExtension('imagegen.imagegen')!.extensionUri.path;
    const workspacePath = vscode.workspace.workspaceFolders![0]!.uri.path;
    const roots = (panel.webview.options.localResourceRoots ?? []).map((uri) => uri.path);
    const extensionRoots = roots.filter((path) => path.startsWith(`${extensionPath}/`)).map((path) => path.slice(extensionPath.length)).sort();
    assert.deepEqual(extensionRoots, ['/dist/webview', '/media']);
    // Any other root is a folder that holds a saved image, inside the workspace.
    const api2 = await activatedApi();
    const imageFolders = new Set(api2.generation.list().flatMap((record) => (record.imageUri ? [vscode.Uri.joinPath(vscode.Uri.parse(record.imageUri), '..').path] : [])));
    for (const root of roots.filter((path) => !path.startsWith(`${extensionPath}/`))) {
      assert.ok(root.startsWith(`${workspacePath}/`), `${root} is inside the workspace`);
      assert.ok(imageFolders.has(root), `${root} holds a generated image`);
    }
    assert.equal(panel.webview.options.enableCommandUris, false);
    const html = panel.webview.html;
    const csp = (/http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '').replaceAll('&#39;', "'");
    assert.match(csp, /default-src 'none'/);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce && nonce.length >= 16, 'a nonce of at least 16 characters');
    assert.ok(html.includes(`<script nonce="${nonce}"`), 'the script carries the nonce');
    assert.doesNotMatch(html, /\son\w+=/i, 'no inline event handlers');
  });

  test('closing the panel releases it', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('imagegen.openPanel');
    await waitFor('the panel', () => api.panels.panel);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to be released', () => api.panels.panel === undefined);
  });
});
