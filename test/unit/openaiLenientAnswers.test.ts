// Issue 22, point 1: once a 2xx answer of an OpenAI-compatible endpoint carried an image, the image
// is kept and the task succeeds, whatever the JSON around it looks like. The answers are written
// out here (inline fixtures), then the simulator's variants are checked end to end.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { afterEach, test } from 'node:test';
import { extractBase64Images } from '../../src/providers/base64JsonStream';
import { parseLeadingJson, readImagesAnswer } from '../../src/providers/openai/openaiAnswers';
import type { ImageResult, TaskHandle } from '../../src/providers/provider';
import { gradientPng } from '../simulator/png';
import { startHarness, type Harness } from './support/engineHarness';
import { assertNoImageFiles, eventStream, expectError, openaiOn, openaiRequest as request, scriptedOpenai } from './support/openaiTesting';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const png = gradientPng(48, 32);
const b64 = png.toString('base64');
const jsonAnswer = (text: string) => () => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });

function savedImage(handle: TaskHandle): string {
  const status = handle.completed;
  assert.equal(status?.state, 'succeeded', JSON.stringify(status));
  const image = (status as { images: readonly ImageResult[] }).images[0]!;
  assert.equal(image.kind, 'saved');
  return (image as { image: { path: string } }).image.path;
}

const answers: Record<string, string> = {
  '"created" as a string': `{"created":"1713833628","data":[{"b64_json":"${b64}","revised_prompt":"p"}]}`,
  'a gateway wrapper {code, msg, data: {data: [...]}} (JimmyAI under /api/open-api)': `{"code":20000,"msg":"ok","data":{"created":1713833628,"data":[{"b64_json":"${b64}","revised_prompt":"p"}],"usage":{"total_tokens":100}}}`,
  'trailing bytes after the JSON': `{"created":1713833628,"data":[{"b64_json":"${b64}"}]}\n<!-- served by gateway -->`,
  'odd usage and extra or null fields on the item': `{"created":null,"usage":"n/a","data":[{"b64_json":"${b64}","revised_prompt":{"text":"p"},"url":null,"extra":[1]}]}`,
  'a skeleton that is no JSON at all': `{"data":[{"b64_json":"${b64}"}]} }}} not json {{`,
  'an unreadable second image after the first': `{"data":[{"b64_json":"${b64}"},{"b64_json":"!!!not base64!!!"}]}`,
  'an error object beside the image': `{"error":{"message":"partial failure","code":500},"data":[{"b64_json":"${b64}"}]}`,
};

for (const [what, text] of Object.entries(answers)) {
  test(`a 2xx answer with ${what}: the image is kept and the task succeeds, one request`, async () => {
    harness = await startHarness();
    const scripted = scriptedOpenai(jsonAnswer(text), 0);
    const handle = await scripted.provider.submit(request(), { clientTaskId: 'lenient', openImage: () => harness!.openImage() });
    assert.ok(readFileSync(savedImage(handle)).equals(png), 'the saved file is the answer’s image');
    assert.equal(scripted.requests, 1);
  });
}

test('a connection broken after the image arrived whole: the image is kept', async () => {
  harness = await startHarness();
  const head = `{"code":20000,"data":{"data":[{"b64_json":"${b64}"}],"usage":{"total`;
  const scripted = scriptedOpenai(() => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode(head));
        else controller.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }, 0);
  const handle = await scripted.provider.submit(request(), { clientTaskId: 'broken-after', openImage: () => harness!.openImage() });
  assert.ok(readFileSync(savedImage(handle)).equals(png));
  assert.equal(scripted.requests, 1);
});

test('url-only items inside the wrapper, with trailing bytes, are the task’s images', async () => {
  harness = await startHarness();
  const scripted = scriptedOpenai(jsonAnswer('{"code":"20000","msg":"ok","data":{"data":[{"url":"https://cdn.example/a.png","b64_json":null}]}}\r\n\0\0'), 0);
  const handle = await scripted.provider.submit(request(), { clientTaskId: 'urls', openImage: () => harness!.openImage() });
  assert.deepEqual(handle.completed, { state: 'succeeded', images: [{ kind: 'url', url: 'https://cdn.example/a.png' }] });
});

test('a wrapper whose code says error and that carries no image fails with the provider’s message, sent once', async () => {
  harness = await startHarness();
  const badParams = scriptedOpenai(jsonAnswer('{"code":20002,"msg":"size must be WxH","data":null}'), 0);
  const error = await expectError('invalidRequest', () => badParams.provider.submit(request(), { clientTaskId: 'code', openImage: () => harness!.openImage() }));
  assert.match(error.message, /size must be WxH/);
  assert.equal(badParams.requests, 1);
  const credits = scriptedOpenai(jsonAnswer('{"code":"50010","msg":"余额不足","data":{}}'), 0);
  await expectError('insufficientCredits', () => credits.provider.submit(request(), { clientTaskId: 'credits', openImage: () => harness!.openImage() }));
  const nested = scriptedOpenai(jsonAnswer('{"error":{"code":433,"message":"账户余额不足"}}'), 0);
  await expectError('insufficientCredits', () => nested.provider.submit(request(), { clientTaskId: 'nested', openImage: () => harness!.openImage() }));
  assert.equal(credits.requests + nested.requests, 2);
  assertNoImageFiles(harness);
});

test('the reader: the first JSON value despite trailing bytes, and images in data[] or data.data[]', () => {
  assert.deepEqual(parseLeadingJson('{"a":"}"}\n{"b":2}'), { a: '}' });
  assert.equal(parseLeadingJson('<html>'), undefined);
  assert.deepEqual(readImagesAnswer('{"created":"1","data":[{"url":"https://x/1.png"},{"url":null}]} trailing'), { kind: 'urls', urls: ['https://x/1.png'] });
  assert.deepEqual(readImagesAnswer('{"code":20000,"msg":"ok","data":{"data":[]}}'), { kind: 'noImage', what: 'the answer has no image' });
  assert.deepEqual(readImagesAnswer('{"code":"-1","msg":"busy"}'), { kind: 'bodyCode', code: '-1', message: 'busy' });
});

test('the wrapper’s nested b64_json is streamed into its sink as it arrives, not held until the end', async () => {
  const big = Buffer.alloc(300_000, 7).toString('base64');
  const text = `{"code":20000,"msg":"ok","data":{"created":"1","data":[{"b64_json":"${big}"}]}}`;
  let written = 0;
  let writtenBeforeLastChunk = 0;
  const step = 16 * 1024;
  async function* body() {
    for (let at = 0; at < text.length; at += step) {
      if (at + step >= text.length) writtenBeforeLastChunk = written;
      yield Buffer.from(text.slice(at, at + step));
    }
  }
  const result = await extractBase64Images(body(), { openImage: async () => ({ write: async (chunk) => void (written += chunk.length) }), closeImage: async () => undefined });
  assert.equal(result.images, 1);
  assert.equal(written, 300_000);
  assert.ok(writtenBeforeLastChunk > 250_000, `decoded bytes reached the sink while the answer arrived (${writtenBeforeLastChunk})`);
  assert.ok(result.skeletonText.length < 200, 'the skeleton holds no image');
});

// ── the streaming (SSE) path ────────────────────────────────────────────────

const completed = `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${b64}"}\n\n`;
const afterCompleted: Record<string, string> = {
  'junk that is no JSON': `${completed}data: <html>502</html>\n\n`,
  'an error event': `${completed}event: error\ndata: {"type":"error","error":{"message":"The server had an error","type":"server_error"}}\n\n`,
  'a second completed image': `${completed}event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${gradientPng(8, 8).toString('base64')}"}\n\n`,
  'bytes after the JSON in the completed event': `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${b64}"} trailing\n\n`,
  'broken JSON around it, then a second completed image': `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${b64}"} trailing\n\n${completed.replace(b64, gradientPng(8, 8).toString('base64'))}`,
};

for (const [what, stream] of Object.entries(afterCompleted)) {
  test(`a streamed image completed, then ${what}: the image is kept and the task succeeds`, async () => {
    harness = await startHarness();
    const scripted = scriptedOpenai(() => eventStream(stream), 2);
    const handle = await scripted.provider.submit(request(), { clientTaskId: 'sse', openImage: () => harness!.openImage() });
    assert.ok(readFileSync(savedImage(handle)).equals(png));
    assert.equal(harness.files().filter((name) => name.endsWith('.png')).length, 1, 'one image file');
    assert.equal(scripted.requests, 1);
  });
}

// ── the simulator's variants, end to end ────────────────────────────────────

for (const variant of ['createdString', 'wrapped', 'trailing', 'createdString+wrapped+trailing']) {
  test(`the simulator’s ${variant} answer ends in the image, charged once`, async () => {
    harness = await startHarness();
    const handle = await openaiOn(harness, 0).submit(request(`a lighthouse [sim:variant=${variant}]`), { clientTaskId: variant, openImage: () => harness!.openImage() });
    assert.ok(readFileSync(savedImage(handle)).subarray(1, 4).toString() === 'PNG');
    assert.equal(harness.simulator.charges, 1);
    assert.equal(harness.simulator.requestsFor('openai.generate').length, 1);
  });
}

test('JimmyAI’s synchronous endpoint reached as an OpenAI-compatible base URL (…/api/open-api/v1): the wrapped image is saved', async () => {
  harness = await startHarness();
  const { createProvider } = await import('../../src/providers/createProvider');
  const provider = createProvider('openai', { baseUrl: `${harness.simulator.url}/api/open-api/v1`, apiKey: 'sim-key', http: harness.http }, { maxImageBytes: harness.maxImageBytes, openaiTimeoutMs: 5_000, partialImages: 0 });
  const handle = await provider.submit(request(), { clientTaskId: 'jimmy-sync', openImage: () => harness!.openImage() });
  savedImage(handle);
  assert.equal(harness.simulator.requestsFor('jimmyai.syncGenerate').length, 1);
  assert.equal(harness.simulator.charges, 1);
});
