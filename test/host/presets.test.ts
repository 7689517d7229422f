// The team's presets (.vscode/imagegen.json): a bad file or preset is a diagnostic on the file and
// is not offered; a good preset decides the model and settings, sends its references and puts its
// style after the prompt, from the wizard's scripted form and from the studio (where the host
// re-reads the preset: the page's copy is not trusted). The schema is VS Code's to check too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, finished, generate, studioPage, waitFor } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;
const root = () => vscode.workspace.workspaceFolders![0]!.uri;
const presetsFile = () => vscode.Uri.joinPath(root(), '.vscode', 'imagegen.json');
const style = 'flat illustration, brand colours';
const hero = { name: 'Hero', description: 'Blog headers', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '1K', style, referenceImages: ['brand/palette.png'] };
// The smallest bytes that are a PNG to ImageGen's reference check.
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3e7f8f60000000049454e44ae426082', 'hex');

async function writePresets(text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(presetsFile(), Buffer.from(text));
}

function imageGenDiagnostics(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(presetsFile()).filter((diagnostic) => diagnostic.source === 'ImageGen');
}

async function providerRequests(): Promise<{ path: string; body: Record<string, unknown> | undefined }[]> {
  const { requests } = (await (await fetch(`${simulator}/__sim/requests`)).json()) as { requests: { path: string; body: Record<string, unknown> | undefined }[] };
  return requests.filter((request) => !request.path.startsWith('/__sim/'));
}

async function offeredNames(): Promise<string[]> {
  const store = (await activatedApi()).presets.get();
  await store.ready;
  return store.list().map((offered) => offered.preset.name);
}

suite('presets', () => {
  suiteSetup(async () => {
    await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'aireiter', 'sim-key'), true);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root(), 'brand', 'palette.png'), png);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(presetsFile());
  });

  test('an invalid preset is a diagnostic on the file that says what to fix, at the preset; it is not offered, the good one is', async () => {
    const text = JSON.stringify({ presets: [hero, { name: 'Huge', model: 'aireiter:gpt_image_2_official', aspectRatio: '1:1', resolution: '4K' }] }, null, 2);
    await writePresets(text);
    const [problem] = await waitFor('the diagnostic', () => (imageGenDiagnostics().length > 0 ? imageGenDiagnostics() : undefined));
    assert.match(problem!.message, /^Preset "Huge": .*4K.*; this preset is not offered until it is fixed\.$/);
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(problem!.range.start.line, text.split('\n').findIndex((line) => line.includes('"Huge"')), 'on the preset\'s name');
    assert.deepEqual(await waitFor('only Hero offered', async () => ((await offeredNames()).join() === 'Hero' ? ['Hero'] : undefined)), ['Hero']);
  });

  test('a file that is not JSON: one diagnostic, nothing offered, nothing applied; fixed, the diagnostic goes', async () => {
    await writePresets('{ "presets": [ { "name": "Hero", ');
    await waitFor('the JSON diagnostic', () => imageGenDiagnostics().find((diagnostic) => /is not valid JSON .*nothing in it is used until it is fixed/.test(diagnostic.message)));
    assert.deepEqual(await offeredNames(), []);
    const before = (await providerRequests()).length;
    assert.equal(await vscode.commands.executeCommand('imagegen.generate', { prompt: 'A lighthouse', preset: 'Hero' }), undefined, 'a preset that is not offered is not applied');
    assert.equal((await providerRequests()).length, before, 'nothing sent');
    await writePresets(`// comments are fine, as in VS Code's own .vscode files\n${JSON.stringify({ presets: [hero] })}`);
    await waitFor('the diagnostics to clear', () => imageGenDiagnostics().length === 0);
    assert.deepEqual(await offeredNames(), ['Hero']);
  });

  test('generating with a preset: its model, ratio, resolution and reference go to the provider, its style after the prompt', async () => {
    await writePresets(JSON.stringify({ presets: [hero] }));
    await waitFor('Hero offered', async () => (await offeredNames()).includes('Hero'));
    const record = await generate({ prompt: 'A lighthouse', preset: 'Hero' });
    assert.equal(record.state, 'succeeded', record.error?.message);
    assert.equal(record.input.prompt, `A lighthouse. ${style}`);
    assert.equal(record.input.modelKey, 'aireiter:gpt_image_2');
    assert.deepEqual(record.input.referenceImages, ['brand/palette.png']);
    const submit = (await providerRequests()).filter((request) => request.path === '/api/openapi/submit').map((request) => request.body as { params?: Record<string, unknown> }).find((body) => body.params?.prompt === `A lighthouse. ${style}`);
    assert.ok(submit, 'the provider got the prompt with the style');
    assert.equal(submit.params!.aspect_ratio, '16:9');
    assert.equal(submit.params!.resolution, '1K');
    const images = submit.params!.image_url as string[];
    assert.equal(images.length, 1);
    assert.ok(images[0]!.startsWith('data:image/png;base64,'), 'the preset\'s reference, read from the workspace');
  });

  test('the studio offers the presets first; generating from one adds the style from the host\'s own copy; a preset that is gone is refused', async () => {
    await writePresets(JSON.stringify({ presets: [hero] }));
    const api = await activatedApi();
    const page = await studioPage();
    try {
      const offered = await waitFor('a state with the preset', () => page.states.find((state) => state.presets.length > 0)?.presets[0]);
      assert.equal(offered.label, 'Hero');
      assert.equal(offered.style, style);
      assert.equal(offered.aspectRatio, '16:9');
      assert.deepEqual(offered.referencePaths, ['brand/palette.png']);
      assert.match(offered.summary, /16:9 · 1K · 1 reference image/);
      // The page sends the form as the preset filled it, and which preset it started from.
      await page.send({ type: 'generate', requestId: 9001, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'A harbour', aspectRatio: '16:9', resolution: '1K', referencePaths: ['brand/palette.png'], presetId: offered.id } });
      const reply = await page.reply(9001);
      assert.equal(reply.ok, true, reply.message);
      const record = await finished(reply.message!);
      assert.equal(record.input.prompt, `A harbour. ${style}`);
      const before = api.generation.list().length;
      await page.send({ type: 'generate', requestId: 9002, request: { modelKey: 'aireiter:gpt_image_2', prompt: 'A ghost', aspectRatio: '16:9', resolution: '1K', referencePaths: [], presetId: `${offered.id}-gone` } });
      const refused = await page.reply(9002);
      assert.equal(refused.ok, false);
      assert.match(refused.message!, /no longer in \.vscode\/imagegen\.json/);
      assert.equal(api.generation.list().length, before, 'no task');
    } finally {
      page.dispose();
    }
  });

  test('the schema is contributed: the file opens as JSON with comments, and VS Code flags a model ImageGen does not have', async () => {
    await writePresets('{\n  // team presets\n  "presets": [{ "name": "Odd", "model": "nobody:nothing" }]\n}\n');
    const document = await vscode.workspace.openTextDocument(presetsFile());
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'jsonc');
    const fromSchema = await waitFor('the JSON schema diagnostic', () => vscode.languages.getDiagnostics(presetsFile()).find((diagnostic) => diagnostic.source !== 'ImageGen' && /pattern|aireiter\|jimmyai\|openai/.test(diagnostic.message)), 30_000);
    assert.equal(fromSchema.range.start.line, 2);
    await waitFor('ImageGen saying it in its own words', () => imageGenDiagnostics().some((diagnostic) => /Preset "Odd": .*Unknown model "nobody:nothing"/.test(diagnostic.message)));
  });

  test('a preset\'s output block (the line or an object) is applied and shown to the studio; a bad one is reported with the preset\'s name, never dropped silently', async () => {
    // 16:9 at 1K makes 1536×864, short of 1600×900: such a preset is refused (ImageGen never upscales), so this one asks for 2K.
    const blogHero = { name: 'Blog hero', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '2K', output: '1600×900 webp q80' };
    const card = { name: 'Card', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '1K', output: { assetSet: 'og-card', format: 'jpeg' } };
    const broken = { name: 'Broken output', model: 'aireiter:gpt_image_2', output: 'png q80' };
    // The file may still be open from the test before: a generated link would go into it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await writePresets(JSON.stringify({ presets: [blogHero, card, broken] }, null, 2));
    const problem = await waitFor('the output diagnostic', () => imageGenDiagnostics().find((diagnostic) => diagnostic.message.startsWith('Preset "Broken output": output: ')));
    assert.match(problem.message, /PNG is lossless.*; this preset is not offered until it is fixed\.$/);
    await waitFor('the good two offered', async () => ((await offeredNames()).join() === 'Blog hero,Card' ? true : undefined));
    const record = await generate({ prompt: 'A harbour at noon', preset: 'Blog hero' });
    assert.deepEqual(record.input.output, { size: { width: 1600, height: 900 }, format: 'webp', quality: 80 });
    const cardRecord = await generate({ prompt: 'A card', preset: 'Card' });
    assert.deepEqual(cardRecord.input.output, { assetSet: 'og-card', format: 'jpeg' });
    // An output given beside a preset replaces the preset's, never dropped without a word.
    const overridden = await generate({ prompt: 'A card as webp', preset: 'Card', output: 'og-card webp' });
    assert.deepEqual(overridden.input.output, { assetSet: 'og-card', format: 'webp' });
    const page = await studioPage();
    try {
      const offered = await waitFor('a state with Blog hero', () => page.states.flatMap((state) => state.presets).find((preset) => preset.label === 'Blog hero'));
      assert.deepEqual(offered.output, { size: { width: 1600, height: 900 }, format: 'webp', quality: 80 }, 'the form fills its Output section from it');
      assert.match(offered.summary, /→ 1600×900 webp q80, cropped$/);
    } finally {
      page.dispose();
    }
  });
});
