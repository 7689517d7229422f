// Issue 22's AIReiter and JimmyAI contracts (providers.md §5), on inline answers: a 2xx answer
// with an `error` object and no task is a refusal sent once; every body code the spec lists,
// at HTTP 200, means what it says and is never sent again; gpt_image_2_official is never sent
// again after an ambiguous submit; numeric statuses and result.response.download_url are read.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { ProviderErrorKind } from '../../src/providers/errors';
import { AireiterProvider } from '../../src/providers/aireiter/aireiterProvider';
import { HttpClient } from '../../src/providers/httpClient';
import { JimmyaiProvider } from '../../src/providers/jimmyai/jimmyaiProvider';
import type { ImageProvider, TaskHandle } from '../../src/providers/provider';
import { apiKey, expectError, requestFor } from './support/engineHarness';

type Answer = { status?: number; body: unknown } | 'reset';

/** A provider whose requests get `answer(path, body)`; `calls` counts them by path. */
function scripted(id: 'aireiter' | 'jimmyai', answer: (path: string, body: any) => Answer): { provider: ImageProvider; calls: Map<string, number>; bodies: { path: string; body: any }[] } {
  const calls = new Map<string, number>();
  const bodies: { path: string; body: any }[] = [];
  const http = new HttpClient({
    userAgent: 'ImageGen-test/1.0',
    baseDelayMs: 1,
    maxDelayMs: 2,
    sleep: () => Promise.resolve(),
    fetch: async (input, init) => {
      const path = new URL(String(input)).pathname;
      const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.set(path, (calls.get(path) ?? 0) + 1);
      bodies.push({ path, body });
      const reply = answer(path, body);
      if (reply === 'reset') {
        throw Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
      }
      return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'content-type': 'application/json' } });
    },
  });
  const config = { baseUrl: 'https://aireiter.example', apiKey, http };
  return { provider: id === 'aireiter' ? new AireiterProvider(config, { lookupDelayMs: 0 }) : new JimmyaiProvider(config), calls, bodies };
}

const submitPath = '/api/openapi/submit';
const queryPath = '/api/openapi/query';
const gptImage2 = () => requestFor({ modelKey: 'aireiter:gpt_image_2', aspectRatio: '1:1', resolution: '1K' });
const official = () => requestFor({ modelKey: 'aireiter:gpt_image_2_official', aspectRatio: '16:9', resolution: '1K', quality: 'low' });
const jimmy = () => requestFor({ modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '1k' });
const notFound = { status: 404, body: { statusCode: 404, message: 'task not found', data: null } };
const open = () => Promise.reject(new Error('no image inside these answers'));

// ── a 2xx answer with an error object and no task ───────────────────────────

const refusals: [string, unknown, ProviderErrorKind][] = [
  ['nested 433, no data (balance too low)', { error: { code: 433, message: '账户余额不足' } }, 'insufficientCredits'],
  ['nested 433 beside code 200', { code: 200, error: { code: 433, message: '账户余额不足' }, data: null }, 'insufficientCredits'],
  ['nested 433 beside statusCode 200 and empty data', { statusCode: 200, message: '', error: { code: '433', message: 'balance too low' }, data: [] }, 'insufficientCredits'],
  ['an error object with only a credits text', { error: { message: 'not enough credits' } }, 'insufficientCredits'],
  ['an error text in Chinese (积分不足)', { error: '积分不足' }, 'insufficientCredits'],
  ['an error object with a moderation text', { error: { message: '提示词未通过内容安全审核' } }, 'moderation'],
  ['nested 401', { error: { code: 401, message: 'invalid api key' } }, 'auth'],
  ['nested 429 busy', { error: { code: 429, message: 'system busy' } }, 'rateLimited'],
  ['an error object saying busy, no code', { error: { message: 'server busy, try later' } }, 'rateLimited'],
  ['nested 500', { error: { code: 500, message: 'internal error' } }, 'server'],
  ['an unexplained error object', { error: { message: 'something odd' } }, 'invalidRequest'],
];
for (const [label, body, kind] of refusals) {
  test(`AIReiter: HTTP 200 with ${label} → ${kind}, sent once, nothing looked up`, async () => {
    for (const request of [gptImage2(), official()]) {
      const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body } : notFound));
      const error = await expectError(kind, () => provider.submit(request, { clientTaskId: 'refused-1', openImage: open }));
      assert.equal(calls.get(submitPath), 1, `${request.model.key}: one submit`);
      assert.equal(calls.get(queryPath) ?? 0, 0, `${request.model.key}: no lookup`);
      assert.notEqual(error.details.retryable === true && kind !== 'rateLimited', true, 'not retryable');
    }
  });
}

test('AIReiter: the nested 433 also refuses a resumed task (mayExist) without a second submit', async () => {
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body: { error: { code: 433, message: '账户余额不足' } } } : notFound));
  await expectError('insufficientCredits', () => provider.submit(gptImage2(), { clientTaskId: 'refused-2', openImage: open, mayExist: true }));
  assert.equal(calls.get(submitPath), 1);
});

test('AIReiter: "error": null beside a task is not a refusal', async () => {
  const { provider } = scripted('aireiter', () => ({ body: { statusCode: 200, message: '', error: null, data: { out_task_id: 'x', status: 'pending' } } }));
  const handle = await provider.submit(gptImage2(), { clientTaskId: 'x', openImage: open });
  assert.equal(handle.clientTaskId, 'x');
});

// ── the body codes the spec lists, at HTTP 200 ──────────────────────────────

const aireiterCodes: [number, string, ProviderErrorKind][] = [
  [401, 'invalid api key', 'auth'],
  [400, 'invalid parameter: aspect_ratio', 'invalidRequest'],
  [429, 'system busy', 'rateLimited'],
  [433, 'not enough credits', 'insufficientCredits'],
  [400, '积分不足', 'insufficientCredits'],
  [400, '余额不足', 'insufficientCredits'],
  [400, 'insufficient balance', 'insufficientCredits'],
  [400, '提示词包含敏感内容', 'moderation'],
  [400, '内容违规', 'moderation'],
];
for (const [code, message, kind] of aireiterCodes) {
  test(`AIReiter: body statusCode ${code} "${message}" at HTTP 200 → ${kind}, sent once`, async () => {
    const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body: { statusCode: code, message, data: null } } : notFound));
    const error = await expectError(kind, () => provider.submit(gptImage2(), { clientTaskId: `code-${code}`, openImage: open }));
    assert.equal(error.details.code, String(code));
    assert.equal(calls.get(submitPath), 1);
    assert.equal(calls.get(queryPath) ?? 0, 0);
  });
}

const jimmyCodes: [string, unknown, ProviderErrorKind][] = [
  ['20001', 'invalid token', 'auth'],
  ['20002', 'invalid parameter', 'invalidRequest'],
  [' -1 (a number)', -1, 'server'],
  ['-1', 'internal error', 'server'],
  ['an unknown code with a credits text', '余额不足', 'insufficientCredits'],
];
for (const [label, message, kind] of jimmyCodes) {
  test(`JimmyAI: body code ${label} at HTTP 200 → ${kind}, sent once`, async () => {
    const code = label.startsWith(' -1') ? -1 : label.startsWith('an unknown') ? '20015' : label;
    const { provider, calls } = scripted('jimmyai', () => ({ body: { code, msg: typeof message === 'string' ? message : 'error', data: null } }));
    const error = await expectError(kind, () => provider.submit(jimmy(), { clientTaskId: 'j-1', openImage: open }));
    assert.equal(calls.get('/api/open-api/v1/images'), 1);
    assert.equal(error.details.code, String(code));
    if (kind === 'server') {
      // A server error on create may have created the task: told so, never re-sent.
      assert.equal(error.details.mayHaveCharged, true);
      assert.match(error.message, /may charge again/);
    }
  });
}

test('JimmyAI: HTTP 200 with an error object and no data is the refusal it names, not "may have started"', async () => {
  const { provider, calls } = scripted('jimmyai', () => ({ body: { error: { code: 402, message: 'insufficient balance' } } }));
  const error = await expectError('insufficientCredits', () => provider.submit(jimmy(), { clientTaskId: 'j-2', openImage: open }));
  assert.doesNotMatch(error.message, /may have started/);
  assert.equal(calls.get('/api/open-api/v1/images'), 1);
});

// ── gpt_image_2_official after an ambiguous submit ──────────────────────────

for (const [label, submitAnswer] of [['a lost answer (connection closed)', 'reset'], ['a 502', { status: 502, body: { statusCode: 502, message: 'bad gateway', data: null } }]] as const) {
  test(`gpt_image_2_official: after ${label}, "not found" by out_task_id is no reason to submit again`, async () => {
    const { provider, calls, bodies } = scripted('aireiter', (path) => (path === submitPath ? submitAnswer : notFound));
    const error = await expectError(submitAnswer === 'reset' ? 'network' : 'server', () => provider.submit(official(), { clientTaskId: 'img-official-1', openImage: open }));
    assert.equal(calls.get(submitPath), 1, 'one submit');
    assert.deepEqual(bodies.filter((entry) => entry.path === queryPath).map((entry) => entry.body), [{ out_task_id: 'img-official-1' }], 'looked up once, by out_task_id');
    assert.equal(error.details.mayHaveCharged, true);
    assert.equal(error.details.retryable, false);
    assert.match(error.message, /may have accepted this gpt_image_2_official image and charged for it/);
    assert.match(error.message, /out_task_id img-official-1/);
    assert.match(error.message, /a retry may charge again/);
  });
}

test('gpt_image_2_official: when the lookup itself fails, nothing is sent again either', async () => {
  const { provider, calls } = scripted('aireiter', () => 'reset');
  const error = await expectError('network', () => provider.submit(official(), { clientTaskId: 'img-official-2', openImage: open }));
  assert.equal(calls.get(submitPath), 1);
  assert.equal(error.details.mayHaveCharged, true);
});

test('gpt_image_2_official: whatever the lookup after an ambiguous submit runs into (a refusal, say), the task stays "may have been charged"', async () => {
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? 'reset' : { status: 400, body: { statusCode: 400, message: 'invalid parameter', data: null } }));
  const error = await expectError('network', () => provider.submit(official(), { clientTaskId: 'img-official-5', openImage: open }));
  assert.equal(calls.get(submitPath), 1);
  assert.equal(error.details.mayHaveCharged, true);
});

test('gpt_image_2_official: resumed after a reload (mayExist) and not found by out_task_id → "may have been charged", nothing sent', async () => {
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body: { code: 200, data: [{ status: 'submitted', task_id: 'task_1' }] } } : notFound));
  const error = await expectError('taskNotFound', () => provider.submit(official(), { clientTaskId: 'img-official-3', openImage: open, mayExist: true }));
  assert.equal(calls.get(submitPath) ?? 0, 0);
  assert.equal(error.details.mayHaveCharged, true);
  assert.match(error.message, /out_task_id img-official-3/);
});

test('gpt_image_2_official: a lost answer whose task IS found by out_task_id is followed, not failed', async () => {
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? 'reset' : { body: { statusCode: 200, data: { task_id: 'task_9', status: 'processing' } } }));
  const handle = await provider.submit(official(), { clientTaskId: 'img-official-4', openImage: open });
  assert.equal(handle.taskId, 'task_9');
  assert.equal(calls.get(submitPath), 1);
});

test('gpt_image_2 (found by out_task_id) keeps today\'s way: not found after a 502 → sent again', async () => {
  let submits = 0;
  const { provider, calls } = scripted('aireiter', (path) => {
    if (path !== submitPath) return notFound;
    submits += 1;
    return submits === 1 ? { status: 502, body: { statusCode: 502, message: 'bad gateway', data: null } } : { body: { statusCode: 200, data: { out_task_id: 'g-1', status: 'pending' } } };
  });
  await provider.submit(gptImage2(), { clientTaskId: 'g-1', openImage: open });
  assert.equal(calls.get(submitPath), 2);
});

test('gpt_image_2: a bare 404 on the lookup (a proxy\'s block page, a mirror without the route) is not AIReiter saying "no such task": nothing is sent again, the task is followed by out_task_id', async () => {
  for (const blockPage of [{ status: 404, body: '<html><body>404 Not Found</body></html>' }, { status: 404, body: { detail: 'Not Found' } }]) {
    const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { status: 502, body: { statusCode: 502, message: 'bad gateway', data: null } } : blockPage));
    const handle = await provider.submit(gptImage2(), { clientTaskId: 'g-404', openImage: open });
    assert.equal(calls.get(submitPath), 1, 'sent once');
    assert.equal(handle.clientTaskId, 'g-404', 'followed by its out_task_id');
  }
  // Resumed after a reload: the same 404 never lets a request go out either.
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body: { statusCode: 200, data: { out_task_id: 'g-r', status: 'pending' } } } : { status: 404, body: '<html>Not Found</html>' }));
  await provider.submit(gptImage2(), { clientTaskId: 'g-r', openImage: open, mayExist: true }).catch(() => undefined);
  assert.equal(calls.get(submitPath) ?? 0, 0, 'not sent on a 404 nobody explained');
});

// ── a lookup before anything is sent again runs because a request may have been billed ──

test('a resumed task (mayExist) whose lookup fails keeps "may have been charged", for either model, and nothing is sent', async () => {
  const cases = [
    { label: 'gpt_image_2, a bare 404', request: gptImage2(), answer: { status: 404, body: '<html>Not Found</html>' }, kind: 'server' as const },
    { label: 'gpt_image_2, a refused query', request: gptImage2(), answer: { status: 400, body: { statusCode: 400, message: 'invalid parameter', data: null } }, kind: 'invalidRequest' as const },
    { label: 'gpt_image_2_official, a refused query', request: official(), answer: { status: 400, body: { statusCode: 400, message: 'invalid parameter', data: null } }, kind: 'invalidRequest' as const },
  ];
  for (const { label, request, answer, kind } of cases) {
    const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { body: { statusCode: 200, data: { out_task_id: 'm-1', status: 'pending' } } } : answer));
    const error = await expectError(kind, () => provider.submit(request, { clientTaskId: 'm-1', openImage: open, mayExist: true }));
    assert.equal(calls.get(submitPath) ?? 0, 0, `${label}: nothing sent`);
    assert.equal(error.details.mayHaveCharged, true, `${label}: may have been charged`);
    assert.match(error.message, /out_task_id m-1/, label);
  }
});

test('gpt_image_2: a lookup after an ambiguous submit that is refused (a key refused now) keeps "may have been charged"', async () => {
  const { provider, calls } = scripted('aireiter', (path) => (path === submitPath ? { status: 502, body: { statusCode: 502, message: 'bad gateway', data: null } } : { status: 401, body: { statusCode: 401, message: 'invalid api key', data: null } }));
  const error = await expectError('auth', () => provider.submit(gptImage2(), { clientTaskId: 'g-401', openImage: open }));
  assert.equal(calls.get(submitPath), 1, 'sent once');
  assert.equal(error.details.mayHaveCharged, true);
});

// ── query answers: nested "not found", numeric statuses, result.response.download_url ──

test('AIReiter: a query answering HTTP 200 with a nested 404 "not found" means "ask the next path"', async () => {
  const { provider } = scripted('aireiter', (_path, body) => (body?.task_id ? { body: { error: { code: 404, message: 'task not found' } } } : { body: { statusCode: 200, data: { status: 'completed', output: [{ url: 'https://cdn.example/a.png' }] } } }));
  const handle: TaskHandle = { provider: 'aireiter', modelKey: 'aireiter:gpt_image_2_official', clientTaskId: 'q-1', taskId: 'task_1' };
  const status = await provider.query(handle);
  assert.equal(status.state, 'succeeded');
});

const numeric: [string, unknown, string, string?][] = [
  ['0', { status: 0 }, 'queued'],
  ['1', { status: 1 }, 'running'],
  ['2 with result.response.download_url', { status: 2, result: { response: { download_url: 'https://cdn.example/done.png' } } }, 'succeeded', 'https://cdn.example/done.png'],
  ['"2" (a string) with output[].url', { status: '2', output: [{ url: 'https://cdn.example/o.png' }] }, 'succeeded', 'https://cdn.example/o.png'],
  ['2 without an image (not terminal)', { status: 2 }, 'running'],
  ['7 (unknown, not terminal)', { status: 7 }, 'running'],
  ['completed with result.response.download_url', { status: 'completed', result: { response: { download_url: 'https://cdn.example/w.png' } } }, 'succeeded', 'https://cdn.example/w.png'],
];
for (const [label, data, state, url] of numeric) {
  test(`AIReiter: status ${label} → ${state}`, async () => {
    const { provider } = scripted('aireiter', () => ({ body: { statusCode: 200, message: '', data } }));
    const status = await provider.query({ provider: 'aireiter', modelKey: 'aireiter:gpt_image_2', clientTaskId: 'n-1' });
    assert.equal(status.state, state);
    if (url) assert.deepEqual(status.state === 'succeeded' ? status.images : undefined, [{ kind: 'url', url }]);
    if (label.includes('not terminal')) assert.equal(status.state === 'running' ? status.unknownStatus : undefined, String((data as { status: number }).status));
  });
}
