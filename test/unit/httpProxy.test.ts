import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { HttpClient } from '../../src/providers/httpClient';
import { LoopbackProxy } from '../simulator/loopbackProxy';
import { ProviderSimulator } from '../simulator/simulator';

let simulator: ProviderSimulator;
let proxy: LoopbackProxy;
before(async () => {
  simulator = new ProviderSimulator();
  await simulator.start();
  proxy = new LoopbackProxy();
  await proxy.start();
});
after(async () => {
  await proxy.stop();
  await simulator.stop();
});

async function queryThrough(client: HttpClient): Promise<number> {
  const response = await client.json({ provider: 'test', method: 'GET', url: `${simulator.url}/api/open-api/v1/images/none`, headers: { authorization: 'Bearer sim-key' }, idempotent: true });
  await client.close();
  return response.status;
}

test('the VS Code http.proxy value routes requests through the proxy', async () => {
  const before = proxy.seen.length;
  assert.equal(await queryThrough(new HttpClient({ userAgent: 't', proxyUrl: proxy.url })), 404);
  assert.ok(proxy.seen.length > before, 'the proxy saw the request');
});

test('HTTP_PROXY from the environment applies when no proxy setting is given, and NO_PROXY exempts hosts', async () => {
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  try {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    let before = proxy.seen.length;
    assert.equal(await queryThrough(new HttpClient({ userAgent: 't' })), 404);
    assert.ok(proxy.seen.length > before, 'proxied by HTTP_PROXY');

    process.env.NO_PROXY = '127.0.0.1';
    before = proxy.seen.length;
    assert.equal(await queryThrough(new HttpClient({ userAgent: 't' })), 404);
    assert.equal(proxy.seen.length, before, 'NO_PROXY sends it direct');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

test('keep-alive: ten sequential requests reuse at most two connections', async () => {
  const client = new HttpClient({ userAgent: 't' });
  const before = simulator.connections;
  for (let i = 0; i < 10; i++) {
    const response = await client.json({ provider: 'test', method: 'GET', url: `${simulator.url}/__sim/requests`, idempotent: true });
    assert.equal(response.status, 200);
  }
  await client.close();
  // undici may open a second socket while the first is being released; without reuse it would be ten.
  assert.ok(simulator.connections - before <= 2, `${simulator.connections - before} connections`);
});
