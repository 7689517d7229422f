// What an agent may ask for, checked before anything happens: the model rules the wizard uses,
// and paths only inside the workspace, however they are written (Windows or POSIX).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkGenerateImageInput, workspaceRelativePath } from '../../src/core/agent/generateImageInput';

test('workspace-relative paths: normalized with either separator; absolute, drive, UNC, home and climbing paths refused', () => {
  const table: [string, string | undefined][] = [
    ['assets/icons', 'assets/icons'],
    ['assets\\icons\\', 'assets/icons'],
    ['./assets/../art', 'art'],
    ['.', ''],
    ['a/../../b', undefined],
    ['..', undefined],
    ['../outside', undefined],
    ['/etc', undefined],
    ['C:\\Windows', undefined],
    ['c:relative', undefined],
    ['\\\\server\\share\\x', undefined],
    ['~/pictures', undefined],
    ['https://intranet.test/x.png', undefined],
    ['data:image/png;base64,AAAA//BB', undefined],
    ['file:///etc/passwd', undefined],
    ['', undefined],
  ];
  for (const [path, expected] of table) {
    assert.equal(workspaceRelativePath(path), expected, path);
  }
});

test('a valid call becomes a generation input with the default model, a folder and an insert target', () => {
  const check = checkGenerateImageInput({ prompt: 'icon', aspectRatio: '1:1', resolution: '2K', folder: 'assets\\icons', referenceImages: ['art/logo.png'], insert: { uri: 'file:///ws/a.md', line: 3 } }, 'aireiter:gpt_image_2');
  assert.deepEqual(check, {
    ok: true,
    request: { input: { modelKey: 'aireiter:gpt_image_2', prompt: 'icon', aspectRatio: '1:1', resolution: '2K', referenceImages: ['art/logo.png'] }, folder: 'assets/icons', insert: { uri: 'file:///ws/a.md', line: 3 } },
  });
  const root = checkGenerateImageInput({ prompt: 'x', folder: '.', model: 'jimmyai:nano-banana' }, 'aireiter:gpt_image_2');
  assert.equal(root.ok && root.request.folder, '.', 'the workspace folder itself');
});

test('every problem is listed in words an agent can act on', () => {
  const check = checkGenerateImageInput({ prompt: '', model: 'aireiter:gpt_image_2', size: '10x10', folder: '../x', referenceImages: ['/etc/passwd'] }, 'aireiter:gpt_image_2');
  assert.equal(check.ok, false);
  const problems = check.ok ? [] : check.problems;
  assert.ok(problems.some((problem) => problem.startsWith('prompt: Write a prompt')), problems.join('\n'));
  assert.ok(problems.some((problem) => problem.startsWith('size: ')), problems.join('\n'));
  assert.ok(problems.some((problem) => problem.startsWith('folder: "../x" is not a folder inside the workspace')));
  assert.ok(problems.some((problem) => problem.startsWith('referenceImages: "/etc/passwd" is not a PNG, JPEG or WebP file inside the workspace')));
  const urls = checkGenerateImageInput({ prompt: 'x', referenceImages: ['https://evil.test/x.png', 'notes.txt'] }, 'aireiter:gpt_image_2');
  const refused = urls.ok ? [] : urls.problems.filter((problem) => problem.startsWith('referenceImages: "'));
  assert.deepEqual(refused.map((problem) => problem.split('"')[1]), ['https://evil.test/x.png', 'notes.txt'], 'a URL and a non-image are both refused');
  const wrongTypes = checkGenerateImageInput({ prompt: 7, insert: { uri: 'file:///a', line: 0 } }, 'aireiter:gpt_image_2');
  assert.ok(!wrongTypes.ok && wrongTypes.problems.some((problem) => problem.startsWith('prompt:')) && wrongTypes.problems.some((problem) => problem.startsWith('insert.line:')));
});

test('the tool\'s JSON schema in package.json names exactly the fields the zod schema checks', async () => {
  const { readFileSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const { generateImageInputSchema } = await import('../../src/core/agent/generateImageInput');
  const manifest = JSON.parse(readFileSync(join(resolve(__dirname, '..', '..', '..'), 'package.json'), 'utf8'));
  const [tool] = manifest.contributes.languageModelTools;
  assert.equal(tool.name, 'imagegen_generateImage');
  assert.equal(tool.toolReferenceName, 'generateImage');
  assert.equal(tool.canBeReferencedInPrompt, true);
  assert.deepEqual(Object.keys(tool.inputSchema.properties).sort(), Object.keys(generateImageInputSchema.shape).sort());
  assert.deepEqual(tool.inputSchema.required, ['prompt']);
});

test('the model is a provider:model string checked by the catalog: gpt-image-2.5 and other OpenAI-compatible ids pass, unknown providers and models get a reason', () => {
  const ok = checkGenerateImageInput({ prompt: 'a fox', model: 'openai:gpt-image-2.5', aspectRatio: '16:9', resolution: '2K' }, 'aireiter:gpt_image_2');
  assert.ok(ok.ok);
  assert.equal(ok.request.input.modelKey, 'openai:gpt-image-2.5');
  assert.ok(checkGenerateImageInput({ prompt: 'a fox', model: 'openai:my-gateway-image', size: '1000x1000' }, 'aireiter:gpt_image_2').ok, 'an id the catalog does not list');
  const provider = checkGenerateImageInput({ prompt: 'a fox', model: 'stability:sdxl' }, 'aireiter:gpt_image_2');
  assert.ok(!provider.ok && /model: .*the provider is one of aireiter, jimmyai, openai/.test(provider.problems.join(' ')));
  const jimmy = checkGenerateImageInput({ prompt: 'a fox', model: 'jimmyai:flux' }, 'aireiter:gpt_image_2');
  assert.ok(!jimmy.ok && /jimmyai has no model "flux"/.test(jimmy.problems.join(' ')));
  const retired = checkGenerateImageInput({ prompt: 'a fox', model: 'openai:gpt-image-1' }, 'aireiter:gpt_image_2');
  assert.ok(!retired.ok && /shut down by OpenAI on 2026-10-23; use openai:gpt-image-2/.test(retired.problems.join(' ')));
});

test('output options ride in the input as OutputOptions; refused ones name the tool field, or the host\'s own name', () => {
  const check = checkGenerateImageInput({ prompt: 'a card', outputFormat: 'webp', outputQuality: 70, outputSize: '1200x630', fit: 'contain', background: 'opaque' }, 'aireiter:gpt_image_2');
  assert.ok(check.ok, check.ok ? '' : check.problems.join('\n'));
  assert.deepEqual(check.request.input.output, { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'contain', background: 'opaque' });
  const responsive = checkGenerateImageInput({ prompt: 'a hero', assetSet: 'responsive', widths: '640,1280', avif: true, outputFormat: 'jpeg' }, 'aireiter:gpt_image_2');
  assert.deepEqual(responsive.ok && responsive.request.input.output, { format: 'jpeg', assetSet: 'responsive', widths: [640, 1280], avif: true });
  const none = checkGenerateImageInput({ prompt: 'plain' }, 'aireiter:gpt_image_2');
  assert.ok(none.ok && !('output' in none.request.input), 'no output asked: none in the input');

  const bad = checkGenerateImageInput({ prompt: 'x', outputSize: 'big', outputFormat: 'jpeg', background: 'transparent' }, 'aireiter:gpt_image_2');
  assert.deepEqual(bad.ok ? [] : bad.problems, ['outputSize "big" is not WIDTHxHEIGHT, for example 1200x630.', 'JPEG has no transparency: use png or webp.'], 'each said once');
  const named = checkGenerateImageInput({ prompt: 'x', outputFormat: 'gif' }, 'aireiter:gpt_image_2', { format: 'output_format' });
  assert.deepEqual(named.ok ? [] : named.problems, ['output_format "gif" is not one of png, webp, avif, jpeg.']);
  const wrongType = checkGenerateImageInput({ prompt: 'x', avif: { yes: true } }, 'aireiter:gpt_image_2');
  assert.ok(!wrongType.ok && wrongType.problems.some((problem) => problem.startsWith('avif: ')), 'a shape the tool does not take');
});

test('count: 2-8 rides on the request, 1 is a plain generation, anything else is refused in every host\'s words', () => {
  const three = checkGenerateImageInput({ prompt: 'x', model: 'jimmyai:nano-banana', count: 3 }, 'aireiter:gpt_image_2');
  assert.equal(three.ok && three.request.count, 3);
  const one = checkGenerateImageInput({ prompt: 'x', model: 'jimmyai:nano-banana', count: 1 }, 'aireiter:gpt_image_2');
  assert.ok(one.ok && !('count' in one.request));
  for (const count of [0, 9, 2.5, '3']) {
    const refused = checkGenerateImageInput({ prompt: 'x', model: 'jimmyai:nano-banana', count }, 'aireiter:gpt_image_2');
    assert.ok(!refused.ok && refused.problems.some((problem) => problem.startsWith('count: ')), `${String(count)}: ${JSON.stringify(refused)}`);
  }
  const nine = checkGenerateImageInput({ prompt: 'x', count: 9 }, 'aireiter:gpt_image_2');
  assert.deepEqual(!nine.ok && nine.problems, ['count: The number of candidates must be a whole number from 1 to 8 (it was 9).']);
});
