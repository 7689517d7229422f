// `background` (transparent | opaque | auto) from the generation input to the wire: validated
// for every model, sent only to the models that take it (OpenAI-compatible gpt-image), answered by
// the simulator with a real RGBA PNG, and the preview's "not supported for this model" 400 is a
// refusal the user can act on, sent once.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, test } from 'node:test';
import { validateGeneration, type GenerationInput, type ValidGeneration } from '../../src/core/catalog/validateGeneration';
import { inputFromProvenance, provenanceText } from '../../src/core/images/provenance';
import { taskRecordSchema } from '../../src/core/tasks/taskRecord';
import { journalEntrySchema } from '../../src/mcp/taskJournal';
import { requestFromValidation, type SavedImage, type TaskHandle } from '../../src/providers/provider';
import { gradientPng } from '../simulator/png';
import { expectError, generate, requestFor, startHarness, type Harness } from './support/engineHarness';
import { openaiOn, openaiRequest } from './support/openaiTesting';
import { decodePng, unfilteredPixels } from './support/pngDecode';

function valid(input: Omit<GenerationInput, 'prompt'>): ValidGeneration {
  const result = validateGeneration({ prompt: 'a round logo', ...input });
  assert.ok(result.ok, result.ok ? '' : result.issues.map((issue) => issue.message).join('; '));
  return result;
}

// ── validation ───────────────────────────────────────────────────────────────

test('gpt-image models take background natively; the request carries it', () => {
  for (const modelKey of ['openai:gpt-image-2', 'openai:gpt-image-2.5', 'openai:gpt-image-2-2026-04-21', 'openai:openai/gpt-image-2']) {
    for (const background of ['transparent', 'opaque', 'auto'] as const) {
      const validation = valid({ modelKey, output: { background } });
      assert.equal(validation.background, background);
      assert.equal(validation.nativeBackground, true, modelKey);
      assert.deepEqual(validation.warnings.filter((warning) => warning.field === 'background'), []);
      assert.equal(requestFromValidation(validation, 'a round logo').background, background);
    }
  }
});

test('models without it: the background is kept and said, never sent', () => {
  for (const input of [
    { modelKey: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K' },
    { modelKey: 'aireiter:gpt_image_2_official', aspectRatio: '16:9', resolution: '1K', quality: 'low' },
    { modelKey: 'jimmyai:gpt-image-2', aspectRatio: '1:1', resolution: '1k' },
    { modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '1k' },
    { modelKey: 'openai:dall-e-3' },
  ]) {
    const validation = valid({ ...input, output: { background: 'transparent' } });
    assert.equal(validation.background, 'transparent', input.modelKey);
    assert.equal(validation.nativeBackground, false, input.modelKey);
    const warning = validation.warnings.find((candidate) => candidate.field === 'background');
    assert.equal(warning?.code, 'backgroundNotNative', input.modelKey);
    assert.match(warning.message, /cannot make a transparent background itself.*remove a flat background/);
    assert.ok(!('background' in requestFromValidation(validation, 'a round logo')), `${input.modelKey}: background is not in the provider request`);
    // Opaque and auto need nothing done: no warning.
    assert.deepEqual(valid({ ...input, output: { background: 'opaque' } }).warnings.filter((candidate) => candidate.field === 'background'), []);
  }
});

test('no background asked: none in the validation or the request, whatever the model', () => {
  const native = valid({ modelKey: 'openai:gpt-image-2' });
  assert.equal(native.background, undefined);
  assert.equal(native.nativeBackground, true);
  assert.ok(!('background' in requestFromValidation(native, 'p')));
  assert.equal(valid({ modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '1k' }).nativeBackground, false);
});

test('an unknown background is refused before sending, naming the values', () => {
  for (const background of ['clear', 'Transparent', '']) {
    const result = validateGeneration({ modelKey: 'openai:gpt-image-2', prompt: 'p', output: { background: background as 'auto' } });
    assert.equal(result.ok, false);
    assert.deepEqual(
      !result.ok && result.issues.map(({ field, code, message }) => ({ field, code, message })),
      [{ field: 'background', code: 'backgroundUnknown', message: `Background "${background}" is not one of transparent, opaque, auto.` }],
    );
  }
});

test('task records, the MCP journal and provenance keep the background', () => {
  const input = { modelKey: 'openai:gpt-image-2', prompt: 'p', size: '1024x1024', output: { background: 'transparent' as const } };
  assert.equal(taskRecordSchema.parse({ id: 't', input, state: 'queued', createdAt: 1 }).input.output?.background, 'transparent');
  const entry = { id: 't', input, folder: 'assets', baseName: 'logo', state: 'running', createdAt: 1, endpoint: 'e' };
  assert.equal(journalEntrySchema.parse(entry).input.output?.background, 'transparent');
  assert.equal(inputFromProvenance(provenanceText({ input, task: 't', software: 'ImageGen' })).output?.background, 'transparent');
  assert.equal(taskRecordSchema.parse({ id: 't', input: { modelKey: 'm', prompt: 'p' }, state: 'queued', createdAt: 1 }).input.output, undefined);
});

// ── on the wire, against the simulator ───────────────────────────────────────

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => h.close());

function savedOf(handle: TaskHandle): SavedImage {
  const image = handle.completed?.state === 'succeeded' ? handle.completed.images[0] : undefined;
  assert.equal(image?.kind, 'saved');
  return image.image;
}

/** A saved PNG with alpha (colour type 6) whose background is truly transparent and whose subject is opaque. */
function assertTransparentPng(path: string): void {
  const png = decodePng(readFileSync(path));
  assert.equal(png.colourType, 6, 'RGBA');
  const pixels = unfilteredPixels(png);
  const alpha = (x: number, y: number) => pixels[(y * png.width + x) * 4 + 3];
  assert.equal(alpha(0, 0), 0, 'a corner is transparent');
  assert.equal(alpha(png.width - 1, png.height - 1), 0);
  assert.equal(alpha(png.width >> 1, png.height >> 1), 255, 'the subject in the middle is opaque');
  let transparent = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] === 0) transparent++;
  assert.ok(transparent > pixels.length / 8, 'most of the background is alpha 0');
}

const transparentRequest = (prompt = 'a round logo', extra: Record<string, unknown> = {}) => openaiRequest(prompt, { output: { background: 'transparent' }, ...extra });

test('background transparent: sent with output_format png, saved as an RGBA PNG on alpha 0', async () => {
  const handle = await openaiOn(h, 0).submit(transparentRequest(), { clientTaskId: 'transparent', openImage: () => h.openImage('logo') });
  const body = h.simulator.requestsFor('openai.generate')[0]!.body as Record<string, unknown>;
  assert.equal(body.background, 'transparent');
  assert.equal(body.output_format, 'png');
  assertTransparentPng(savedOf(handle).path);
});

test('background transparent, streamed: the completed image is RGBA too', async () => {
  const handle = await openaiOn(h, 2).submit(transparentRequest(), { clientTaskId: 'transparent-stream', openImage: () => h.openImage('logo') });
  assert.equal((h.simulator.requestsFor('openai.generate')[0]!.body as Record<string, unknown>).stream, true);
  assertTransparentPng(savedOf(handle).path);
});

test('background transparent on an edit: a multipart field, an RGBA PNG back', async () => {
  const reference = `data:image/png;base64,${gradientPng(32, 32).toString('base64')}`;
  const handle = await openaiOn(h, 0).submit(transparentRequest('cut it out', { referenceImages: [reference] }), { clientTaskId: 'transparent-edit', openImage: () => h.openImage('logo') });
  const body = h.simulator.requestsFor('openai.edit')[0]!.body as Record<string, unknown>;
  assert.equal(body.background, 'transparent');
  assert.equal(body.output_format, 'png');
  assertTransparentPng(savedOf(handle).path);
});

test('background opaque: an RGB PNG, as before', async () => {
  const handle = await openaiOn(h, 0).submit(openaiRequest('a poster', { output: { background: 'opaque' } }), { clientTaskId: 'opaque', openImage: () => h.openImage('poster') });
  assert.equal((h.simulator.requestsFor('openai.generate')[0]!.body as Record<string, unknown>).background, 'opaque');
  assert.equal(decodePng(readFileSync(savedOf(handle).path)).colourType, 2);
});

for (const partialImages of [0, 2]) {
  test(`"Transparent background is not supported for this model": an actionable refusal, one request, nothing charged or left${partialImages ? ' (streaming asked)' : ''}`, async () => {
    const error = await expectError('invalidRequest', () => openaiOn(h, partialImages).submit(transparentRequest('a logo [sim:transparentUnsupported]'), { clientTaskId: `refused-${partialImages}`, openImage: () => h.openImage('logo') }));
    assert.match(error.message, /^OpenAI-compatible refused a transparent background for this model on this account: use background auto, or remove a flat background\./);
    assert.match(error.message, /Transparent background is not supported for this model/, 'the provider’s words follow');
    assert.equal(error.details.status, 400);
    assert.equal(error.details.retryable, false);
    assert.equal(h.simulator.requests.filter((r) => r.operation === 'openai.generate' || r.operation === 'openai.edit').length, 1, 'never sent again');
    assert.equal(h.simulator.charges, 0);
    assert.deepEqual(h.files(), []);
  });
}

test('the same account with background auto gets its image: the refusal is about transparency only', async () => {
  const handle = await openaiOn(h, 0).submit(openaiRequest('a logo [sim:transparentUnsupported]', { output: { background: 'auto' } }), { clientTaskId: 'auto-ok', openImage: () => h.openImage('logo') });
  assert.equal(decodePng(readFileSync(savedOf(handle).path)).colourType, 2);
});

test('JimmyAI and AIReiter requests never carry background, whatever was asked', async () => {
  const asked = { output: { background: 'transparent' as const } };
  await generate(h, requestFor({ modelKey: 'jimmyai:gpt-image-2', aspectRatio: '1:1', resolution: '1k', ...asked }), 'jimmy');
  await generate(h, requestFor({ modelKey: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K', ...asked }), 'aireiter');
  await generate(h, requestFor({ modelKey: 'aireiter:gpt_image_2_official', aspectRatio: '16:9', resolution: '1K', quality: 'low', ...asked }), 'official');
  const jimmy = h.simulator.requestsFor('jimmyai.create').map((r) => JSON.stringify(r.body));
  const aireiter = h.simulator.requestsFor('aireiter.submit').map((r) => JSON.stringify(r.body));
  assert.equal(jimmy.length, 1);
  assert.equal(aireiter.length, 2);
  for (const body of [...jimmy, ...aireiter]) {
    const top = JSON.parse(body) as Record<string, unknown>;
    const fields = (top.params as Record<string, unknown> | undefined) ?? top; // AIReiter nests its fields in params.
    assert.ok(!('background' in top) && !('background' in fields), body);
    // They cannot make it: the prompt asks for a flat background to key out instead.
    assert.match(String(fields.prompt), /plain, uniform, solid pure white background/, body);
  }
});

test('the simulator checks background as OpenAI does: an unknown value, and transparent as JPEG, are 400s', async () => {
  const post = (body: Record<string, unknown>) => fetch(`${h.simulator.url}/v1/images/generations`, { method: 'POST', headers: { authorization: 'Bearer sim-key', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-image-2', prompt: 'p', size: '1024x1024', ...body }) });
  const unknown = await post({ background: 'clear' });
  assert.equal(unknown.status, 400);
  assert.equal(((await unknown.json()) as { error: { param: string } }).error.param, 'background');
  const jpeg = await post({ background: 'transparent', output_format: 'jpeg' });
  assert.equal(jpeg.status, 400);
  assert.match(((await jpeg.json()) as { error: { message: string } }).error.message, /png.*webp/);
  assert.equal((await post({ background: 'transparent', output_format: 'webp' })).status, 200);
  assert.equal(h.simulator.charges, 1);
});
