// The standalone MCP server (`node dist/mcp.js --workspace DIR`), driven over stdio by the SDK's own
// client against the provider simulator: its tools, a generation with progress and provenance,
// bad input, paths that escape the workspace, a missing key, a provider failure, a task that
// outlives the call's patience, keys never taken from the command line or written to its log,
// and the proxy from the environment.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readPngText } from '../../src/core/png/pngText';
import { LoopbackProxy } from '../simulator/loopbackProxy';
import { ProviderSimulator } from '../simulator/simulator';
import { connectServer, mcpServerPath, simKey, toolText, until } from './support/mcpHarness';

const server = mcpServerPath;
const key = simKey;
let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 600 } });
  await simulator.start();
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-')));
  mkdirSync(join(workspace, 'brand'));
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

/** The server as an MCP client starts it (support/mcpHarness): keys and endpoints in its environment only. */
const connect = (env: Record<string, string> = {}) => connectServer(workspace, simulator, env);

const text = toolText;

function providerRequests(): number {
  return simulator.requests.filter((request) => !request.path.startsWith('/__sim/')).length;
}

/** get_task until the task has succeeded (at most 20 s); undefined if it never did. A failed task fails the test. */
async function getTaskUntilSucceeded(client: Client, id: string): Promise<CallToolResult | undefined> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const status = (await client.callTool({ name: 'get_task', arguments: { id } })) as CallToolResult;
    assert.notEqual(status.isError, true, text(status));
    if ((status.structuredContent as { state: string }).state === 'succeeded') return status;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return undefined;
}

/** How many times a prompt was submitted to the simulator. */
function submitsOf(prompt: string): number {
  return simulator.requests.filter((request) => request.method === 'POST' && (request.body as { prompt?: string } | undefined)?.prompt === prompt).length;
}

test('the server lists its four tools, and list_models every model with its rules', async () => {
  const { client, close } = await connect();
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['generate_image', 'get_task', 'list_models', 'list_tasks']);
    const generate = tools.find((tool) => tool.name === 'generate_image')!;
    assert.deepEqual(generate.inputSchema.required, ['prompt']);
    assert.ok(generate.inputSchema.properties && 'aspect_ratio' in generate.inputSchema.properties && 'output_folder' in generate.inputSchema.properties);
    const listed = JSON.parse(text((await client.callTool({ name: 'list_models', arguments: {} })) as CallToolResult)) as { model: string; aspectRatios: string[] }[];
    assert.ok(listed.some((model) => model.model === 'aireiter:gpt_image_2' && model.aspectRatios.includes('16:9')));
    assert.ok(listed.some((model) => model.model === 'jimmyai:nano-banana-pro'));
  } finally {
    await close();
  }
});

test('generate_image: progress notifications, the PNG saved in the workspace with its provenance, the image returned, no key in the log', async () => {
  const { client, stderr, close } = await connect();
  try {
    const progress: number[] = [];
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'A lighthouse at dawn', model: 'aireiter:gpt_image_2', aspect_ratio: '16:9', resolution: '1K', output_folder: 'art/heroes' } }, undefined, { onprogress: (event) => progress.push(event.progress) })) as CallToolResult;
    assert.equal(result.isError, undefined, text(result));
    const facts = result.structuredContent as { path: string; pixels: string; state: string };
    assert.equal(facts.state, 'succeeded');
    assert.equal(facts.pixels, '1536x864');
    assert.match(facts.path, /^art\/heroes\/a-lighthouse-at-dawn-.*\.png$/);
    const file = readFileSync(join(workspace, ...facts.path.split('/')));
    const provenance = readPngText(file);
    assert.equal(provenance.prompt, 'A lighthouse at dawn');
    assert.equal(provenance.model, 'aireiter:gpt_image_2');
    assert.match(provenance.parameters ?? '', /"aspectRatio":"16:9"/);
    const image = result.content.find((part) => part.type === 'image');
    assert.ok(image && image.type === 'image' && image.mimeType === 'image/png');
    assert.ok(Buffer.from(image.data, 'base64').equals(file), 'the returned image is the saved file');
    assert.match(text(result), /Saved art\/heroes\/.*1536x864/);
    assert.ok(progress.length >= 2, `progress was reported (${progress.join(', ')})`);
    assert.ok(progress.every((value, index) => index === 0 || value >= progress[index - 1]!), 'progress only grows');
    assert.ok(!stderr().includes(key), 'the key is never logged');
  } finally {
    await close();
  }
});

test('bad input is a tool error in plain words, and nothing is sent', async () => {
  const { client, close } = await connect();
  try {
    const before = providerRequests();
    const badSize = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'x', model: 'aireiter:gpt_image_2', size: 'banana' } })) as CallToolResult;
    assert.equal(badSize.isError, true);
    assert.match(text(badSize), /^Not sent: size: /);
    const unknown = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'x', model: 'nobody:nothing' } })) as CallToolResult;
    assert.equal(unknown.isError, true);
    assert.match(text(unknown), /model/);
    assert.doesNotMatch(text(badSize) + text(unknown), /\n\s+at /, 'no stack');
    assert.equal(providerRequests(), before);
  } finally {
    await close();
  }
});

test('paths that escape the workspace are refused: the output folder, a reference outside, a link leading out, a file that is no image', async () => {
  const outside = join(tmpdir(), `imagegen-mcp-secret-${process.pid}.png`);
  writeFileSync(outside, 'aws_secret_access_key = not-for-the-provider');
  symlinkSync(outside, join(workspace, 'brand', 'leak.png'));
  writeFileSync(join(workspace, 'brand', 'fake.png'), 'not an image');
  const { client, close } = await connect();
  try {
    const before = providerRequests();
    const call = async (args: Record<string, unknown>) => text((await client.callTool({ name: 'generate_image', arguments: { prompt: 'escape', model: 'jimmyai:nano-banana', ...args } })) as CallToolResult);
    assert.match(await call({ output_folder: '../outside' }), /output_folder: "\.\.\/outside" is not a folder inside the workspace/);
    assert.match(await call({ output_folder: 'C:\\Windows' }), /not a folder inside the workspace/);
    assert.match(await call({ reference_images: ['/etc/passwd'] }), /reference_images: "\/etc\/passwd" is not a PNG, JPEG or WebP file inside the workspace/);
    assert.match(await call({ reference_images: ['brand/leak.png'] }), /brand\/leak\.png leads outside the workspace/);
    assert.match(await call({ reference_images: ['brand/fake.png'] }), /brand\/fake\.png is not an image/);
    assert.equal(providerRequests(), before, 'nothing reached the provider');
  } finally {
    await close();
    rmSync(outside, { force: true });
  }
});

test('a missing key names the variable to set; nothing is sent', async () => {
  const { client, close } = await connect();
  try {
    const before = providerRequests();
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'x', model: 'openai:gpt-image-2' } })) as CallToolResult;
    assert.equal(result.isError, true);
    assert.match(text(result), /No API key for OpenAI-compatible: set IMAGEGEN_OPENAI_API_KEY in the server's environment/);
    assert.equal(providerRequests(), before);
  } finally {
    await close();
  }
});

test('a provider failure is a tool error with the provider\'s reason', async () => {
  const { client, close } = await connect();
  try {
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'A storm [sim:taskFailed=upstream renderer crashed]', model: 'jimmyai:nano-banana' } })) as CallToolResult;
    assert.equal(result.isError, true);
    assert.match(text(result), /^Not generated: .*upstream renderer crashed/);
  } finally {
    await close();
  }
});

test('a task that outlives the call\'s patience is followed on and found again with get_task; it is submitted once', async () => {
  const { client, close } = await connect();
  try {
    const prompt = 'A slow sunrise [sim:durationMs=2500]';
    const first = (await client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana', wait_seconds: 0 } })) as CallToolResult;
    assert.equal(first.isError, undefined, text(first));
    const { id, state } = first.structuredContent as { id: string; state: string };
    assert.notEqual(state, 'succeeded');
    assert.match(text(first), /call get_task with id/);
    const done = await getTaskUntilSucceeded(client, id);
    assert.ok(done, 'the task finished');
    assert.ok(done.content.some((part) => part.type === 'image'));
    assert.equal(submitsOf(prompt), 1, 'submitted once');
    const missing = (await client.callTool({ name: 'get_task', arguments: { id: 'nope' } })) as CallToolResult;
    assert.equal(missing.isError, true);
    assert.match(text(missing), /No task nope in this server/);
  } finally {
    await close();
  }
});

test('a call cancelled after the provider accepted the task (a client timing out, say): the task goes on, is saved and found with get_task; it is submitted once', async () => {
  const { client, close } = await connect();
  try {
    const prompt = 'A cancelled wait [sim:durationMs=1500]';
    const controller = new AbortController();
    let id: string | undefined;
    const call = client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana' } }, undefined, {
      signal: controller.signal,
      onprogress: (event) => {
        const named = /get_task with id "([^"]+)"/.exec(event.message ?? '');
        if (named && !id) {
          id = named[1];
          controller.abort();
        }
      },
    });
    await assert.rejects(call, 'the client gave up on the call');
    assert.ok(id, 'the accepted task was named in a progress message');
    const done = await getTaskUntilSucceeded(client, id);
    assert.ok(done, 'saved although the call was cancelled');
    assert.equal(submitsOf(prompt), 1, 'submitted once');
  } finally {
    await close();
  }
});

test('a call cancelled while its submit is in flight: the task is kept, the log names its id and says the request may have reached the provider, get_task and list_tasks show it; it is saved, submitted once', async () => {
  const { client, stderr, logs, close } = await connect();
  try {
    const prompt = 'A submit cut short by its caller';
    simulator.inject('jimmyai.create', { kind: 'slowHeaders', delayMs: 3_000 });
    const creates = simulator.requestsFor('jimmyai.create').length;
    const controller = new AbortController();
    const call = client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana' } }, undefined, { signal: controller.signal });
    await until(() => simulator.requestsFor('jimmyai.create').length > creates, 'the request to reach the provider');
    controller.abort();
    await assert.rejects(call, 'the client gave up on the call');
    const logged = await until(() => logs.find((line) => /may have reached JimmyAI/.test(line)), 'the log to name the task');
    const id = /^Task ([0-9a-f-]{36}): its call was cancelled while the request to JimmyAI was in flight/.exec(logged)?.[1];
    assert.ok(id, logged);
    assert.ok(stderr().includes(logged), 'the same line is in the server\'s stderr log');
    const listed = (await client.callTool({ name: 'list_tasks', arguments: { unfinished_only: true } })) as CallToolResult;
    const entry = (listed.structuredContent as { tasks: { id: string; state: string; mayHaveBeenCharged?: boolean; note?: string }[] }).tasks.find((task) => task.id === id);
    assert.ok(entry, text(listed));
    assert.deepEqual([entry.state, entry.mayHaveBeenCharged], ['submitting', true]);
    assert.match(entry.note ?? '', /may have reached JimmyAI/);
    const status = (await client.callTool({ name: 'get_task', arguments: { id } })) as CallToolResult;
    assert.match(text(status), /may have reached the provider and may be charged: the task is kept/);
    assert.ok(await getTaskUntilSucceeded(client, id), 'saved once the provider answered');
    assert.equal(submitsOf(prompt), 1, 'submitted once');
  } finally {
    await close();
  }
});

test('a submit whose answer is lost: the task is unconfirmed and may have been charged, said by generate_image, get_task and list_tasks; it is never sent again', async () => {
  const { client, close } = await connect();
  try {
    const prompt = 'An answer lost on the way back';
    const charges = simulator.charges;
    simulator.inject('jimmyai.create', { kind: 'dropAnswer' });
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana' } })) as CallToolResult;
    assert.equal(result.isError, true);
    const facts = result.structuredContent as { id: string; state: string; mayHaveBeenCharged?: boolean };
    assert.deepEqual([facts.state, facts.mayHaveBeenCharged], ['unconfirmed', true]);
    assert.match(text(result), /^Not known whether it was generated \(it may have been charged\): JimmyAI may have started this image/);
    const again = (await client.callTool({ name: 'get_task', arguments: { id: facts.id } })) as CallToolResult;
    assert.equal((again.structuredContent as { state: string }).state, 'unconfirmed');
    const listed = (await client.callTool({ name: 'list_tasks', arguments: {} })) as CallToolResult;
    assert.ok((listed.structuredContent as { tasks: { id: string; mayHaveBeenCharged?: boolean }[] }).tasks.some((task) => task.id === facts.id && task.mayHaveBeenCharged));
    assert.equal(submitsOf(prompt), 1, 'sent once');
    assert.equal(simulator.charges, charges + 1, 'the provider did create (and charge) it');
  } finally {
    await close();
  }
});

test('an image sent chunked (no Content-Length) that ends early is refused for each format: the task fails, no file is left; whole chunked JPEG and WebP are saved', async () => {
  const { client, close } = await connect();
  try {
    for (const [format, reason] of [['png', /no IEND chunk/], ['jpeg', /no end-of-image marker/], ['webp', /RIFF header declares \d+ bytes/], ['avif', /not a PNG, JPEG or WebP image/]] as const) {
      const folder = `cut/${format}`;
      const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: `A cut-off ${format} [sim:truncatedImage=${format}]`, model: 'jimmyai:nano-banana', output_folder: folder } })) as CallToolResult;
      assert.equal(result.isError, true, `${format}: ${text(result)}`);
      assert.equal((result.structuredContent as { state: string }).state, 'failed');
      if (format !== 'avif') assert.match(text(result), /^Not generated: The image download ended early \(\d+ bytes, /);
      assert.match(text(result), reason);
      assert.deepEqual(readdirSync(join(workspace, 'cut', format)), [], `${format}: nothing saved, no .part left`);
    }
    for (const [format, extension] of [['jpeg', 'jpg'], ['webp', 'webp']] as const) {
      const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: `A whole chunked ${format} [sim:chunkedImage=${format}]`, model: 'jimmyai:nano-banana', aspect_ratio: '1:1', output_folder: `whole/${format}` } })) as CallToolResult;
      assert.equal(result.isError, undefined, text(result));
      const facts = result.structuredContent as { path: string; pixels: string };
      assert.match(facts.path, new RegExp(`^whole/${format}/.*\\.${extension}$`));
      assert.equal(facts.pixels, '1024x1024');
    }
  } finally {
    await close();
  }
});

test('keys are never taken from the command line; a missing workspace is said without a stack', () => {
  const withKey = spawnSync(process.execPath, [server, '--workspace', workspace, '--api-key', 'secret-on-argv'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(withKey.status, 2);
  assert.match(withKey.stderr, /--api-key: keys are never taken from the command line .* IMAGEGEN_AIREITER_API_KEY/);
  assert.ok(!withKey.stderr.includes('secret-on-argv'), 'the value is not repeated');
  const stray = spawnSync(process.execPath, [server, '--workspace', workspace, 'sk-pasted-here'], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(stray.status, 2);
  assert.ok(!stray.stderr.includes('sk-pasted-here'), 'a stray word is not repeated either');
  const noWorkspace = spawnSync(process.execPath, [server], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(noWorkspace.status, 2);
  assert.match(noWorkspace.stderr, /--workspace DIR is required/);
  const gone = spawnSync(process.execPath, [server, '--workspace', join(workspace, 'nowhere')], { encoding: 'utf8', timeout: 20_000 });
  assert.equal(gone.status, 1);
  assert.match(gone.stderr, /is not a folder that exists/);
  assert.doesNotMatch(gone.stderr, /\n\s+at /);
});

test('requests go through the proxy in HTTP_PROXY (undici\'s EnvHttpProxyAgent)', async () => {
  const proxy = new LoopbackProxy();
  await proxy.start();
  const { client, close } = await connect({ HTTP_PROXY: proxy.url });
  try {
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'Through the proxy', model: 'jimmyai:nano-banana' } })) as CallToolResult;
    assert.equal(result.isError, undefined, text(result));
    const port = new URL(simulator.url).port;
    assert.ok(proxy.seen.some((line) => line.includes(`127.0.0.1:${port}`)), `the requests went through the proxy (${proxy.seen.join(', ')})`);
  } finally {
    await close();
    await proxy.stop();
  }
});
