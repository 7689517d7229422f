// The simulator rejects what the real services reject, in their answer shapes.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { ProviderSimulator } from '../simulator/simulator';

let simulator: ProviderSimulator;
before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 0, processingMs: 0 } });
  await simulator.start();
});
after(async () => simulator.stop());

async function post(path: string, body: unknown, key = 'sim-key'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${simulator.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const submit = (model: string, params: Record<string, unknown>, outTaskId = `t-${Math.random()}`) => post('/api/openapi/submit', { model, params, out_task_id: outTaskId });

test('AIReiter: size with aspect_ratio → 400; pixels out of range → 400; official 4K with 1:1 → 400', async () => {
  for (const params of [
    { prompt: 'p', size: '2048x2048', aspect_ratio: '1:1' },
    { prompt: 'p', size: '2048x2048', resolution: '2K' },
    { prompt: 'p', size: '800x800' },
    { prompt: 'p', size: '4000x2500' },
  ]) {
    const answer = await submit('gpt_image_2', params);
    assert.equal(answer.status, 400, JSON.stringify(params));
    assert.equal(answer.body.statusCode, 400);
  }
  const official = await submit('gpt_image_2_official', { prompt: 'p', aspect_ratio: '1:1', resolution: '4K' });
  assert.equal(official.status, 400);
  assert.match(official.body.message, /pixel limit/);
  assert.equal((await submit('gpt_image_2_official', { prompt: 'p', aspect_ratio: '16:9', resolution: '4K' })).body.code, 200);
});

test('AIReiter: unknown model and missing prompt → 400; the submit shapes differ by model', async () => {
  assert.equal((await submit('gpt_image_3', { prompt: 'p' })).status, 400);
  assert.equal((await submit('gpt_image_2', { aspect_ratio: '1:1' })).status, 400);
  const plain = await submit('gpt_image_2', { prompt: 'p', aspect_ratio: '16:9' }, 'shape-1');
  assert.deepEqual(Object.keys(plain.body).sort(), ['data', 'message', 'statusCode']);
  assert.equal(plain.body.data.out_task_id, 'shape-1');
  assert.equal(plain.body.data.status, 'pending');
  const official = await submit('gpt_image_2_official', { prompt: 'p', aspect_ratio: '16:9', resolution: '2K', quality: 'high' });
  assert.ok(Array.isArray(official.body.data));
  assert.equal(official.body.data[0].status, 'submitted');
  assert.match(official.body.data[0].task_id, /^task_/);
});

test('AIReiter: a custom size below 2,088,960 pixels is silently swapped for ~1.57 MP, as upstream does', async () => {
  await submit('gpt_image_2', { prompt: 'p', size: '1024x1024' }, 'swap-1');
  const query = await post('/api/openapi/query', { out_task_id: 'swap-1' });
  const image = Buffer.from(await (await fetch(query.body.data.output[0].url)).arrayBuffer());
  const info = readImageInfo(image)!;
  assert.notEqual(`${info.width}x${info.height}`, '1024x1024');
  assert.ok(Math.abs(info.width * info.height - 1_572_864) < 100_000, `${info.width}x${info.height}`);
});

test('JimmyAI: bad ratio, 4k with a rejected ratio, unknown model → code 20002; bad key → 20001', async () => {
  for (const body of [
    { model: 'gpt-image-2', prompt: 'p', ratio: '7:3' },
    { model: 'gpt-image-2', prompt: 'p', ratio: '1:1', resolution: '4k' },
    { model: 'dall-e-9', prompt: 'p' },
    { model: 'nano-banana', prompt: '' },
  ]) {
    const answer = await post('/api/open-api/v1/images', body);
    assert.equal(answer.body.code, '20002', JSON.stringify(body));
  }
  assert.equal((await post('/api/open-api/v1/images', { model: 'nano-banana', prompt: 'p' }, 'wrong')).body.code, '20001');
  const ok = await post('/api/open-api/v1/images', { model: 'gpt-image-2', prompt: 'p', ratio: '21:9', resolution: '4k' });
  assert.equal(ok.body.code, '20000');
  assert.equal(typeof ok.body.data.created_at, 'number');
});

test('OpenAI: sizes off the rules → 400 invalid_request_error; shut-down models refused (404 model_not_found or "deprecated"); other ids served', async () => {
  for (const [model, size] of [['gpt-image-2', '1000x1000'], ['gpt-image-2', '3840x2176'], ['a-gateway-name', '1000x1000']]) {
    const answer = await post('/v1/images/generations', { model, prompt: 'p', size });
    assert.equal(answer.status, 400, `${model} ${size}`);
    assert.equal(answer.body.error.type, 'invalid_request_error');
  }
  const retired = await post('/v1/images/generations', { model: 'gpt-image-1', prompt: 'p' });
  assert.equal(retired.status, 404);
  assert.equal(retired.body.error.code, 'model_not_found');
  const deprecated = await post('/v1/images/generations', { model: 'gpt-image-1.5', prompt: 'p' });
  assert.equal(deprecated.status, 400);
  assert.match(deprecated.body.error.message, /deprecated/);
  const unlisted = await post('/v1/images/generations', { model: 'gpt-image-2.5', prompt: 'p', size: '2048x1152' });
  assert.equal(unlisted.status, 200);
  assert.ok(unlisted.body.data[0].b64_json);
  const wrongKey = await post('/v1/images/generations', { model: 'gpt-image-2', prompt: 'p' }, 'nope');
  assert.equal(wrongKey.status, 401);
});

test('faults can be injected over HTTP by other processes', async () => {
  const control = await fetch(`${simulator.url}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'jimmyai.create', fault: { kind: 'status', status: 502 } }) });
  assert.equal(control.status, 200);
  assert.equal((await post('/api/open-api/v1/images', { model: 'nano-banana', prompt: 'p' })).status, 502);
  assert.equal((await post('/api/open-api/v1/images', { model: 'nano-banana', prompt: 'p' })).status, 200);
});

test('the simulator listens on 127.0.0.1 only', () => {
  assert.match(simulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('[sim:durationMs=N] sets how long one task processes', async () => {
  const slow = new ProviderSimulator({ lifecycle: { queuedMs: 0, processingMs: 0 } });
  await slow.start();
  try {
    const created = await fetch(`${slow.url}/api/open-api/v1/images`, { method: 'POST', headers: { authorization: 'Bearer sim-key', 'content-type': 'application/json' }, body: JSON.stringify({ model: 'nano-banana', prompt: 'x [sim:durationMs=60000]' }) });
    const taskId = ((await created.json()) as { data: { task_id: string } }).data.task_id;
    const query = await fetch(`${slow.url}/api/open-api/v1/images/${taskId}`, { headers: { authorization: 'Bearer sim-key' } });
    assert.equal(((await query.json()) as { data: { status: string } }).data.status, 'processing');
    assert.ok(slow.completionTime(taskId)! - Date.now() > 50_000);
  } finally {
    await slow.stop();
  }
});

test('JimmyAI\u2019s synchronous OpenAI-shaped copy (named in the spec; ImageGen uses the async API): the answer in a { code: 20000 } envelope, numeric error codes, multipart edits, never a stream', async () => {
  const generated = await post('/api/open-api/v1/images/generations', { model: 'gpt-image-2', prompt: 'p', size: '1536x864', stream: true, partial_images: 2 });
  assert.equal(generated.status, 200);
  assert.equal(generated.body.code, 20000);
  assert.deepEqual(readImageInfo(Buffer.from(generated.body.data.data[0].b64_json, 'base64')), { format: 'png', width: 1536, height: 864 });
  const refused = await post('/api/open-api/v1/images/generations', { model: 'gpt-image-2', prompt: 'p', size: '10x10' });
  assert.equal(refused.status, 200);
  assert.equal(refused.body.code, 20002);
  const form = new FormData();
  form.append('model', 'gpt-image-2');
  form.append('prompt', 'p');
  form.append('image', new Blob([new Uint8Array(8)], { type: 'image/png' }), 'ref.png');
  const edit = await fetch(`${simulator.url}/api/open-api/v1/images/edits`, { method: 'POST', headers: { authorization: 'Bearer sim-key' }, body: form });
  assert.equal(((await edit.json()) as { code: number }).code, 20000);
});

test('AIReiter: [sim:errorObject=433] refuses at HTTP 200 with a top-level error object and no data, charging nothing', async () => {
  const before = simulator.charges;
  const plain = await submit('gpt_image_2', { prompt: 'p [sim:errorObject=433]', aspect_ratio: '1:1' });
  assert.equal(plain.status, 200);
  assert.deepEqual(plain.body, { error: { code: 433, message: '账户余额不足' } });
  const enveloped = await submit('gpt_image_2_official', { prompt: 'p [sim:errorObject=433+envelope]', aspect_ratio: '16:9' });
  assert.deepEqual(enveloped.body, { code: 200, error: { code: 433, message: '账户余额不足' } });
  assert.equal(simulator.charges, before);
});

test('AIReiter: [sim:variant=numeric] answers 0 at submit and 2 with result.response.download_url when done', async () => {
  const outTaskId = `numeric-${Math.random()}`;
  const submitted = await submit('gpt_image_2', { prompt: 'p [sim:variant=numeric]', aspect_ratio: '1:1' }, outTaskId);
  assert.equal(submitted.body.data.status, 0);
  const done = await post('/api/openapi/query', { out_task_id: outTaskId });
  assert.equal(done.body.data.status, 2);
  assert.match(done.body.data.result.response.download_url, /\/files\/.+\.png$/);
  assert.equal(done.body.data.output, undefined);
});

test('OpenAI GET /v1/models lists ids with shutdown_date; a gateway without the route answers 404', async () => {
  const listed = await fetch(`${simulator.url}/v1/models`, { headers: { authorization: 'Bearer sim-key' } });
  assert.equal(listed.status, 200);
  const { data } = (await listed.json()) as { data: { id: string; shutdown_date: string | null }[] };
  assert.equal(data.find((model) => model.id === 'gpt-image-1')?.shutdown_date, '2026-10-23');
  assert.equal(data.find((model) => model.id === 'gpt-image-2.5')?.shutdown_date, null);
  const gateway = new ProviderSimulator({ openaiNoModelList: true });
  await gateway.start();
  try {
    assert.equal((await fetch(`${gateway.url}/v1/models`, { headers: { authorization: 'Bearer sim-key' } })).status, 404);
  } finally {
    await gateway.stop();
  }
});
