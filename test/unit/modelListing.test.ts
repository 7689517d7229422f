// GET /v1/models, read leniently and cached; inline answers (OpenAI's documented list shape with
// `shutdown_date`), not the simulator's bytes.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HttpClient } from '../../src/providers/httpClient';
import { OpenaiModelListing, offerableModelIds } from '../../src/providers/openai/modelListing';

function endpoint(answer: { status: number; body: unknown }) {
  const calls: { url: string; authorization: string | null }[] = [];
  const http = new HttpClient({
    userAgent: 'test',
    maxAttempts: 1,
    fetch: async (url, init) => {
      calls.push({ url, authorization: new Headers(init.headers).get('authorization') });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { calls, http: () => http };
}

const listed = {
  object: 'list',
  data: [
    { id: 'gpt-image-2', object: 'model', created: 1, owned_by: 'system', shutdown_date: null },
    { id: 'gpt-image-1', object: 'model', created: 1, owned_by: 'system', shutdown_date: '2026-10-23' },
    { id: 'gpt-image-3-preview', object: 'model', shutdown_date: '2027-03-01' },
    { id: 'gpt-5', object: 'model' },
    { id: 'odd', shutdown_date: { when: 'soon' } },
  ],
};

test('the endpoint\'s ids with their shutdown dates, asked for once per endpoint and key within the cache time', async () => {
  const { calls, http } = endpoint({ status: 200, body: listed });
  let now = 0;
  const listing = new OpenaiModelListing(http, { ttlMs: 1_000, now: () => now });
  const first = await listing.list('https://gw.test/v1', 'sk-one');
  assert.equal(first.kind, 'listed');
  assert.deepEqual(first.kind === 'listed' && first.models.map((model) => [model.id, model.shutdownDate]), [
    ['gpt-image-2', undefined],
    ['gpt-image-1', '2026-10-23'],
    ['gpt-image-3-preview', '2027-03-01'],
    ['gpt-5', undefined],
    ['odd', undefined],
  ]);
  assert.deepEqual(calls, [{ url: 'https://gw.test/v1/models', authorization: 'Bearer sk-one' }], 'a base URL ending in /v1 is not doubled');
  await listing.list('https://gw.test/v1', 'sk-one');
  assert.equal(calls.length, 1, 'cached');
  await listing.list('https://gw.test/v1', 'sk-two');
  assert.equal(calls.length, 2, 'another key may see other models');
  now = 1_001;
  await listing.list('https://gw.test/v1', 'sk-one');
  assert.equal(calls.length, 3, 'asked again after the cache time');
});

test('a gateway without /v1/models has no list (remembered); an error is not remembered', async () => {
  const missing = endpoint({ status: 404, body: { error: 'no such endpoint' } });
  const listing = new OpenaiModelListing(missing.http);
  assert.deepEqual(await listing.list('https://gw.test', 'k'), { kind: 'unlisted', reason: 'no /v1/models' });
  await listing.list('https://gw.test', 'k');
  assert.equal(missing.calls.length, 1);
  const refused = endpoint({ status: 401, body: { error: { message: 'bad key' } } });
  const again = new OpenaiModelListing(refused.http);
  assert.equal((await again.list('https://gw.test', 'k')).kind, 'unlisted');
  await new Promise((resolve) => setImmediate(resolve));
  await again.list('https://gw.test', 'k');
  assert.equal(refused.calls.length, 2);
  const shapeless = endpoint({ status: 200, body: { models: ['a'] } });
  assert.deepEqual(await new OpenaiModelListing(shapeless.http).list('https://gw.test', 'k'), { kind: 'unlisted', reason: 'the answer has no data[].id' });
});

test('offered: image models not shut down by today; every live id when none looks like an image model', () => {
  const models = [{ id: 'gpt-image-2' }, { id: 'gpt-image-1', shutdownDate: '2026-10-23' }, { id: 'gpt-image-1.5', shutdownDate: '2026-12-01' }, { id: 'gpt-image-3-preview', shutdownDate: '2027-03-01' }, { id: 'gpt-5' }];
  assert.deepEqual(offerableModelIds(models, '2026-12-02'), ['gpt-image-2', 'gpt-image-3-preview']);
  assert.deepEqual(offerableModelIds(models, '2026-11-30'), ['gpt-image-2', 'gpt-image-1.5', 'gpt-image-3-preview']);
  assert.deepEqual(offerableModelIds([{ id: 'house-painter' }, { id: 'old', shutdownDate: '2020-01-01' }], '2026-12-02'), ['house-painter']);
});
