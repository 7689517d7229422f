// `#generateImage` with count (issue 25), called as an agent calls it: the confirmation names the
// count and the total estimated cost; the answer lists every saved file with the images and links
// none of them (the user picks one in the gallery, or the agent inserts the chosen path); over the
// agents' daily cap the whole group is refused with nothing sent.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { GenerateImageTool } from '../../src/features/agentTool/generateImageTool';
import { activatedApi, openDocument } from './support';

const tool = 'imagegen_generateImage';
const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const teamFile = () => join(root(), '.vscode', 'imagegen.json');

async function submitsOf(prompt: string): Promise<number> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { method: string; body: { params?: { prompt?: string }; prompt?: string } | undefined }[] };
  return requests.filter((request) => request.method === 'POST' && (request.body?.params?.prompt === prompt || request.body?.prompt === prompt)).length;
}

async function call(input: object): Promise<{ text: string; images: vscode.LanguageModelDataPart[] }> {
  const result = await vscode.lm.invokeTool(tool, { input, toolInvocationToken: undefined });
  const text = result.content.filter((part): part is vscode.LanguageModelTextPart => part instanceof vscode.LanguageModelTextPart).map((part) => part.value).join('\n');
  return { text, images: result.content.filter((part): part is vscode.LanguageModelDataPart => part instanceof vscode.LanguageModelDataPart) };
}

suite('agent tool #generateImage: candidates (count)', () => {
  let saved: string | undefined;

  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
    saved = existsSync(teamFile()) ? readFileSync(teamFile(), 'utf8') : undefined;
    mkdirSync(join(root(), '.vscode'), { recursive: true });
  });

  suiteTeardown(async () => {
    if (saved === undefined) rmSync(teamFile(), { force: true });
    else writeFileSync(teamFile(), saved);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the confirmation names the count and the total estimated cost', async () => {
    const api = await activatedApi();
    const prepared = new GenerateImageTool(api.generation).prepareInvocation({ input: { prompt: 'Three hero candidates', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '1K', count: 3 } });
    // appendText escapes the words for Markdown: read them back as the user sees them.
    const message = { value: (prepared.confirmationMessages!.message as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\([()\\])/g, '$1') };
    assert.equal(prepared.confirmationMessages!.title, 'Generate 3 images?');
    assert.match(message.value, /Generate 3 candidate \d+x\d+ images with/);
    assert.match(message.value, /about 300 credits in all \(3 × 100, ImageGen's estimate/);
    assert.match(message.value, /Links none of them by itself/);
  });

  test('count 2: both files in the answer with their images; no link is inserted, the agent is told to pick', async () => {
    const api = await activatedApi();
    const editor = await openDocument('docs/candidates.md', '# Candidates\n\nIntro.\n');
    const before = editor.document.getText();
    const prompt = 'Two app icon candidates of a kite';
    const { text, images } = await call({ prompt, model: 'jimmyai:nano-banana', aspectRatio: '1:1', count: 2, folder: 'assets/candidates', insert: { uri: editor.document.uri.toString(), line: 3 } });
    const paths = [...text.matchAll(/^\d\. Saved (assets\/candidates\/[^ ]+\.png)/gm)].map((match) => match[1]!);
    assert.equal(paths.length, 2, text);
    assert.notEqual(paths[0], paths[1]);
    for (const path of paths) assert.ok(existsSync(join(root(), path)), `${path} is on disk`);
    assert.equal(images.length, 2, 'both images');
    assert.match(text, /no link was inserted/);
    assert.match(text, /insert its link yourself/);
    assert.equal(editor.document.getText(), before, 'nothing went into the document');
    const records = api.generation.list().filter((record) => record.input.prompt === prompt);
    assert.equal(records.length, 2);
    assert.ok(records.every((record) => record.candidate?.count === 2 && record.spentBy === 'agent' && record.linkInserted !== true), JSON.stringify(records.map((record) => record.candidate)));
    assert.equal(await submitsOf(prompt), 2, 'one task each');
  });

  test('over agentsPerDay the whole group is refused (two at about 100 credits each against a cap of 150); nothing is sent', async () => {
    writeFileSync(teamFile(), JSON.stringify({ budget: { aireiter: { agentsPerDay: 150 } } }));
    const api = await activatedApi();
    const prompt = 'Two agent lighthouses over the cap';
    const before = api.generation.list().length;
    const { text, images } = await call({ prompt, model: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K', count: 2 });
    assert.match(text, /^The images were not generated: Not sent: .*"budget" › "aireiter" › "agentsPerDay" in \.vscode\/imagegen\.json/);
    assert.equal(images.length, 0);
    assert.equal(await submitsOf(prompt), 0, 'nothing reached the provider');
    assert.equal(api.generation.list().length, before, 'no task');
  });

  test('a count outside 1-8 comes back as text the agent can correct', async () => {
    const { text } = await call({ prompt: 'Nine kites', model: 'jimmyai:nano-banana', count: 9 });
    assert.match(text, /count: The number of candidates must be a whole number from 1 to 8 \(it was 9\)/);
    assert.equal(await submitsOf('Nine kites'), 0);
  });
});
