// Hovering a link to a finished file ImageGen made shows its provenance, through the real extension
// host: an AVIF's from the XMP inside it, a favicon set's favicon.ico (no metadata block) from the
// sidecar written beside it.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { readProvenanceXmp } from '../../src/core/images/provenanceXmp';
import { finishingSuite, generate, openDocument } from './support';

const pathOf = (uri: string) => vscode.Uri.parse(uri).fsPath;

async function hoverText(document: vscode.TextDocument, line: number, character: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, character));
  const raw = hovers.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : 'value' in content ? content.value : ''))).join('\n');
  return raw.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
}

suite('provenance hover on finished files', () => {
  finishingSuite('aireiter');

  test('a link to an AVIF generated with output format avif: the hover shows the prompt read from its XMP', async function () {
    this.timeout(90_000);
    const editor = await openDocument('docs/avif-hover.md', 'Intro.\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const prompt = 'an avif lighthouse to hover';
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt, aspectRatio: '16:9', resolution: '1K', output: { format: 'avif' } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const file = pathOf(record.imageUri!);
    assert.match(file, /\.avif$/);
    const bytes = readFileSync(file);
    assert.equal(bytes.subarray(4, 12).toString('latin1'), 'ftypavif');
    assert.equal(readProvenanceXmp(bytes).prompt, prompt, 'the prompt is in the file');
    assert.ok(!existsSync(`${file}.imagegen.json`), 'no sidecar: the hover can only have read the XMP');
    const line = editor.document.lineCount - 1;
    assert.match(editor.document.lineAt(line).text, /\.avif\)$/);
    const text = await hoverText(editor.document, line, 3);
    assert.match(text, /Made with ImageGen/);
    assert.ok(text.includes(`Prompt:** ${prompt}`), text);
    assert.match(text, /aireiter:gpt_image_2/);
  });

  test('a link to favicon.ico from a favicon set: the hover shows the provenance from favicon.ico.imagegen.json', async function () {
    this.timeout(90_000);
    const prompt = 'a favicon whose provenance is beside it';
    const record = await generate({ modelKey: 'aireiter:gpt_image_2', prompt, aspectRatio: '1:1', resolution: '1K', output: { assetSet: 'favicon' } });
    assert.equal(record.state, 'succeeded', record.error?.message);
    const ico = record.assetSet!.files.map((entry) => pathOf(entry.uri)).find((path) => basename(path) === 'favicon.ico');
    assert.ok(ico, 'the set has favicon.ico');
    const sidecar = JSON.parse(readFileSync(`${ico}.imagegen.json`, 'utf8')) as { prompt?: string };
    assert.equal(sidecar.prompt, prompt);
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const link = vscode.workspace.asRelativePath(ico, false);
    assert.ok(ico.startsWith(root) && existsSync(dirname(ico)));
    const editor = await openDocument('docs/ico-hover.md', `Icons.\n\n![the favicon](../${link})\n`);
    const text = await hoverText(editor.document, 2, 4);
    assert.match(text, /Made with ImageGen/);
    assert.ok(text.includes(`Prompt:** ${prompt}`), text);
    assert.match(text, /aireiter:gpt_image_2/);
  });
});
