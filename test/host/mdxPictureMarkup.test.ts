// A responsive set generated into an .mdx document goes in as a JSX <picture> with srcSet, through
// the real extension host. VS Code has no MDX language of its own: without an MDX extension (as
// here) an .mdx file is "plaintext", and ImageGen goes by the file's extension (documentLanguage).
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { fileOfLink, finishingSuite, generate, openDocument } from './support';

suite('responsive set in MDX', () => {
  finishingSuite('aireiter');

  test('a responsive set generated into an .mdx document inserts a JSX <picture> with srcSet, its candidates the files written', async function () {
    this.timeout(120_000);
    const editor = await openDocument('docs/responsive.mdx', 'Intro.\n\n');
    assert.equal(editor.document.languageId, 'plaintext', 'no MDX extension in the test host: VS Code calls it plain text');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt: 'a responsive hero for mdx', aspectRatio: '16:9', resolution: '2K', output: { assetSet: 'responsive', widths: [640, 1280] } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const text = editor.document.getText();
    const srcset = /<picture>\n {2}<source type="image\/webp" srcSet="([^"]+)" sizes="100vw" \/>\n {2}<img src="([^"]+)"[^>]* \/>\n<\/picture>/.exec(text);
    assert.ok(srcset, text);
    const candidates = srcset[1]!.split(', ').map((candidate) => candidate.split(' '));
    assert.deepEqual(candidates.map(([, width]) => width), ['640w', '1280w']);
    for (const [href] of candidates) assert.ok(existsSync(fileOfLink(editor.document, href!)), `${href} resolves to a file`);
    assert.ok(existsSync(fileOfLink(editor.document, srcset[2]!)), 'the fallback <img> resolves to a file');
  });
});
