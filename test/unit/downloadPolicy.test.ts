// Which image links are followed, and how: the URL policy as a table, then redirects, deadlines,
// capped error bodies and credentials against a loopback image host.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkImageUrl } from '../../src/core/http/imageUrlPolicy';
import { isProviderError } from '../../src/providers/errors';
import { HttpClient } from '../../src/providers/httpClient';
import { undiciTransport } from '../../src/providers/undiciFetch';
import { downloadImage } from '../../src/saving/saveImage';
import { gradientPng } from '../simulator/png';

const remote = { providerIsLoopback: false };
const local = { providerIsLoopback: true };
const table: [string, typeof remote, boolean][] = [
  ['https://cdn.example.com/a.png?sig=1', remote, true],
  ['https://8.8.8.8/a.png', remote, true],
  ['http://cdn.example.com/a.png', remote, false],
  ['https://127.0.0.1/a.png', remote, false],
  ['https://localhost/a.png', remote, false],
  ['https://app.localhost/a.png', remote, false],
  ['https://[::1]/a.png', remote, false],
  ['https://[::ffff:127.0.0.1]/a.png', remote, false],
  ['https://2130706433/a.png', remote, false],
  ['https://0x7f.1/a.png', remote, false],
  ['https://10.1.2.3/a.png', remote, false],
  ['https://172.16.0.1/a.png', remote, false],
  ['https://172.32.0.1/a.png', remote, true],
  ['https://192.168.1.1/a.png', remote, false],
  ['https://169.254.169.254/latest/meta-data', remote, false],
  ['https://[fe80::1]/a.png', remote, false],
  ['https://[fd00::1]/a.png', remote, false],
  ['https://0.0.0.0/a.png', remote, false],
  ['https://user:pw@cdn.example.com/a.png', remote, false],
  ['file:///etc/passwd', remote, false],
  ['file:///etc/passwd', local, false],
  ['data:image/png;base64,AAAA', remote, false],
  ['ftp://x/a.png', remote, false],
  ['not a url', remote, false],
  ['http://127.0.0.1:8787/files/a.png', local, true],
  ['http://127.9.9.9/a.png', local, true],
  ['http://localhost/a.png', local, true],
  ['http://[::1]:9/a.png', local, true],
  ['http://10.0.0.1/a.png', local, false],
  ['http://cdn.example.com/a.png', local, false],
  ['https://cdn.example.com/a.png', local, true],
  ['https://[::7f00:1]/a.png', remote, false],
  ['https://[64:ff9b::7f00:1]/a.png', remote, false],
  ['https://[2002:7f00:1::]/a.png', remote, false],
  ['https://[2002:808:808::]/a.png', remote, true],
  ['https://[fec0::1]/a.png', remote, false],
  ['https://[ff02::1]/a.png', remote, false],
  ['https://[2001:db8::1]/a.png', remote, true],
  ['https://224.0.0.1/a.png', remote, false],
  ['https://255.255.255.255/a.png', remote, false],
  ['https://198.18.0.1/a.png', remote, false],
];
for (const [url, policy, allowed] of table) {
  test(`${policy.providerIsLoopback ? 'loopback provider' : 'remote provider'}: ${url} → ${allowed ? 'followed' : 'refused'}`, () => {
    assert.equal(checkImageUrl(url, policy).ok, allowed);
  });
}

let server: Server;
let origin: string;
const seenAuthorization: (string | undefined)[] = [];
const png = gradientPng(40, 30);
const dir = mkdtempSync(join(tmpdir(), 'imagegen-redirects-'));
const transport = undiciTransport();
const http = new HttpClient({ fetch: transport.fetch, userAgent: 'test', idleTimeoutMs: 2_000, headersTimeoutMs: 2_000 });

function route(req: IncomingMessage, res: ServerResponse): void {
  seenAuthorization.push(req.headers.authorization);
  const url = new URL(req.url ?? '/', origin);
  const hops = Number(url.searchParams.get('hops') ?? 0);
  if (url.pathname === '/hop') {
    res.writeHead(302, { location: hops > 1 ? `/hop?hops=${hops - 1}` : '/signed/image.png?sig=abc' }).end();
  } else if (url.pathname === '/to-file') {
    res.writeHead(302, { location: 'file:///etc/passwd' }).end();
  } else if (url.pathname === '/to-private') {
    res.writeHead(307, { location: 'http://10.0.0.7/image.png' }).end();
  } else if (url.pathname === '/signed/image.png') {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  } else if (url.pathname === '/drip') {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(png.subarray(0, 40));
    const timer = setInterval(() => (res.writableEnded ? clearInterval(timer) : res.write(Buffer.alloc(1))), 200);
    res.on('close', () => clearInterval(timer));
  } else if (url.pathname === '/huge-error') {
    res.writeHead(500, { 'content-type': 'text/plain' });
    const block = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const pump = () => {
      while (sent < 50 * 1024 * 1024 && res.write(block)) sent += block.length;
      if (sent < 50 * 1024 * 1024) res.once('drain', pump);
      else res.end();
    };
    pump();
  } else {
    res.writeHead(404).end();
  }
}

before(async () => {
  server = createServer(route);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(async () => {
  server.closeAllConnections();
  server.close();
  await transport.close();
  rmSync(dir, { recursive: true, force: true });
});

const destination = (baseName: string) => ({ folder: dir, baseName, provider: 'test', maxBytes: 10 * 1024 * 1024 });
const options = { policy: local, deadlineMs: 10_000 };
const leftovers = (baseName: string) => readdirSync(dir).filter((name) => name.includes(baseName));

test('a link answering 302 (five hops) to a signed path is followed, without credentials', async () => {
  seenAuthorization.length = 0;
  const saved = await downloadImage(http, `${origin}/hop?hops=5`, destination('signed'), options);
  assert.equal(saved.width, 40);
  assert.equal(seenAuthorization.length, 6);
  assert.ok(seenAuthorization.every((value) => value === undefined), 'no Authorization header on image requests');
});

test('more than five redirects are refused, nothing left on disk', async () => {
  await assert.rejects(downloadImage(http, `${origin}/hop?hops=6`, destination('loop'), options), (error) => isProviderError(error) && /more than 5 redirects/.test(error.message));
  assert.deepEqual(leftovers('loop'), []);
});

test('a redirect to file: or to a private address is refused before it is followed', async () => {
  await assert.rejects(downloadImage(http, `${origin}/to-file`, destination('file'), options), (error) => isProviderError(error) && /file:/.test(error.message));
  await assert.rejects(downloadImage(http, `${origin}/to-private`, destination('private'), options), (error) => isProviderError(error) && /private address/.test(error.message));
  assert.deepEqual([...leftovers('file'), ...leftovers('private')], []);
});

test('a dripping image host fails at the download deadline even though bytes keep coming', async () => {
  const started = Date.now();
  await assert.rejects(downloadImage(http, `${origin}/drip`, destination('drip'), { ...options, deadlineMs: 1_500 }), (error) => isProviderError(error, 'timeout') && /within 1500 ms/.test(error.message));
  const took = Date.now() - started;
  assert.ok(took >= 1_400 && took < 5_000, `failed after ${took} ms`);
  assert.deepEqual(leftovers('drip'), []);
});

test('an error body is read only up to 64 KB, however large', async () => {
  const before = process.memoryUsage().arrayBuffers;
  await assert.rejects(downloadImage(http, `${origin}/huge-error`, destination('err'), options), (error) => isProviderError(error, 'server'));
  assert.ok(process.memoryUsage().arrayBuffers - before < 20 * 1024 * 1024, 'the 50 MB error body was not buffered');
});

test('a host name that resolves to this machine or the private network is refused before any request', async () => {
  const names: Record<string, string[]> = { '127.0.0.1.nip.io': ['127.0.0.1'], 'metadata.internal': ['169.254.169.254'], 'inner.corp': ['10.1.1.1', '93.184.216.34'], 'v6.inner': ['fd00::5'] };
  const lookedUp: string[] = [];
  const guarded = new HttpClient({ fetch: () => Promise.reject(new Error('must not be called')), userAgent: 'test', lookupHost: async (host) => (lookedUp.push(host), names[host] ?? []) });
  for (const host of Object.keys(names)) {
    await assert.rejects(downloadImage(guarded, `https://${host}/a.png`, destination(`dns-${host}`), { policy: remote, deadlineMs: 5_000 }), (error) => isProviderError(error) && error.message.includes(`${host} resolves to`));
  }
  assert.deepEqual(lookedUp, Object.keys(names));
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('.dns-') || name.startsWith('dns-')), []);
});
