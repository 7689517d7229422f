// Every fault the simulator can inject ends in the right typed error or a successful retry, and
// never leaves a partial file behind.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import type { ProviderErrorKind } from '../../src/providers/errors';
import { generate, pollToEnd, requestFor, startHarness, submit, type Harness, expectError } from './support/engineHarness';

let harness: Harness;
beforeEach(async () => {
  harness = await startHarness({}, { headersTimeoutMs: 400, idleTimeoutMs: 400 }, 2 * 1024 * 1024);
});
afterEach(async () => harness.close());

const aireiter = () => requestFor({ modelKey: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K' });
const official = () => requestFor({ modelKey: 'aireiter:gpt_image_2_official', aspectRatio: '16:9', resolution: '1K', quality: 'low' });
const jimmy = (prompt?: string) => requestFor({ modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '1k', ...(prompt ? { prompt } : {}) });
const openai = (prompt?: string) => requestFor({ modelKey: 'openai:gpt-image-2', size: '1024x1024', ...(prompt ? { prompt } : {}) });


function assertNoPartialFiles(): void {
  const leftovers = harness.files().filter((name) => name.endsWith('.part') || name.endsWith('.img') || name.endsWith('out.png'));
  assert.deepEqual(leftovers, [], 'no partial or unfinished file is left');
}

async function generateWithImageFault(fault: Parameters<Harness['simulator']['inject']>[1], request = jimmy()): Promise<unknown> {
  harness.simulator.inject('image', fault);
  return generate(harness, request);
}

// ── retried and successful ───────────────────────────────────────────────────

test('5xx on a query is retried with backoff and the task completes', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'status', status: 502 }, 2);
  const { image } = await generate(harness, jimmy());
  assert.equal(image.width, 1024);
  assert.equal(harness.delays.length, 2);
});

test('5xx on an AIReiter submit is retried: out_task_id makes it safe, and only one task is charged', async () => {
  harness.simulator.inject('aireiter.submit', { kind: 'status', status: 500 });
  await generate(harness, aireiter());
  assert.equal(harness.simulator.requestsFor('aireiter.submit').length, 2);
  assert.equal(harness.simulator.charges, 1);
});

test('re-submitting the same out_task_id is not assumed free: a task that may exist is looked up first', async () => {
  const provider = harness.provider('aireiter');
  await provider.submit(aireiter(), { clientTaskId: 'same-id', openImage: () => harness.openImage() });
  await provider.submit(aireiter(), { clientTaskId: 'same-id', openImage: () => harness.openImage(), mayExist: true });
  assert.equal(harness.simulator.requestsFor('aireiter.submit').length, 1);
  assert.equal(harness.simulator.charges, 1);
});

test('429 with Retry-After is honoured to the second, then succeeds', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'rateLimit', retryAfterSeconds: 3 });
  await generate(harness, jimmy());
  assert.deepEqual(harness.delays, [3000]);
});

test('a connection reset on a query is retried', async () => {
  harness.simulator.inject('aireiter.query', { kind: 'reset' });
  await generate(harness, aireiter());
  assert.equal(harness.delays.length, 1);
});

test('slow headers past the timeout on a query are retried once, then the task completes', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'slowHeaders', delayMs: 1500 });
  await generate(harness, jimmy());
  assert.equal(harness.delays.length, 1);
});

test('a slow body within the timeout is read to the end', async () => {
  harness.simulator.inject('image', { kind: 'slowBody', delayMs: 50 });
  const { image } = await generate(harness, jimmy());
  assert.equal(image.height, 1024);
});

test('a truncated JSON answer on a query is retried', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'truncatedBody' });
  await generate(harness, jimmy());
  assert.equal(harness.delays.length, 1);
});

test('an unknown status value is not terminal: polling goes on', async () => {
  const { provider, handle } = await submit(harness, jimmy('a fox [sim:unknownStatus=thinking]'));
  const statuses = await pollToEnd(provider, handle, 30);
  assert.ok(statuses.some((s) => s.state === 'running' && s.unknownStatus === 'thinking'));
  assert.ok(statuses.every((s) => s.state !== 'succeeded' && s.state !== 'failed'));
});

test('503 with Retry-After on a JimmyAI create is retried: the server says when to come back', async () => {
  harness.simulator.inject('jimmyai.create', { kind: 'status', status: 503, retryAfterSeconds: 1 });
  await generate(harness, jimmy());
  assert.equal(harness.simulator.charges, 1);
  assert.deepEqual(harness.delays, [1000]);
});

test('503 without Retry-After on a JimmyAI create is not repeated (a gateway may have passed it on): server error', async () => {
  harness.simulator.inject('jimmyai.create', { kind: 'status', status: 503 });
  const error = await expectError('server', () => submit(harness, jimmy()));
  assert.equal(error.details.retryable, false, 'the user decides, after checking the dashboard');
  assert.match(error.message, /may have started this image/);
  assert.equal(harness.simulator.requestsFor('jimmyai.create').length, 1);
});

// ── clear errors ─────────────────────────────────────────────────────────────

test('5xx on a JimmyAI create is not retried (no idempotency key): server error', async () => {
  harness.simulator.inject('jimmyai.create', { kind: 'status', status: 500 }, 5);
  const error = await expectError('server', () => submit(harness, jimmy()));
  assert.equal(error.details.retryable, false);
  assert.equal(harness.simulator.requestsFor('jimmyai.create').length, 1);
});

test('5xx that persists ends as a server error after the retry budget', async () => {
  harness.simulator.inject('aireiter.query', { kind: 'status', status: 500 }, 10);
  const { provider, handle } = await submit(harness, aireiter());
  await expectError('server', () => provider.query(handle));
  assert.equal(harness.simulator.requestsFor('aireiter.query').length, 4);
});

test('429 with a Retry-After longer than we wait ends as rateLimited, carrying when to retry', async () => {
  harness.simulator.inject('openai.generate', { kind: 'rateLimit', retryAfterSeconds: 600 });
  const error = await expectError('rateLimited', () => submit(harness, openai()));
  assert.equal(error.details.retryAfterMs, 600_000);
  assert.equal(harness.delays.length, 0);
});

test('a connection reset on a JimmyAI create says the task may exist, and is not retried', async () => {
  harness.simulator.inject('jimmyai.create', { kind: 'reset' });
  const error = await expectError('network', () => submit(harness, jimmy()));
  assert.match(error.message, /may have started this image \(and may charge for it\).*did not send the request again/);
});

test('slow headers that never end become a timeout error', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'slowHeaders', delayMs: 1500 }, 10);
  const { provider, handle } = await submit(harness, jimmy());
  await expectError('timeout', () => provider.query(handle));
});

test('malformed JSON is an unexpected answer, not retried by the HTTP layer; the poller asks again later', async () => {
  harness.simulator.inject('aireiter.query', { kind: 'malformedJson' });
  const { provider, handle } = await submit(harness, aireiter());
  const error = await expectError('unexpectedAnswer', () => provider.query(handle));
  assert.match(error.message, /not a JSON object/);
  assert.equal(error.details.retryable, true);
  assert.equal(harness.delays.length, 0);
});

const bodyCodes: [string, Parameters<Harness['simulator']['inject']>[0], number | string, ProviderErrorKind, () => ReturnType<typeof jimmy>][] = [
  ['AIReiter 433 (HTTP 200)', 'aireiter.submit', 433, 'insufficientCredits', aireiter],
  ['JimmyAI 20001', 'jimmyai.create', '20001', 'auth', () => jimmy()],
  ['JimmyAI 20002', 'jimmyai.create', '20002', 'invalidRequest', () => jimmy()],
  ['JimmyAI -1', 'jimmyai.create', '-1', 'server', () => jimmy()],
];
for (const [label, operation, code, kind, request] of bodyCodes) {
  test(`in-body code ${label} → ${kind}, never retried`, async () => {
    harness.simulator.inject(operation, { kind: 'bodyCode', code });
    const error = await expectError(kind, () => submit(harness, request()));
    assert.equal(error.details.code, String(code));
    assert.equal(harness.simulator.requestsFor(operation).length, 1);
  });
}

test('in-body -1 on a JimmyAI query is a retryable server error', async () => {
  const { provider, handle } = await submit(harness, jimmy());
  harness.simulator.inject('jimmyai.query', { kind: 'bodyCode', code: '-1' });
  const error = await expectError('server', () => provider.query(handle));
  assert.equal(error.details.retryable, true);
});

test('a wrong API key is an auth error for every provider, and the key is not echoed', async () => {
  for (const [id, request] of [['aireiter', aireiter()], ['jimmyai', jimmy()], ['openai', openai()]] as const) {
    const provider = harness.provider(id, 'sk-wrong-key-1234567890');
    const error = await expectError('auth', () => provider.submit(request, { clientTaskId: `auth-${id}`, openImage: () => harness.openImage() }));
    assert.ok(!error.message.includes('sk-wrong-key-1234567890'));
  }
});

test('moderation: OpenAI blocks at submit; AIReiter and JimmyAI fail the task with a moderation reason', async () => {
  harness.simulator.inject('openai.generate', { kind: 'moderation' }, 1);
  const blocked = await expectError('moderation', () => submit(harness, openai()));
  assert.equal(blocked.details.code, 'moderation_blocked');
  for (const request of [jimmy('x [sim:moderation]'), { ...aireiter(), prompt: 'x [sim:moderation]' }]) {
    const { provider, handle } = await submit(harness, request);
    const last = (await pollToEnd(provider, handle)).at(-1)!;
    assert.equal(last.state, 'failed');
    assert.equal(last.state === 'failed' && last.error.kind, 'moderation');
  }
});

test('a failed task carries the provider’s reason, sanitized', async () => {
  const { provider, handle } = await submit(harness, { ...official(), prompt: 'x [sim:taskFailed=upstream exploded [click](command:workbench.action.terminal.new)]' });
  const last = (await pollToEnd(provider, handle)).at(-1)!;
  assert.equal(last.state, 'failed');
  if (last.state === 'failed') {
    assert.equal(last.error.kind, 'taskFailed');
    assert.doesNotMatch(last.error.message, /command:|\]\(/);
  }
});

test('a 404 / expired image URL is imageExpired, with no file left', async () => {
  await expectError('imageExpired', () => generate(harness, jimmy('x [sim:imageNotFound]')));
  assertNoPartialFiles();
});

test('an oversize image is refused from its Content-Length, with no file left', async () => {
  await expectError('imageTooLarge', () => generate(harness, jimmy('x [sim:oversizeImage=3000000]')));
  assertNoPartialFiles();
});

test('the writer enforces the size cap itself, whatever the headers announced, with no file left', async () => {
  const { provider, handle } = await submit(harness, jimmy('x [sim:oversizeImage=3000000]'));
  const last = (await pollToEnd(provider, handle)).at(-1)!;
  assert.equal(last.state, 'succeeded');
  const url = last.state === 'succeeded' && last.images[0]!.kind === 'url' ? last.images[0]!.url : '';
  // A chunked answer (no length announced): the writer must enforce the cap itself.
  const { downloadImage } = await import('../../src/saving/saveImage');
  await expectError('imageTooLarge', () => downloadImage(harness.http, url, { folder: harness.dir, baseName: 'out', provider: 'test', maxBytes: 2 * 1024 * 1024 }, { policy: { providerIsLoopback: true }, deadlineMs: 30_000 }));
  assertNoPartialFiles();
});

test('an oversize b64_json image is refused while decoding, with no staged file left', async () => {
  await expectError('imageTooLarge', () => submit(harness, openai('x [sim:oversizeImage=3000000]')));
  assertNoPartialFiles();
});

test('non-image bytes are refused by their magic bytes, with no file left', async () => {
  await expectError('notAnImage', () => generate(harness, jimmy('x [sim:notImage]')));
  assertNoPartialFiles();
  await expectError('notAnImage', () => submit(harness, openai('x [sim:notImage]')));
  assertNoPartialFiles();
});

test('a truncated image download is a network error, with no file left', async () => {
  await expectError('network', () => generateWithImageFault({ kind: 'truncatedBody' }));
  assertNoPartialFiles();
});

test('a truncated b64_json answer is a network error, with no staged file left', async () => {
  harness.simulator.inject('openai.generate', { kind: 'truncatedBody' });
  await expectError('network', () => submit(harness, openai()));
  assertNoPartialFiles();
});

test('an image body that stalls past the body timeout is a timeout, with no file left', async () => {
  await expectError('timeout', () => generateWithImageFault({ kind: 'slowBody', delayMs: 1500 }));
  assertNoPartialFiles();
});

test('an existing file is never overwritten: the second image under the same name gets the next free one', async () => {
  const first = await generate(harness, jimmy());
  const before = readFileSync(first.image.path);
  const second = await generate(harness, jimmy());
  assert.equal(basename(first.image.path), 'out.png');
  assert.equal(basename(second.image.path), 'out-2.png');
  assert.ok(readFileSync(first.image.path).equals(before), 'the first image is untouched');
  assert.deepEqual(harness.files().filter((f) => f.endsWith('.part')), []);
});

test('cancelling through the AbortSignal stops a request with a cancelled error', async () => {
  harness.simulator.inject('jimmyai.query', { kind: 'slowHeaders', delayMs: 300 });
  const { provider, handle } = await submit(harness, jimmy());
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await expectError('cancelled', () => provider.query(handle, controller.signal));
});

test('a cancel or the task deadline while a b64_json answer streams in is reported as such, with nothing left on disk', async () => {
  const { TimeoutAbort } = await import('../../src/providers/http/timedBody');
  for (const [reason, kind] of [[undefined, 'cancelled'], [new TimeoutAbort('deadline', 180_000), 'timeout']] as const) {
    harness.simulator.inject('openai.generate', { kind: 'slowBody', delayMs: 100 });
    const controller = new AbortController();
    const provider = harness.provider('openai');
    const pending = provider.submit(openai('streams slowly'), { clientTaskId: `abort-${kind}`, openImage: () => harness.openImage('aborted'), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort(reason);
    const error = await expectError(kind, () => pending);
    if (kind === 'timeout') assert.equal(error.details.code, 'timeout:task');
    assertNoPartialFiles();
    assert.deepEqual(harness.files().filter((name) => name.startsWith('aborted')), []);
  }
});
