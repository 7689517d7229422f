// What an OpenAI-compatible generation needs besides its answer: its own long timeout (no answer
// headers until the image is done), and never a second request after a failure that may have
// been billed — for both flavours, OpenAI's /v1/images and JimmyAI's synchronous copy.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import type { TransportFault } from '../simulator/faults';
import { OpenaiProvider } from '../../src/providers/openai/openaiProvider';
import { gatewayKey, refusesStreaming } from '../../src/providers/openai/streamingGateways';
import type { SimulatorOptions } from '../simulator/simulator';
import { apiKey, startHarness, type Harness } from './support/engineHarness';
import { expectError, openaiOn, openaiRequest as request } from './support/openaiTesting';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** The client's own default headers timeout is short here (300 ms) so that the difference shows. */
async function start(options: SimulatorOptions = {}): Promise<Harness> {
  harness = await startHarness(options, { headersTimeoutMs: 300, idleTimeoutMs: 300 });
  return harness;
}

// ── the timeout ──────────────────────────────────────────────────────────────

test('imagegen.openai.timeoutSeconds defaults to 600 s, the official SDK’s timeout', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } } };
  assert.equal(manifest.contributes.configuration.properties['imagegen.openai.timeoutSeconds']?.default, 600);
});

test('a generation slower than the client’s default headers timeout but within imagegen.openai.timeoutSeconds succeeds', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'slowHeaders', delayMs: 900 });
  const handle = await openaiOn(h, 0, 5_000).submit(request(), { clientTaskId: 'slow-ok', openImage: () => h.openImage() });
  assert.equal(handle.completed?.state, 'succeeded');
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

test('a streamed generation whose events come slower than the client’s idle timeout succeeds', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'slowBody', delayMs: 500 });
  const handle = await openaiOn(h, 2, 5_000).submit(request(), { clientTaskId: 'slow-events', openImage: () => h.openImage() });
  assert.equal(handle.completed?.state, 'succeeded');
});

test('past imagegen.openai.timeoutSeconds: a timeout that names the setting, says it may be charged, and is not sent again', async () => {
  const h = await start();
  h.simulator.inject('openai.generate', { kind: 'slowHeaders', delayMs: 1500 });
  const error = await expectError('timeout', () => openaiOn(h, 0, 600).submit(request(), { clientTaskId: 'slow-fail', openImage: () => h.openImage() }));
  assert.match(error.message, /imagegen\.openai\.timeoutSeconds/);
  assert.match(error.message, /within 1 s/);
  assert.match(error.message, /may still have generated and charged/);
  assert.equal(error.details.retryable, false);
  assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
});

// ── ambiguous failures are never re-sent ─────────────────────────────────────

const ambiguous: readonly [string, TransportFault, 'network' | 'server'][] = [
  ['the connection is reset after the request was read', { kind: 'reset' }, 'network'],
  ['HTTP 500', { kind: 'status', status: 500 }, 'server'],
  ['HTTP 502 from a gateway', { kind: 'status', status: 502 }, 'server'],
  ['the answer is lost after the image was made', { kind: 'dropAnswer' }, 'network'],
];

for (const [what, fault, kind] of ambiguous) {
  for (const partialImages of [0, 2]) {
    test(`${what}${partialImages ? ' (streaming)' : ''}: exactly one request, and the user is told it may be charged and was not sent again`, async () => {
      const h = await start();
      h.simulator.inject('openai.generate', fault);
      const error = await expectError(kind, () => openaiOn(h, partialImages).submit(request(), { clientTaskId: `ambiguous-${fault.kind}`, openImage: () => h.openImage() }));
      assert.match(error.message, /may have started this image \(and may charge for it\)/);
      assert.match(error.message, /did not send the request again/);
      assert.equal(error.details.retryable, false, 'nothing retries it automatically');
      assert.equal(h.simulator.requestsFor('openai.generate').length, 1);
    });
  }
}

test('a refused connection (nothing was sent) is not reported as a possible charge', async () => {
  const h = await start();
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = server.address() as AddressInfo;
      server.close(() => resolve(free));
    });
  });
  const closed = new OpenaiProvider({ baseUrl: `http://127.0.0.1:${port}`, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, requestTimeoutMs: 5_000 });
  const error = await expectError('network', () => closed.submit(request(), { clientTaskId: 'refused', openImage: () => h.openImage() }));
  assert.equal(error.details.code, 'ECONNREFUSED');
  assert.doesNotMatch(error.message, /may have started/);
});

// ── which gateways stream ────────────────────────────────────────────────────

test('a refusal of the streaming parameters is told from other 400s', () => {
  const openaiStyle = JSON.stringify({ error: { message: "Unknown parameter: 'stream'.", type: 'invalid_request_error', param: 'stream', code: 'unknown_parameter' } });
  assert.equal(refusesStreaming(400, openaiStyle), true);
  assert.equal(refusesStreaming(400, JSON.stringify({ error: { message: 'partial_images is not supported', type: 'invalid_request_error' } })), true);
  assert.equal(refusesStreaming(422, JSON.stringify({ detail: [{ loc: ['body', 'stream'], msg: 'extra fields not permitted' }] })), true);
  assert.equal(refusesStreaming(400, 'stream not supported'), true);
  assert.equal(refusesStreaming(400, JSON.stringify({ error: { message: 'Invalid size', param: 'size', code: null } })), false);
  assert.equal(refusesStreaming(400, JSON.stringify({ error: { message: 'Your request was rejected as a result of our safety system.', code: 'moderation_blocked' } })), false);
  assert.equal(refusesStreaming(500, openaiStyle), false, 'a 500 may have been billed: never sent again');
});

test('the streaming verdict is kept per API root, whichever way its base URL is written', () => {
  const key = gatewayKey('https://GW.example/openai');
  for (const same of ['https://gw.example/openai/', 'https://gw.example/openai/v1', 'https://gw.example/openai/V1//', 'https://user:secret@gw.example/openai/v1']) {
    assert.equal(gatewayKey(same), key, same);
  }
  assert.notEqual(gatewayKey('https://gw.example/other'), key);
  assert.doesNotMatch(gatewayKey('https://user:secret@gw.example/v1'), /secret/);
});
