// Streaming previews from OpenAI-compatible endpoints (`stream: true` + `partial_images`):
// previews in order while it renders, only the completed image saved (streamed into the saving
// pipeline), error events mapped like error answers, broken streams leaving nothing behind, and
// the gateways that refuse or ignore `stream`.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { readImageEventStream } from '../../src/providers/openai/imageEventStream';
import type { ImagePreview, SubmitOptions } from '../../src/providers/provider';
import { gradientPng } from '../simulator/png';
import type { SimulatorOptions } from '../simulator/simulator';
import { startHarness, type Harness } from './support/engineHarness';
import { assertNoImageFiles, eventStream, expectError, openaiOn, openaiRequest as request, scriptedOpenai } from './support/openaiTesting';
import { decodePng } from './support/pngDecode';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<Harness> {
  harness = await startHarness(options, { headersTimeoutMs: 2_000, idleTimeoutMs: 2_000 });
  return harness;
}

/** Submit options that record previews and the moment the completed image's file is opened. */
function recording(h: Harness, clientTaskId: string, log: string[] = []): SubmitOptions & { previews: ImagePreview[]; log: string[] } {
  const previews: ImagePreview[] = [];
  return {
    clientTaskId,
    previews,
    log,
    openImage: () => {
      log.push('open');
      return h.openImage();
    },
    onPreview: (preview) => {
      log.push(`preview ${preview.index}`);
      previews.push(preview);
    },
  };
}

const joined = (preview: ImagePreview) => Buffer.concat(preview.parts);

const bodies = (h: Harness, operation: 'openai.generate' | 'openai.edit') => h.simulator.requestsFor(operation).map((r) => r.body as Record<string, unknown>);

// ── previews ─────────────────────────────────────────────────────────────────

test('partial_images 2: two decodable previews in order, each as its event ends; only the completed image is saved, byte for byte', async () => {
  const h = await start();
  const options = recording(h, 'stream-1');
  const handle = await openaiOn(h, 2).submit(request(), options);
  assert.deepEqual(options.log, ['preview 1', 'preview 2', 'open'], 'each preview before the next event is read');
  assert.deepEqual(options.previews.map((p) => [p.index, p.total, p.mimeType]), [[1, 2, 'image/png'], [2, 2, 'image/png']]);
  for (const preview of options.previews) {
    assert.deepEqual([decodePng(joined(preview)).width, decodePng(joined(preview)).height], [128, 128], 'a whole PNG (the simulator sends 1/8 of the size)');
  }
  const [body] = bodies(h, 'openai.generate');
  assert.equal(body?.stream, true);
  assert.equal(body?.partial_images, 2);
  const image = handle.completed?.state === 'succeeded' ? handle.completed.images[0] : undefined;
  assert.equal(image?.kind, 'saved');
  assert.deepEqual(h.files(), ['out.png'], 'one file, no .part: the completed image');
  const saved = readFileSync(join(h.dir, 'out.png'));
  assert.ok(saved.equals(gradientPng(1024, 1024)), 'the saved file is the completed event’s image');
});

test('1 MB partial images cut into irregular pieces arrive whole, three of them', async () => {
  const h = await start({ partialImageBytes: 1_000_000 });
  const options = recording(h, 'stream-big');
  await openaiOn(h, 3).submit(request(), options);
  assert.deepEqual(options.previews.map((p) => p.index), [1, 2, 3]);
  for (const preview of options.previews) {
    assert.ok(preview.byteLength >= 1_000_000);
    assert.equal(joined(preview).length, preview.byteLength);
    assert.equal(decodePng(joined(preview)).width, 578);
    for (const part of preview.parts) assert.equal(part.byteLength, part.buffer.byteLength, 'each part owns its whole buffer (it is posted to the studio as it is)');
  }
  assert.deepEqual(h.files(), ['out.png']);
});

test('edits stream too: stream and partial_images travel as multipart fields, events are image_edit.*', async () => {
  const h = await start();
  const reference = 'data:image/png;base64,' + gradientPng(64, 64).toString('base64');
  const options = recording(h, 'stream-edit');
  const handle = await openaiOn(h, 1).submit(request('edit it', { referenceImages: [reference] }), options);
  assert.equal(handle.completed?.state, 'succeeded');
  assert.equal(options.previews.length, 1);
  const [body] = bodies(h, 'openai.edit');
  assert.equal(body?.stream, 'true');
  assert.equal(body?.partial_images, '1');
});

// ── error events and broken streams ──────────────────────────────────────────

test('an error event mid-stream (moderation_blocked after one partial) is a moderation error, with no file left', async () => {
  const h = await start();
  const options = recording(h, 'stream-mod');
  const error = await expectError('moderation', () => openaiOn(h, 2).submit(request('blocked [sim:moderation]'), options));
  assert.equal(error.details.code, 'moderation_blocked');
  assert.equal(options.previews.length, 1);
  assertNoImageFiles(h);
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

test('other error events map like error answers: server_error is a server failure that may be charged, rate limits are rate limits', async () => {
  const h = await start();
  const partial = `event: image_generation.partial_image\ndata: {"type":"image_generation.partial_image","partial_image_index":0,"b64_json":"${gradientPng(16, 16).toString('base64')}"}\n\n`;
  const serverError = scriptedOpenai(() => eventStream(`${partial}event: error\ndata: {"type":"error","error":{"message":"The server had an error","type":"server_error","code":null}}\n\n`));
  const error = await expectError('server', () => serverError.provider.submit(request(), { clientTaskId: 'ev-500', openImage: () => h.openImage() }));
  assert.match(error.message, /may have started this image/);
  assert.equal(serverError.requests, 1);
  const limited = scriptedOpenai(() => eventStream('data: {"type":"error","error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}\n\n'));
  await expectError('rateLimited', () => limited.provider.submit(request(), { clientTaskId: 'ev-429', openImage: () => h.openImage() }));
  assertNoImageFiles(h);
});

test('a stream broken off inside the completed image: no file left, not sent again, the user told it may be charged', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'truncatedBody' });
  const options = recording(h, 'stream-cut');
  const error = await expectError('network', () => openaiOn(h, 2).submit(request(), options));
  assert.match(error.message, /may have started this image/);
  assert.equal(options.previews.length, 2, 'the previews had arrived');
  assertNoImageFiles(h);
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

test('a stream that ends without a completed event, or with an unreadable one, leaves no file', async () => {
  const h = await start();
  const partial = `event: image_generation.partial_image\ndata: {"type":"image_generation.partial_image","partial_image_index":0,"b64_json":"${gradientPng(16, 16).toString('base64')}"}\n\n`;
  const ended = scriptedOpenai(() => eventStream(partial));
  const error = await expectError('network', () => ended.provider.submit(request(), { clientTaskId: 'no-completed', openImage: () => h.openImage() }));
  assert.match(error.message, /may have started this image/);
  h.simulator.inject('openai.generate', { kind: 'malformedJson' });
  await expectError('unexpectedAnswer', () => openaiOn(h, 1).submit(request(), { clientTaskId: 'malformed', openImage: () => h.openImage() }));
  assertNoImageFiles(h);
});

test('the reader aborts the completed image’s file when the stream breaks inside it', async () => {
  const h = await start();
  const event = `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${gradientPng(64, 64).toString('base64')}"}\n\n`;
  async function* cut() {
    yield Buffer.from(event.slice(0, Math.floor(event.length / 2)));
  }
  await assert.rejects(readImageEventStream(cut(), { partialImages: 0, maxPreviewBytes: 1e8, openImage: () => h.openImage() }));
  assertNoImageFiles(h);
});

test('a gateway’s odd partial_image_index (-1, 0.5, 1e400, "0", past the count) is not believed: previews are counted 1, 2, … instead', async () => {
  const h = await start();
  const png = gradientPng(16, 16).toString('base64');
  const partial = (index: string) => `event: image_generation.partial_image\ndata: {"type":"image_generation.partial_image","partial_image_index":${index},"b64_json":"${png}"}\n\n`;
  const completed = `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${gradientPng(32, 32).toString('base64')}"}\n\n`;
  const seen: string[] = [];
  async function* body() {
    for (const index of ['-1', '0.5', '1e400', '"0"', '7']) yield Buffer.from(partial(index));
    yield Buffer.from(completed);
  }
  const result = await readImageEventStream(body(), { partialImages: 2, maxPreviewBytes: 1e8, openImage: () => h.openImage(), onPreview: (p) => void seen.push(`${p.index}/${p.total}`) });
  assert.equal(result?.kind, 'completed');
  assert.deepEqual(seen, ['1/2', '2/2', '3/3', '4/4', '5/5']);
});

test('an unnamed completed event larger than the image cap is refused, not silently dropped', async () => {
  const h = await start();
  const event = `data: {"type":"image_generation.completed","b64_json":"${gradientPng(256, 256).toString('base64')}"}\n\n`;
  async function* body() {
    yield Buffer.from(event);
  }
  await assert.rejects(readImageEventStream(body(), { partialImages: 0, maxPreviewBytes: 100, openImage: () => h.openImage() }), /larger than 100 bytes/);
  assertNoImageFiles(h);
});

// ── gateways without streaming ───────────────────────────────────────────────

test('a gateway that refuses stream: sent once more without it (2 requests), and the next request to that base URL does not stream (1 request)', async () => {
  const h = await start({ openaiRejectsStream: true });
  const provider = openaiOn(h, 2);
  const first = await provider.submit(request(), { clientTaskId: 'refused-1', openImage: () => h.openImage() });
  assert.equal(first.completed?.state, 'succeeded');
  assert.deepEqual(bodies(h, 'openai.generate').map((b) => [b.stream, b.partial_images]), [[true, 2], [undefined, undefined]]);
  await openaiOn(h, 2).submit(request(), { clientTaskId: 'refused-2', openImage: () => h.openImage('second') });
  assert.deepEqual(bodies(h, 'openai.generate').map((b) => b.stream), [true, undefined, undefined], 'a new provider instance for the same base URL remembers');
  assert.equal(h.simulator.charges, 2);
});

test('a 400 that is not about streaming is not sent again', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'status', status: 400 });
  await expectError('invalidRequest', () => openaiOn(h, 2).submit(request(), { clientTaskId: 'bad', openImage: () => h.openImage() }));
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

test('a gateway that ignores stream and answers plain JSON: read as JSON (no second request), and not asked to stream again', async () => {
  const h = await start({ openaiIgnoresStream: true });
  const options = recording(h, 'ignored-1');
  const first = await openaiOn(h, 2).submit(request(), options);
  assert.equal(first.completed?.state, 'succeeded');
  assert.equal(options.previews.length, 0);
  assert.deepEqual(h.files(), ['out.png']);
  await openaiOn(h, 2).submit(request(), { clientTaskId: 'ignored-2', openImage: () => h.openImage('second') });
  assert.deepEqual(bodies(h, 'openai.generate').map((b) => b.stream), [true, undefined]);
});

test('partialImages 0 does not stream', async () => {
  const h = await start();
  await openaiOn(h, 0).submit(request(), { clientTaskId: 'off', openImage: () => h.openImage() });
  assert.equal(bodies(h, 'openai.generate')[0]?.stream, undefined);
});
