// FAILING (product bug, see the commit): the agent tool's answer states what was saved. Through the
// real extension host: the size it names is the finished file's, not the provider's render, and a
// favicon set's answer names every file of the set (the MCP server's generate_image does both).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { finishingSuite } from './support';

async function answerText(input: object): Promise<string> {
  const result = await vscode.lm.invokeTool('imagegen_generateImage', { input, toolInvocationToken: undefined });
  return result.content.filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('\n');
}

suite('agent tool answer facts', () => {
  finishingSuite('jimmyai');

  test('outputSize 1200x630: the answer says the saved file is 1200x630', async function () {
    this.timeout(90_000);
    const text = await answerText({ prompt: 'a card whose size the agent is told', model: 'jimmyai:nano-banana', aspectRatio: '16:9', outputFormat: 'webp', outputSize: '1200x630' });
    assert.match(text, /Saved \S+\.webp \(1200x630\)\./);
  });

  test('assetSet favicon: the answer names favicon.ico, apple-touch-icon.png, icon-192.png and icon-512.png, and no size the files are not', async function () {
    this.timeout(90_000);
    const text = await answerText({ prompt: 'an icon set the agent is told about', model: 'jimmyai:nano-banana', aspectRatio: '1:1', assetSet: 'favicon' });
    for (const name of ['favicon.ico', 'apple-touch-icon.png', 'icon-192.png', 'icon-512.png']) assert.ok(text.includes(name), `the answer names ${name}: ${text}`);
    assert.doesNotMatch(text, /icon-512\.png \(1024x1024\)/, 'icon-512.png is 512x512');
  });
});
