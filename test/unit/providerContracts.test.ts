// The provider contracts as providers.md describes them (sections 1–3): tolerant answers, the
// AIReiter query order, base URLs in the SDK convention, JimmyAI's variants, messages in Chinese
// and Korean, and no second charge after an ambiguous submit. Each test failed on the clients as
// they were before issue 11.
import { strict as assert } from 'node:assert';
import { afterEach, test } from 'node:test';
import { validateGeneration } from '../../src/core/catalog/validateGeneration';
import { joinUrl, type TaskStatus } from '../../src/providers/provider';
import type { SimulatorOptions } from '../simulator/simulator';
import { apiKey, generate, pollToEnd, requestFor, startHarness, submit, type Harness, expectError } from './support/engineHarness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: SimulatorOptions = {}): Promise<Harness> {
  harness = await startHarness(options, { headersTimeoutMs: 1000, idleTimeoutMs: 1000 });
  return harness;
}

const gptImage2 = (prompt = 'a lighthouse at dusk') => requestFor({ modelKey: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K', prompt });
const official = (prompt = 'a lighthouse at dusk') => requestFor({ modelKey: 'aireiter:gpt_image_2_official', aspectRatio: '16:9', resolution: '1K', quality: 'low', prompt });
const jimmy = (prompt = 'a lighthouse at dusk') => requestFor({ modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '1K', prompt });


function lastState(statuses: readonly TaskStatus[]): TaskStatus {
  return statuses.at(-1)!;
}

// ── 4. base URLs ending in /v1 ───────────────────────────────────────────────

test('base URLs with or without a trailing slash and /v1 reach the same paths', () => {
  for (const base of ['https://host', 'https://host/', 'https://host/v1', 'https://host/v1/', 'https://host/V1//']) {
    assert.equal(joinUrl(base, '/v1/images/generations'), 'https://host/v1/images/generations', base);
    assert.equal(joinUrl(base, '/api/openapi/submit'), 'https://host/api/openapi/submit', base);
  }
  assert.equal(joinUrl('https://gw.example/openai/v1', '/v1/images/edits'), 'https://gw.example/openai/v1/images/edits');
  assert.equal(joinUrl('https://host/v10', '/v1/images/edits'), 'https://host/v10/v1/images/edits', 'only a whole /v1 segment is dropped');
});

test('a JimmyAI and an AIReiter task complete with the base URL given as …/v1/', async () => {
  const h = await start();
  for (const request of [jimmy(), gptImage2()]) {
    const provider = (await import('../../src/providers/createProvider')).createProvider(request.model.provider, { baseUrl: `${h.simulator.url}/v1/`, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs: 5000, partialImages: 0, aireiterLookupDelayMs: 0 });
    const handle = await provider.submit(request, { clientTaskId: `v1-${request.model.key}`, openImage: () => h.openImage() });
    assert.equal(lastState(await pollToEnd(provider, handle)).state, 'succeeded', request.model.key);
  }
});

// ── 2. AIReiter query order ──────────────────────────────────────────────────

test('official tasks known only by task_id, on a gateway without /v1/tasks, are followed to the end', async () => {
  const h = await start({ officialQueryBy: ['task_id'], serveV1Tasks: false });
  const { statuses } = await generate(h, official());
  assert.equal(lastState(statuses).state, 'succeeded');
  const first = h.simulator.requestsFor('aireiter.query')[0]!;
  assert.ok(first.body && typeof first.body === 'object' && 'task_id' in first.body, 'task_id is asked first');
});

test('official tasks known only at /v1/tasks: not found on both query bodies means "next path", and the path that answered is kept', async () => {
  const h = await start({ officialQueryBy: [], notFoundStyle: 'body400' });
  const { statuses } = await generate(h, official());
  assert.equal(lastState(statuses).state, 'succeeded');
  assert.equal(h.simulator.requestsFor('aireiter.query').length, 2, 'task_id then out_task_id, once');
  assert.equal(h.simulator.requestsFor('aireiter.task').length, statuses.length, 'every poll after the first went straight to /v1/tasks');
});

test('a task no path knows is "not found, ask again", never a failed task', async () => {
  const h = await start();
  const provider = h.provider('aireiter');
  const error = await expectError('taskNotFound', () => provider.query({ provider: 'aireiter', modelKey: 'aireiter:gpt_image_2', clientTaskId: 'never-sent', taskId: 'task_NOPE' }));
  assert.equal(error.details.retryable, true);
});

// ── 3. lenient answers ───────────────────────────────────────────────────────

test('answers with numbers as strings, null links, non-string errors and unknown fields are read', async () => {
  const h = await start();
  const { statuses } = await generate(h, gptImage2('lenient [sim:variant=lenient][sim:durationMs=600]'));
  const done = lastState(statuses);
  assert.equal(done.state, 'succeeded');
  assert.equal(done.state === 'succeeded' ? done.creditsUsed : undefined, 100);
  assert.ok(statuses.some((status) => status.state === 'running' && typeof status.progress === 'number'));
  const jimmyRun = await generate(h, jimmy('lenient [sim:variant=lenient]'), 'jimmy');
  assert.equal(lastState(jimmyRun.statuses).state, 'succeeded');
});

test('an unreadable query answer is a retryable error with a cleaned excerpt; the next query succeeds', async () => {
  const h = await start();
  const { provider, handle } = await submit(h, jimmy());
  h.simulator.inject('jimmyai.query', { kind: 'malformedJson' });
  const error = await expectError('unexpectedAnswer', () => provider.query(handle));
  assert.equal(error.details.retryable, true);
  assert.match(error.message, /not a JSON object/);
  assert.equal(lastState(await pollToEnd(provider, handle)).state, 'succeeded');
});

// ── 7. JimmyAI variants ──────────────────────────────────────────────────────

for (const variant of ['success', 'url', 'mediaUrl', 'success+mediaUrl']) {
  test(`JimmyAI: ${variant} ends in the image`, async () => {
    const h = await start();
    const { statuses, image } = await generate(h, jimmy(`variant [sim:variant=${variant}]`));
    assert.equal(lastState(statuses).state, 'succeeded');
    assert.ok(image.bytes > 0);
  });
}

for (const field of ['error_msg', 'reason']) {
  test(`JimmyAI: a failure reason in ${field} reaches the user`, async () => {
    const h = await start();
    const { provider, handle } = await submit(h, jimmy(`fails [sim:taskFailed=upstream exploded][sim:variant=${field}]`));
    const done = lastState(await pollToEnd(provider, handle));
    assert.equal(done.state, 'failed');
    assert.match(done.state === 'failed' ? done.error.message : '', /upstream exploded/);
  });
}

// ── 8. Chinese and Korean messages ───────────────────────────────────────────

for (const language of ['zh', 'ko'] as const) {
  test(`moderation refusals in ${language} are moderation, not a plain failure`, async () => {
    const h = await start();
    for (const request of [gptImage2(`refused [sim:moderation][sim:variant=${language}]`), jimmy(`refused [sim:moderation][sim:variant=${language}]`)]) {
      const { provider, handle } = await submit(h, request);
      const done = lastState(await pollToEnd(provider, handle));
      assert.equal(done.state === 'failed' ? done.error.kind : done.state, 'moderation', request.model.key);
    }
  });

  test(`out-of-credits answers in ${language} are insufficientCredits`, async () => {
    const h = await start();
    h.simulator.inject('aireiter.submit', { kind: 'noCredits', language });
    await expectError('insufficientCredits', () => submit(h, gptImage2()));
    h.simulator.inject('jimmyai.create', { kind: 'noCredits', language });
    await expectError('insufficientCredits', () => submit(h, jimmy()));
  });
}

// ── 6. no double charges ─────────────────────────────────────────────────────

test('AIReiter: a submit whose answer was lost is looked up by out_task_id, not sent again', async () => {
  const h = await start();
  h.simulator.inject('aireiter.submit', { kind: 'dropAnswer' });
  const { statuses } = await generate(h, gptImage2());
  assert.equal(lastState(statuses).state, 'succeeded');
  assert.equal(h.simulator.requestsFor('aireiter.submit').length, 1, 'one submit');
  assert.equal(h.simulator.charges, 1, 'one charge');
});

test('AIReiter: a submit the provider never received (reset before it) is sent again after the lookup says "no such task"', async () => {
  const h = await start();
  h.simulator.inject('aireiter.submit', { kind: 'reset' });
  const { statuses } = await generate(h, gptImage2());
  assert.equal(lastState(statuses).state, 'succeeded');
  assert.equal(h.simulator.requestsFor('aireiter.submit').length, 2);
  assert.equal(h.simulator.charges, 1);
});

test('AIReiter: resuming a task whose submit answer never arrived finds it instead of submitting again', async () => {
  const h = await start();
  const provider = h.provider('aireiter');
  const request = gptImage2();
  await provider.submit(request, { clientTaskId: 'resumed-1', openImage: () => h.openImage() });
  const handle = await provider.submit(request, { clientTaskId: 'resumed-1', openImage: () => h.openImage(), mayExist: true });
  assert.equal(h.simulator.requestsFor('aireiter.submit').length, 1);
  assert.equal(h.simulator.charges, 1);
  assert.equal(lastState(await pollToEnd(provider, handle)).state, 'succeeded');
});

test('JimmyAI: a create whose answer was lost is never re-sent, and the user is told it may be charged', async () => {
  const h = await start();
  h.simulator.inject('jimmyai.create', { kind: 'dropAnswer' });
  const error = await expectError('network', () => submit(h, jimmy()));
  assert.match(error.message, /may have started this image/);
  assert.equal(error.details.retryable, false);
  assert.equal(h.simulator.requestsFor('jimmyai.create').length, 1);
});

test('JimmyAI: a 500 on create is not repeated', async () => {
  const h = await start();
  h.simulator.inject('jimmyai.create', { kind: 'status', status: 500 });
  await expectError('server', () => submit(h, jimmy()));
  assert.equal(h.simulator.requestsFor('jimmyai.create').length, 1);
});

// ── 9. gpt_image_2_official ──────────────────────────────────────────────────

test('gpt_image_2_official: no auto quality; up to 9 reference images', () => {
  const base = { modelKey: 'aireiter:gpt_image_2_official', prompt: 'p', aspectRatio: '1:1', resolution: '1K' } as const;
  assert.equal(validateGeneration({ ...base, quality: 'auto' }).ok, false);
  const png = 'data:image/png;base64,iVBORw0KGgo=';
  assert.equal(validateGeneration({ ...base, quality: 'high', referenceImages: Array(9).fill(png) }).ok, true);
  assert.equal(validateGeneration({ ...base, quality: 'high', referenceImages: Array(10).fill(png) }).ok, false);
});

test('a request fetch refuses before sending anything (a bad port) is a plain network error: no lookup, no following', async () => {
  const h = await start();
  const { createProvider } = await import('../../src/providers/createProvider');
  const provider = createProvider('aireiter', { baseUrl: 'http://127.0.0.1:9', apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs: 5000, partialImages: 0, aireiterLookupDelayMs: 0 });
  const error = await expectError('network', () => provider.submit(gptImage2(), { clientTaskId: 'bad-port', openImage: () => h.openImage() }));
  assert.doesNotMatch(error.message, /may have started/);
});

// ── issue 22: §5 corrections, end to end on the simulator ───────────────────

test('gpt_image_2_official: a submit charged whose answer was lost is not sent again: one charge, "may have been charged" naming the out_task_id', async () => {
  const h = await start();
  h.simulator.inject('aireiter.submit', { kind: 'dropAnswer' });
  const error = await expectError('network', () => submit(h, official(), 'official-lost-1'));
  assert.equal(h.simulator.charges, 1, 'one charge');
  assert.equal(h.simulator.requestsFor('aireiter.submit').length, 1, 'one submit');
  assert.equal(error.details.mayHaveCharged, true);
  assert.match(error.message, /out_task_id official-lost-1/);
  assert.match(error.message, /a retry may charge again/);
});

test('gpt_image_2_official: where the gateway finds it by out_task_id too, the lost answer is followed to the image', async () => {
  const h = await start({ officialQueryBy: ['task_id', 'out_task_id'] });
  h.simulator.inject('aireiter.submit', { kind: 'dropAnswer' });
  const { statuses } = await generate(h, official());
  assert.equal(lastState(statuses).state, 'succeeded');
  assert.equal(h.simulator.charges, 1);
});

test('AIReiter: balance too low as HTTP 200 { error: { code: 433 } } with no data → insufficientCredits, one submit, nothing charged', async () => {
  const h = await start();
  for (const prompt of ['broke [sim:errorObject=433]', 'broke [sim:errorObject=433+envelope]']) {
    for (const request of [gptImage2(prompt), official(prompt)]) {
      const before = h.simulator.requestsFor('aireiter.submit').length;
      await expectError('insufficientCredits', () => submit(h, request));
      assert.equal(h.simulator.requestsFor('aireiter.submit').length - before, 1, `${request.model.key}: sent once`);
    }
  }
  assert.equal(h.simulator.requestsFor('aireiter.query').length, 0, 'nothing looked up');
  assert.equal(h.simulator.charges, 0);
});

test('AIReiter: numeric statuses (0/1/2) with the image at result.response.download_url end in the image', async () => {
  const h = await start();
  for (const request of [gptImage2('numbers [sim:variant=numeric][sim:durationMs=400]'), official('numbers [sim:variant=numeric]')]) {
    const { statuses, image } = await generate(h, request);
    assert.equal(lastState(statuses).state, 'succeeded', request.model.key);
    assert.ok(image.bytes > 0);
  }
});
