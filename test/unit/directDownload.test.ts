import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { downloadImage } from '../../src/providers/downloadImage';
import { isProviderError } from '../../src/providers/errors';
import { HttpClient } from '../../src/providers/httpClient';
import { LoopbackProxy } from '../simulator/loopbackProxy';
import { noisePngOfSize } from '../simulator/png';

// Downloads without a proxy go over their own connection, read into one reused buffer; through a
// proxy, undici carries them. Both must deliver the image byte for byte, over TLS too, and leave
// nothing behind when they fail or are cancelled.

const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');
const cert = readFileSync(join(fixtures, 'loopback-cert.pem'));
const key = readFileSync(join(fixtures, 'loopback-key.pem'));
const image = noisePngOfSize(3 * 1024 * 1024 + 77);
const dir = mkdtempSync(join(tmpdir(), 'imagegen-direct-'));
let server: Server;
let base: string;
let proxy: LoopbackProxy;

before(async () => {
  server = createHttpsServer({ cert, key }, (req, res) => {
    if (req.url === '/image.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length }).end(image);
    } else if (req.url === '/chunked.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      for (let offset = 0; offset < image.length; offset += 100_000) res.write(image.subarray(offset, offset + 100_000));
      res.end();
    } else if (req.url === '/stalls.png') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length });
      res.write(image.subarray(0, 200_000)); // …and nothing more.
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy = new LoopbackProxy();
  await proxy.start();
});

after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await proxy.stop();
  rmSync(dir, { recursive: true, force: true });
});

const leftovers = () => readdirSync(dir).filter((name) => name.endsWith('.part'));

test('over TLS, with a Content-Length or chunked, the file is the image byte for byte', async () => {
  const http = new HttpClient({ userAgent: 'test', tlsCa: cert });
  for (const [name, url] of [['length.png', `${base}/image.png`], ['chunked.png', `${base}/chunked.png`], ['by-name.png', `${base.replace('127.0.0.1', 'localhost')}/image.png`]] as const) {
    const saved = await downloadImage(http, url, join(dir, name), { provider: 'test', maxBytes: 1e9 });
    assert.equal(saved.bytes, image.length, name);
    assert.ok(readFileSync(join(dir, name)).equals(image), name);
  }
  await http.close();
});

test('a certificate nobody vouches for is refused, and nothing is written', async () => {
  const http = new HttpClient({ userAgent: 'test', maxAttempts: 1 });
  await assert.rejects(downloadImage(http, `${base}/image.png`, join(dir, 'untrusted.png'), { provider: 'test', maxBytes: 1e9 }), (error) => {
    assert.ok(isProviderError(error) && error.kind === 'network', String(error));
    assert.match(error.message + JSON.stringify(error.details), /CERT|certificate|self.signed/i);
    return true;
  });
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('untrusted')), []);
  await http.close();
});

test('a download that stalls times out, and one that is cancelled stops at once; neither leaves a file', async () => {
  const slow = new HttpClient({ userAgent: 'test', tlsCa: cert, bodyTimeoutMs: 300 });
  await assert.rejects(downloadImage(slow, `${base}/stalls.png`, join(dir, 'stalled.png'), { provider: 'test', maxBytes: 1e9 }), (error) => isProviderError(error) && error.kind === 'timeout');
  await slow.close();
  const http = new HttpClient({ userAgent: 'test', tlsCa: cert });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const started = Date.now();
  await assert.rejects(downloadImage(http, `${base}/stalls.png`, join(dir, 'cancelled.png'), { provider: 'test', maxBytes: 1e9, signal: controller.signal }), (error) => isProviderError(error) && error.kind === 'cancelled');
  assert.ok(Date.now() - started < 5000, 'stopped when cancelled, not at a timeout');
  assert.deepEqual(leftovers(), []);
  assert.deepEqual(readdirSync(dir).filter((name) => name.startsWith('stalled') || name.startsWith('cancelled')), []);
  await http.close();
});

test('an answer that is not valid HTTP is refused as an unexpected answer, and nothing is written', async () => {
  const garbage = createTcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 200 OK\r\nContent-Length: lots\r\n\r\n\x89PNG')));
  await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
  const http = new HttpClient({ userAgent: 'test' });
  try {
    await assert.rejects(downloadImage(http, `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/image.png`, join(dir, 'garbage.png'), { provider: 'test', maxBytes: 1e9 }), (error) => {
      assert.ok(isProviderError(error) && error.kind === 'unexpectedAnswer', String(error));
      return true;
    });
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('garbage')), []);
  } finally {
    await http.close();
    await new Promise((resolve) => garbage.close(resolve));
  }
});

test('through a proxy (http.proxy), undici carries the download, byte for byte', async () => {
  const plain = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(image));
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/image.png`;
  const http = new HttpClient({ userAgent: 'test', proxyUrl: proxy.url });
  const seen = proxy.seen.length;
  try {
    await downloadImage(http, url, join(dir, 'proxied.png'), { provider: 'test', maxBytes: 1e9 });
    assert.ok(readFileSync(join(dir, 'proxied.png')).equals(image));
    assert.ok(proxy.seen.slice(seen).some((line) => line.includes(`127.0.0.1:${(plain.address() as AddressInfo).port}`)), 'the download went through the proxy');
  } finally {
    await http.close();
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  }
});
