// The editor delivers the finished asset (issue 24), through the real extension host: the image
// library loads from dist/ beside dist/deferred.js, the provider's PNG becomes the WebP asked for
// and its link goes into the document; a responsive set goes in as <picture> in HTML and as its
// largest WebP in Markdown; a favicon set in Markdown puts nothing into the document.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { finishingSuite, generate, openDocument } from './support';

const pathOf = (uri: string) => vscode.Uri.parse(uri).fsPath;

suite('finished assets in the editor', () => {
  finishingSuite('aireiter');

  test('an exact-size WebP replaces the provider PNG and its link goes into the Markdown', async function () {
    this.timeout(90_000);
    const editor = await openDocument('docs/finished-webp.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a harbour card to finish', output: { format: 'webp', size: { width: 800, height: 420 } } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.equal(record.note, undefined, 'finished without a problem');
    const file = pathOf(record.imageUri!);
    assert.match(file, /\.webp$/);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
    assert.ok(!existsSync(file.replace(/\.webp$/, '.png')), 'the provider PNG is replaced, not left beside it');
    assert.match(editor.document.getText(), new RegExp(`!\\[[^\\]]*\\]\\([^)]*${basename(file).replace(/[.]/g, '\\.')}\\)`), 'the WebP is linked');
  });

  test('a responsive set: <picture> with srcset in HTML, the largest WebP in Markdown', async function () {
    this.timeout(120_000);
    const html = await openDocument('docs/finished-set.html', '<body>\n\n</body>\n', 'html');
    html.selection = new vscode.Selection(1, 0, 1, 0);
    const inHtml = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a responsive hero for html', aspectRatio: '16:9', resolution: '2K', output: { assetSet: 'responsive', widths: [640, 1280] } });
    assert.equal(inHtml.state, 'succeeded', inHtml.error?.message);
    assert.equal(inHtml.assetSet?.kind, 'responsive');
    const folder = dirname(pathOf(inHtml.assetSet!.files[0]!.uri));
    assert.deepEqual(readdirSync(folder).sort(), ['image-1280.png', 'image-1280.webp', 'image-640.webp']);
    const text = html.document.getText();
    assert.match(text, /<picture>[\s\S]*<source type="image\/webp" srcset="[^"]*image-640\.webp 640w, [^"]*image-1280\.webp 1280w"[\s\S]*<img src="[^"]*image-1280\.png"[\s\S]*<\/picture>/);

    const markdown = await openDocument('docs/finished-set.md', 'Intro.\n');
    markdown.selection = new vscode.Selection(1, 0, 1, 0);
    const inMarkdown = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a responsive hero for markdown', aspectRatio: '16:9', resolution: '2K', output: { assetSet: 'responsive', widths: [640, 1280] } });
    assert.equal(inMarkdown.state, 'succeeded', inMarkdown.error?.message);
    assert.match(markdown.document.getText(), /!\[[^\]]*\]\([^)]*image-1280\.webp\)/);
    assert.doesNotMatch(markdown.document.getText(), /<picture>/);
  });

  test('a favicon set asked from Markdown is saved, and nothing goes into the document (its lines belong in a page\'s <head>)', async function () {
    this.timeout(90_000);
    const editor = await openDocument('docs/finished-favicon.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const before = editor.document.getText();
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a favicon from markdown', output: { assetSet: 'favicon' } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.deepEqual(record.assetSet?.files.map((file) => basename(pathOf(file.uri))).sort(), ['apple-touch-icon.png', 'favicon.ico', 'icon-192.png', 'icon-512.png']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(editor.document.getText(), before, 'no link, no placeholder left');
    assert.equal(record.linkInserted, false);
  });
});
