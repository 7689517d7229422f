// generate_image with a transparent background on a model that makes it natively (OpenAI-compatible
// gpt-image-2) on the real server (dist/mcp.js over stdio, the provider simulator): the saved file
// has real alpha, decoded by the shipped image library, in PNG (the default) and in WebP.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ProviderSimulator } from '../simulator/simulator';
import { alphaCounts, shippedImaging } from '../support/shippedImaging';
import { callTool, connectServer, simKey, toolText } from './support/mcpHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 300 } });
  await simulator.start();
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-transparent-')));
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const fileOf = (path: string) => readFileSync(join(workspace, ...path.split('/')));

const sentBodies = (prompt: string) =>
  simulator.requestsFor('openai.generate').map((request) => request.body as Record<string, unknown>).filter((body) => body.prompt === prompt);

test('openai:gpt-image-2 with background transparent: sent natively, saved as an RGBA PNG with alpha 0 and alpha 255 pixels', async () => {
  const { client, close } = await connectServer(workspace, simulator, { IMAGEGEN_OPENAI_API_KEY: simKey });
  try {
    const prompt = 'a fox logo for the mcp, flat vector';
    const result = await callTool(client, 'generate_image', { prompt, model: 'openai:gpt-image-2', background: 'transparent' });
    assert.notEqual(result.isError, true, toolText(result));
    const facts = result.structuredContent as { path: string; note?: string };
    assert.match(facts.path, /\.png$/);
    assert.equal(facts.note, undefined, 'nothing to say: the model made the transparency');
    const [body, ...more] = sentBodies(prompt);
    assert.equal(more.length, 0, 'sent once');
    assert.equal(body?.background, 'transparent', 'the background went to the provider');
    const bytes = fileOf(facts.path);
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(bytes[25], 6, 'IHDR colour type 6: RGBA');
    const counts = await alphaCounts(bytes);
    assert.ok(counts.clear > 0, 'some pixels are alpha 0');
    assert.ok(counts.opaque > 0, 'some pixels are alpha 255');
  } finally {
    await close();
  }
});

test('openai:gpt-image-2 with background transparent and output_format webp: a WebP whose pixels have alpha 0', async () => {
  const { client, close } = await connectServer(workspace, simulator, { IMAGEGEN_OPENAI_API_KEY: simKey });
  try {
    const prompt = 'a round badge for the mcp as webp';
    const result = await callTool(client, 'generate_image', { prompt, model: 'openai:gpt-image-2', background: 'transparent', output_format: 'webp' });
    assert.notEqual(result.isError, true, toolText(result));
    const facts = result.structuredContent as { path: string; note?: string };
    assert.match(facts.path, /\.webp$/);
    assert.equal(facts.note, undefined);
    assert.equal(sentBodies(prompt)[0]?.background, 'transparent');
    const bytes = fileOf(facts.path);
    assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF');
    assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'VP8X', 'the extended format, which holds alpha');
    assert.equal(bytes[20]! & 0x10, 0x10, 'VP8X says the image has alpha');
    const info = await (await shippedImaging()).inspect(bytes);
    assert.equal(info.format, 'webp');
    assert.equal(info.hasAlpha, true, 'the WebP carries alpha');
    const counts = await alphaCounts(bytes);
    assert.ok(counts.clear > 0, 'some pixels are alpha 0');
    assert.ok(counts.opaque > 0, 'the subject stays opaque');
    assert.deepEqual(result.content.filter((part) => part.type === 'image').map((part) => (part as { mimeType: string }).mimeType), ['image/webp']);
  } finally {
    await close();
  }
});
