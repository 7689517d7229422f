// The agent tool's finished output, through the real extension host (vscode.lm.invokeTool, no chat
// model needed): an exact-size WebP comes back as a WebP image part and is that size on disk; a
// favicon set is saved with its four files in one folder.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { finishingSuite } from './support';

const tool = 'imagegen_generateImage';
const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;

async function call(input: object): Promise<{ text: string; images: vscode.LanguageModelDataPart[] }> {
  const result = await vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined });
  const text = result.content.filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('\n');
  const images = result.content.filter((part): part is vscode.LanguageModelDataPart => part instanceof vscode.LanguageModelDataPart);
  return { text, images };
}

suite('agent tool finished output', () => {
  finishingSuite('jimmyai');

  test('outputFormat webp with outputSize 1200x630: the answer carries an image/webp part and the file on disk is a 1200x630 WebP', async function () {
    this.timeout(90_000);
    const { text, images } = await call({ prompt: 'a social card for the agent', model: 'jimmyai:nano-banana', aspectRatio: '16:9', outputFormat: 'webp', outputSize: '1200x630', folder: 'assets/agent-finished' });
    const saved = /Saved (assets\/agent-finished\/\S+\.webp)[ .]/.exec(text)?.[1];
    assert.ok(saved, text);
    const bytes = readFileSync(join(root(), ...saved.split('/')));
    assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
    const info = readImageInfo(bytes);
    assert.deepEqual([info?.format, info?.width, info?.height], ['webp', 1200, 630]);
    assert.equal(images.length, 1, 'the image itself, for a model that sees images');
    assert.equal(images[0]!.mimeType, 'image/webp');
    assert.deepEqual(Buffer.from(images[0]!.data), bytes, 'the part is the saved file');
  });

  test('assetSet favicon: favicon.ico, apple-touch-icon.png, icon-192.png and icon-512.png in one folder', async function () {
    this.timeout(90_000);
    const { text } = await call({ prompt: 'a lighthouse icon for the agent', model: 'jimmyai:nano-banana', aspectRatio: '1:1', assetSet: 'favicon', folder: 'assets/agent-icons' });
    const saved = /Saved (assets\/agent-icons\/\S+)/.exec(text)?.[1]?.replace(/\.$/, '');
    assert.ok(saved, text);
    const folder = dirname(join(root(), ...saved.split('/')));
    const names = ['favicon.ico', 'apple-touch-icon.png', 'icon-192.png', 'icon-512.png'];
    for (const name of names) assert.ok(existsSync(join(folder, name)), `${name} is in ${folder}`);
  });
});
