// Outside VS Code the transport is undici's fetch with EnvHttpProxyAgent: HTTP_PROXY/HTTPS_PROXY
// route requests through a proxy, NO_PROXY exempts hosts, connections are kept alive.
import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import { HttpClient } from '../../src/providers/httpClient';
import { undiciTransport } from '../../src/providers/undiciFetch';
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

async function queryThroughNewTransport(): Promise<number> {
  const transport = undiciTransport();
  try {
    const client = new HttpClient({ fetch: transport.fetch, userAgent: 't' });
    const response = await client.json({ provider: 'test', method: 'GET', url: `${simulator.url}/api/open-api/v1/images/none`, headers: { authorization: 'Bearer sim-key' }, idempotent: true });
    return response.status;
  } finally {
    await transport.close();
  }
}

test('HTTP_PROXY from the environment routes requests through the proxy, and NO_PROXY exempts hosts', async () => {
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  try {
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    let before = proxy.seen.length;
    assert.equal(await queryThroughNewTransport(), 404);
    assert.ok(proxy.seen.length > before, 'proxied by HTTP_PROXY');

    process.env.NO_PROXY = '127.0.0.1';
    before = proxy.seen.length;
    assert.equal(await queryThroughNewTransport(), 404);
    assert.equal(proxy.seen.length, before, 'NO_PROXY sends it direct');
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
});

test('keep-alive: ten sequential requests reuse at most two connections', async () => {
  const transport = undiciTransport();
  const client = new HttpClient({ fetch: transport.fetch, userAgent: 't' });
  const before = simulator.connections;
  for (let i = 0; i < 10; i++) {
    const response = await client.json({ provider: 'test', method: 'GET', url: `${simulator.url}/__sim/requests`, idempotent: true });
    assert.equal(response.status, 200);
  }
  await transport.close();
  assert.ok(simulator.connections - before <= 2, `${simulator.connections - before} connections`);
});
