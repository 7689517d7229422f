// OpenAI-compatible endpoints as they really answer: no headers until the image is done (a long
// timeout of its own), streaming previews over server-sent events, gateways that refuse or ignore
// `stream`, and generations that are never sent twice.
import { strict as assert } from 'node:assert';
import { afterEach, test } from 'node:test';
import { sniffFormat } from '../../src/core/images/imageInfo';
import { createProvider } from '../../src/providers/createProvider';
import { isProviderError, type ProviderError, type ProviderErrorKind } from '../../src/providers/errors';
import { readImageEventStream } from '../../src/providers/openai/imageEventStream';
import { readServerSentEvents } from '../../src/providers/openai/serverSentEvents';
import type { ImagePreview } from '../../src/providers/provider';
import { gradientPng } from '../simulator/png';
import type { SimulatorOptions } from '../simulator/simulator';
import { apiKey, requestFor, startHarness, type Harness } from './support/engineHarness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: SimulatorOptions = {}, headersTimeoutMs = 300): Promise<Harness> {
  harness = await startHarness(options, { headersTimeoutMs, idleTimeoutMs: headersTimeoutMs });
  return harness;
}

function openai(h: Harness, partialImages: number, openaiTimeoutMs = 5_000) {
  return createProvider('openai', { baseUrl: h.simulator.url, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs, partialImages });
}

const request = (prompt = 'a lighthouse at dusk', extra: Record<string, unknown> = {}) => requestFor({ modelKey: 'openai:gpt-image-2', aspectRatio: '1:1', resolution: '1K', quality: 'low', prompt, ...extra });

async function expectError(kind: ProviderErrorKind, action: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await action();
  } catch (error) {
    assert.ok(isProviderError(error), `expected a ProviderError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}

const noPartFiles = (h: Harness) => assert.deepEqual(h.files().filter((name) => name.endsWith('.part') || name.endsWith('.png')), []);

// ── the event framing ────────────────────────────────────────────────────────

test('server-sent events are framed across any chunk boundary, CRLF or LF, with comments and multi-line data', async () => {
  const text = ': comment\r\nevent: one\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 7\ndata:second\n\nevent:third\ndata: x\n\n';
  for (const size of [1, 2, 3, 5, 7, 64]) {
    const bytes = Buffer.from(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    }
    const events: { name: string | undefined; data: string }[] = [];
    let data: Buffer[] = [];
    await readServerSentEvents(chunks(), {
      data: (chunk) => void data.push(Buffer.from(chunk)),
      end: (name) => {
        events.push({ name, data: Buffer.concat(data).toString() });
        data = [];
      },
    });
    assert.deepEqual(events, [{ name: 'one', data: '{"a":\n1}' }, { name: undefined, data: 'second' }, { name: 'third', data: 'x' }], `chunks of ${size}`);
  }
});

test('a stream that breaks off before the completed image leaves no file and says so', async () => {
  const h = await start();
  const png = gradientPng(64, 64);
  const event = `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${png.toString('base64')}"}\n\n`;
  async function* cut() {
    yield Buffer.from(event.slice(0, Math.floor(event.length / 2)));
  }
  assert.equal(await readImageEventStream(cut(), { partialImages: 0, openImage: () => h.openImage() }).catch((error: unknown) => error instanceof Error ? 'error' : undefined), 'error');
  noPartFiles(h);
});

// ── streaming previews ───────────────────────────────────────────────────────

test('stream: true with partial_images 2: two previews in order while it renders, only the completed image saved', async () => {
  const h = await start();
  const previews: ImagePreview[] = [];
  const handle = await openai(h, 2).submit(request(), { clientTaskId: 'stream-1', openImage: () => h.openImage(), onPreview: (preview) => previews.push(preview) });
  assert.deepEqual(previews.map((p) => [p.index, p.total, p.mimeType]), [[1, 2, 'image/png'], [2, 2, 'image/png']]);
  assert.ok(previews.every((p) => sniffFormat(p.bytes) === 'png'));
  const body = h.simulator.requestsFor('openai.generate')[0]!.body as Record<string, unknown>;
  assert.equal(body.stream, true);
  assert.equal(body.partial_images, 2);
  assert.equal(handle.completed?.state, 'succeeded');
  const saved = handle.completed?.state === 'succeeded' ? handle.completed.images[0] : undefined;
  assert.equal(saved?.kind, 'saved');
  assert.deepEqual(h.files().filter((name) => !name.startsWith('.')), ['out.png'], 'one file: the completed image');
});

test('edits stream too: partial_images and stream travel as multipart fields', async () => {
  const h = await start();
  const png = 'data:image/png;base64,' + gradientPng(64, 64).toString('base64');
  const previews: ImagePreview[] = [];
  await openai(h, 1).submit(request('edit it', { referenceImages: [png] }), { clientTaskId: 'stream-edit', openImage: () => h.openImage(), onPreview: (p) => previews.push(p) });
  assert.equal(previews.length, 1);
  const body = h.simulator.requestsFor('openai.edit')[0]!.body as Record<string, unknown>;
  assert.equal(body.stream, 'true');
  assert.equal(body.partial_images, '1');
});

test('an error event mid-stream (moderation) is a moderation error, with no file left', async () => {
  const h = await start();
  let previews = 0;
  await expectError('moderation', () => openai(h, 2).submit(request('blocked [sim:moderation]'), { clientTaskId: 'stream-mod', openImage: () => h.openImage(), onPreview: () => previews++ }));
  assert.equal(previews, 1);
  noPartFiles(h);
});

test('a gateway that refuses stream: the request is sent once more without it, and that base URL is not asked to stream again', async () => {
  const h = await start({ openaiRejectsStream: true });
  const provider = openai(h, 2);
  await provider.submit(request(), { clientTaskId: 'refused-1', openImage: () => h.openImage() });
  await provider.submit(request(), { clientTaskId: 'refused-2', openImage: () => h.openImage('second') });
  const bodies = h.simulator.requestsFor('openai.generate').map((r) => (r.body as Record<string, unknown>).stream);
  assert.deepEqual(bodies, [true, undefined, undefined]);
  assert.equal(h.simulator.charges, 2);
});

test('a gateway that ignores stream and answers plain JSON: read as JSON, and not asked to stream again', async () => {
  const h = await start({ openaiIgnoresStream: true });
  const provider = openai(h, 2);
  const first = await provider.submit(request(), { clientTaskId: 'ignored-1', openImage: () => h.openImage() });
  assert.equal(first.completed?.state, 'succeeded');
  await provider.submit(request(), { clientTaskId: 'ignored-2', openImage: () => h.openImage('second') });
  assert.deepEqual(h.simulator.requestsFor('openai.generate').map((r) => (r.body as Record<string, unknown>).stream), [true, undefined]);
});

// ── timeouts and charges ─────────────────────────────────────────────────────

test('a generation may take longer than the client’s default headers timeout: imagegen.openai.timeoutSeconds applies', async () => {
  const h = await start({}, 300);
  h.simulator.inject('openai.generate', { kind: 'slowHeaders', delayMs: 900 });
  const handle = await openai(h, 0, 5_000).submit(request(), { clientTaskId: 'slow-ok', openImage: () => h.openImage() });
  assert.equal(handle.completed?.state, 'succeeded');
});

test('past imagegen.openai.timeoutSeconds: a timeout that names the setting, says it may be charged, and is not sent again', async () => {
  const h = await start({}, 300);
  h.simulator.inject('openai.generate', { kind: 'slowHeaders', delayMs: 1500 });
  const error = await expectError('timeout', () => openai(h, 0, 500).submit(request(), { clientTaskId: 'slow-fail', openImage: () => h.openImage() }));
  assert.match(error.message, /imagegen\.openai\.timeoutSeconds/);
  assert.match(error.message, /may still have generated and charged/);
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

test('a generation whose answer was lost is never re-sent; the user is told it may be charged', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'dropAnswer' });
  const error = await expectError('network', () => openai(h, 0).submit(request(), { clientTaskId: 'lost', openImage: () => h.openImage() }));
  assert.match(error.message, /may have started this image/);
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});
