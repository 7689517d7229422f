// Where users are: proxies, TLS, signed CDN links, hostile image hosts, two images at once. Every
// request goes through the extension host's own fetch, which VS Code patches; these tests set VS
// Code's settings (http.proxy, http.noProxy, http.experimental.systemCertificatesV2) and check
// what reaches the wire. VS Code never proxies 127.0.0.1 itself, so the simulators here listen on
// 127.0.0.2 (still loopback).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readPngText } from '../../src/core/png/pngText';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { LoopbackProxy } from '../simulator/loopbackProxy';
import { ProviderSimulator } from '../simulator/simulator';
import { activatedApi, waitFor } from './support';

const workspaceRoot = () => vscode.workspace.workspaceFolders![0]!.uri;
const tlsDir = process.env.IMAGEGEN_TLS_FIXTURES!;

async function setting(section: string, key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

async function finished(id: string, timeoutMs = 30_000): Promise<TaskRecord> {
  const api = await activatedApi();
  return waitFor(`task ${id} to finish`, () => {
    const record = api.generation.get(id);
    return record && record.state !== 'queued' && record.state !== 'running' ? record : undefined;
  }, timeoutMs);
}

async function start(prompt: string, modelKey = 'jimmyai:nano-banana'): Promise<TaskRecord> {
  const record = await vscode.commands.executeCommand<TaskRecord | undefined>('imagegen.generate', { modelKey, prompt });
  assert.ok(record, 'a task started');
  return record;
}

function assetsFiles(): string[] {
  return readdirSync(vscode.Uri.joinPath(workspaceRoot(), 'assets').fsPath);
}

async function logText(): Promise<string> {
  const api = await activatedApi();
  const dir = vscode.Uri.joinPath(api.logUri, '..').fsPath;
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((path) => statSync(path).isFile())
    .map((path) => readFileSync(path, 'utf8'))
    .join('\n');
}

/** Points every provider at `url`, runs `body`, and restores the simulator the suite started with. */
async function withProviders(url: string, body: () => Promise<void>): Promise<void> {
  const original = vscode.workspace.getConfiguration('imagegen').inspect('jimmyai.baseUrl')?.globalValue;
  for (const provider of ['aireiter', 'jimmyai', 'openai']) await setting('imagegen', `${provider}.baseUrl`, url);
  try {
    await body();
  } finally {
    for (const provider of ['aireiter', 'jimmyai', 'openai']) await setting('imagegen', `${provider}.baseUrl`, original);
  }
}

suite('network: VS Code’s proxies, certificates and hostile image hosts', () => {
  let simulator: ProviderSimulator;
  let proxy: LoopbackProxy;

  suiteSetup(async () => {
    await activatedApi();
    for (const provider of ['aireiter', 'jimmyai', 'openai']) {
      await vscode.commands.executeCommand('imagegen.setApiKey', provider, 'sim-key');
    }
    simulator = new ProviderSimulator({ host: '127.0.0.2', lifecycle: { queuedMs: 100, processingMs: 300 } });
    await simulator.start();
    proxy = new LoopbackProxy();
    await proxy.start();
  });

  suiteTeardown(async () => {
    await setting('http', 'proxy', undefined);
    await setting('http', 'noProxy', undefined);
    await proxy.stop();
    await simulator.stop();
  });

  teardown(async () => {
    await setting('http', 'proxy', undefined);
    await setting('http', 'noProxy', undefined);
    for (const key of ['download.timeoutSeconds', 'polling.timeoutSeconds']) await setting('imagegen', key, undefined);
  });

  test('http.proxy = a recording proxy: API calls and the image download go through it', async () => {
    await withProviders(simulator.url, async () => {
      await setting('http', 'proxy', proxy.url);
      const before = simulator.requests.length;
      const record = await finished((await start('through the proxy')).id);
      assert.equal(record.state, 'succeeded', record.error?.message);
      const requests = simulator.requests.slice(before);
      for (const operation of ['jimmyai.create', 'jimmyai.query', 'image']) {
        const seen = requests.filter((request) => request.operation === operation);
        assert.ok(seen.length > 0, `${operation} was sent`);
        assert.ok(seen.every((request) => proxy.upstreamPorts.has(request.remotePort!)), `${operation} arrived through the proxy's tunnel`);
      }
      assert.ok(proxy.seen.includes(`CONNECT ${new URL(simulator.url).host}`));
    });
  });

  test('http.proxy = a dead proxy with http.noProxy listing the simulator: the image lands', async () => {
    await withProviders(simulator.url, async () => {
      await setting('http', 'proxy', 'http://127.0.0.1:9');
      await setting('http', 'noProxy', ['127.0.0.2']);
      const record = await finished((await start('no proxy for this host')).id);
      assert.equal(record.state, 'succeeded', record.error?.message);
    });
  });

  test('a proxy that accepts and drops every connection: the task fails at its deadline naming the proxy, after bounded attempts, and the log says so', async () => {
    let connections = 0;
    const sockets = new Set<Socket>();
    const dropper: Server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(dropper.address() as { port: number }).port}`;
    try {
      await withProviders(simulator.url, async () => {
        await setting('http', 'proxy', proxyUrl);
        await setting('imagegen', 'polling.timeoutSeconds', 4);
        const charged = simulator.charges;
        const started = Date.now();
        const record = await finished((await start('dropped by the proxy', 'aireiter:gpt_image_2')).id, 20_000);
        const took = Date.now() - started;
        assert.equal(record.state, 'failed');
        assert.equal(record.error?.kind, 'timeout', record.error?.message);
        assert.ok(record.error!.message.includes(`through the proxy ${proxyUrl}`), record.error!.message);
        // The submit's answer never came: the task was looked up (2 s later), then followed by its
        // out_task_id until the 4 s deadline, never sent twice.
        assert.ok(took < 15_000, `failed after ${took} ms, within the 4 s task deadline plus slack`);
        assert.equal(simulator.charges, charged, 'nothing reached the provider');
        const log = await waitFor('the failure in the log', async () => ((await logText()).includes(`${record.id} failed`) ? logText() : undefined));
        const retries = log.split('\n').filter((line) => line.includes('Retrying') && line.includes(new URL(simulator.url).host));
        assert.ok(retries.every((line) => /\(attempt [123]\)/.test(line)), `at most 4 attempts per request:\n${retries.join('\n')}`);
        assert.ok(log.includes(proxyUrl), 'the log names the proxy');
        assert.ok(connections > 0, 'the proxy was tried');
      });
    } finally {
      // VS Code's own proxy agent keeps reconnecting while a tunnel attempt is queued; a closed
      // port makes it give up (ECONNREFUSED).
      await setting('http', 'proxy', undefined);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => dropper.close(() => resolve()));
    }
  });

  test('http.experimental.systemCertificatesV2 with the simulator over TLS (test CA in the host’s trust store): the image lands', async () => {
    const secure = new ProviderSimulator({ host: '127.0.0.1', lifecycle: { queuedMs: 100, processingMs: 300 }, tls: { cert: readFileSync(join(tlsDir, 'loopback-cert.pem')), key: readFileSync(join(tlsDir, 'loopback-key.pem')) } });
    await secure.start();
    const original = vscode.workspace.getConfiguration('http').inspect('experimental.systemCertificatesV2')?.globalValue;
    try {
      await setting('http', 'experimental.systemCertificatesV2', true);
      await withProviders(secure.url, async () => {
        const record = await finished((await start('over tls')).id);
        assert.equal(record.state, 'succeeded', record.error?.message);
        assert.ok(secure.requestsFor('image').length > 0, 'the image came over TLS');
      });
    } finally {
      await setting('http', 'experimental.systemCertificatesV2', original);
      await secure.stop();
    }
  });

  test('an image link answering 302 to a signed path: the image lands, with its provenance', async () => {
    await withProviders(simulator.url, async () => {
      const record = await finished((await start('signed cdn link [sim:imageRedirect=3]')).id);
      assert.equal(record.state, 'succeeded', record.error?.message);
      const bytes = readFileSync(vscode.Uri.parse(record.imageUri!).fsPath);
      assert.equal(readPngText(bytes).prompt, 'signed cdn link [sim:imageRedirect=3]');
    });
  });

  for (const [label, prompt, reason] of [
    ['to file:', 'redirect to file [sim:imageRedirectTo=file]', /file:/],
    ['to a private address', 'redirect to private [sim:imageRedirectTo=private]', /private address/],
    ['more than 5 hops', 'redirect loop [sim:imageRedirect=6]', /more than 5 redirects/],
  ] as const) {
    test(`an image link redirecting ${label} is refused with a clear message, nothing left on disk`, async () => {
      await withProviders(simulator.url, async () => {
        const record = await finished((await start(prompt)).id);
        assert.equal(record.state, 'failed');
        assert.match(record.error!.message, reason);
        assert.match(record.error!.message, /did not download the image/);
        const slug = prompt.split(' [')[0]!.replace(/ /g, '-');
        assert.deepEqual(assetsFiles().filter((name) => name.includes(slug)), []);
      });
    });
  }

  test('a dripping image host fails at its download deadline while other tasks keep landing', async () => {
    await withProviders(simulator.url, async () => {
      await setting('imagegen', 'download.timeoutSeconds', 3);
      const drip = await start('dripping host [sim:dripImage]');
      await waitFor('the drip download to start', () => simulator.requestsFor('image').length > 0 || undefined);
      const others = await Promise.all(['lands meanwhile one', 'lands meanwhile two'].map((prompt) => start(prompt)));
      const landed = await Promise.all(others.map((other) => finished(other.id)));
      assert.ok(landed.every((record) => record.state === 'succeeded'));
      const dripped = await finished(drip.id);
      assert.ok(landed.every((record) => record.finishedAt! < dripped.finishedAt!), 'the others landed before the drip gave up');
      assert.equal(dripped.state, 'failed');
      assert.equal(dripped.error?.kind, 'timeout');
      assert.match(dripped.error!.message, /within 3000 ms/);
      assert.match(dripped.error!.message, /imagegen\.download\.timeoutSeconds/);
      assert.deepEqual(readdirSync(vscode.Uri.joinPath(workspaceRoot(), 'assets').fsPath).filter((name) => name.includes('dripping-host')), []);
    });
  });

  test('four tasks with the same prompt finishing together: four files, four links, nothing lost', async () => {
    await withProviders(simulator.url, async () => {
      const uri = vscode.Uri.joinPath(workspaceRoot(), 'docs', 'same-second.md');
      await vscode.workspace.fs.writeFile(uri, Buffer.from('# Twins\n'));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      editor.selection = new vscode.Selection(1, 0, 1, 0);
      const started = await Promise.all([1, 2, 3, 4].map(() => start('identical twins [sim:durationMs=400]')));
      const records = await Promise.all(started.map((record) => finished(record.id)));
      assert.ok(records.every((record) => record.state === 'succeeded'), records.map((r) => r.error?.message).join('; '));
      const paths = records.map((record) => vscode.Uri.parse(record.imageUri!).fsPath);
      assert.equal(new Set(paths).size, 4, `four different files: ${paths.join(', ')}`);
      const contents = paths.map((path) => readPngText(readFileSync(path)).task);
      assert.equal(new Set(contents).size, 4, 'each file holds its own task’s image');
      const links = editor.document.getText().match(/!\[identical twins\]\([^)]+\)/g) ?? [];
      assert.equal(links.length, 4, editor.document.getText());
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
});
