// An asset set's markup goes into the document it was generated into, through the real extension
// host: favicon <link> lines and the OG card's <meta> lines into an HTML page; each link resolves,
// from the document, to a file written.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { fileOfLink, finishingSuite, generate, openDocument } from './support';

const pathOf = (uri: string) => vscode.Uri.parse(uri).fsPath;
/** A link in the document, as a file path (links are relative to the document's folder, URL-encoded). */
suite('asset set markup in documents', () => {
  finishingSuite('aireiter');

  test('a favicon set generated into an HTML page inserts its <link rel="icon"> lines, each href a file of the set', async function () {
    this.timeout(90_000);
    const editor = await openDocument('site/favicon-page.html', '<head>\n\n</head>\n', 'html');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a favicon for an html page', aspectRatio: '1:1', resolution: '1K', output: { assetSet: 'favicon' } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.equal(record.linkInserted, true);
    const text = editor.document.getText();
    const links = [...text.matchAll(/<link rel="(icon|apple-touch-icon)"[^>]*href="([^"]+)"[^>]*>/g)];
    assert.equal(links.length, 4, text);
    assert.match(text, /<link rel="icon" href="[^"]*\/favicon\.ico" sizes="16x16 32x32 48x48">/);
    assert.match(text, /<link rel="apple-touch-icon" sizes="180x180" href="[^"]*\/apple-touch-icon\.png">/);
    assert.match(text, /<link rel="icon" type="image\/png" sizes="192x192" href="[^"]*\/icon-192\.png">/);
    assert.match(text, /<link rel="icon" type="image\/png" sizes="512x512" href="[^"]*\/icon-512\.png">/);
    const written = new Set(record.assetSet!.files.map((file) => pathOf(file.uri)));
    for (const [, , href] of links) {
      const file = fileOfLink(editor.document, href!);
      assert.ok(existsSync(file), `${href} resolves to a file`);
      assert.ok(written.has(file), `${href} is a file of the set`);
    }
    assert.match(text, /^<head>\n[\s\S]*<\/head>\n$/, 'inside the head, the page otherwise unchanged');
  });

  test('an OG card generated into an HTML page inserts <meta property="og:image" content="…og-image.png">; the file is 1200x630', async function () {
    this.timeout(90_000);
    const editor = await openDocument('site/og-page.html', '<head>\n\n</head>\n', 'html');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'an og card for an html page', aspectRatio: '16:9', resolution: '1K', output: { assetSet: 'og-card' } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const text = editor.document.getText();
    const href = /<meta property="og:image" content="([^"]*og-image\.png)">/.exec(text)?.[1];
    assert.ok(href, text);
    assert.match(text, /<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="630">/);
    assert.match(text, /<meta property="og:image:alt" content="an og card for an html page">/);
    const file = fileOfLink(editor.document, href);
    assert.equal(basename(file), 'og-image.png');
    const info = readImageInfo(readFileSync(file));
    assert.deepEqual([info?.format, info?.width, info?.height], ['png', 1200, 630]);
  });
});
