// generate_image's output options on the real server (dist/mcp.js over stdio, the provider
// simulator): a value it cannot deliver is a tool error naming the argument as the client sent it,
// and nothing is sent; what it can deliver is kept in the journal entry's input.output.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ProviderSimulator } from '../simulator/simulator';
import { callTool, connectServer, toolText, until } from './support/mcpHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 400 } });
  await simulator.start();
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-output-')));
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const providerRequests = () => simulator.requests.filter((request) => !request.path.startsWith('/__sim/')).length;
const submitsOf = (prompt: string) => simulator.requests.filter((request) => request.method === 'POST' && (request.body as { prompt?: string } | undefined)?.prompt === prompt).length;

interface JournalEntry {
  readonly id: string;
  readonly input: { readonly prompt: string; readonly output?: unknown };
}
const journalEntries = (): readonly JournalEntry[] => (JSON.parse(readFileSync(join(workspace, '.imagegen', 'mcp-tasks.json'), 'utf8')) as { tasks: JournalEntry[] }).tasks;

test('generate_image lists the output arguments in its schema', async () => {
  const { client, close } = await connectServer(workspace, simulator);
  try {
    const { tools } = await client.listTools();
    const properties = tools.find((tool) => tool.name === 'generate_image')!.inputSchema.properties ?? {};
    for (const name of ['output_format', 'output_quality', 'output_size', 'fit', 'background', 'asset_set', 'widths', 'avif']) {
      assert.ok(name in properties, `${name} is in the schema`);
      assert.ok(((properties[name] as { description?: string }).description ?? '').length > 10, `${name} says what it does`);
    }
  } finally {
    await close();
  }
});

test('output options it cannot deliver are a tool error naming each argument, every problem at once; nothing is sent', async () => {
  const { client, close } = await connectServer(workspace, simulator);
  try {
    const prompt = 'a card that cannot be delivered';
    const before = providerRequests();
    const refused = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', output_format: 'webp', output_quality: 150, output_size: 'big', asset_set: 'icons' });
    assert.equal(refused.isError, true);
    const said = toolText(refused);
    assert.match(said, /^Not sent: /);
    assert.ok(said.includes('output_size "big" is not WIDTHxHEIGHT, for example 1200x630.'), said);
    assert.ok(said.includes('asset_set "icons" is not one of favicon, og-card, responsive.'), said);
    assert.ok(said.includes('Quality 150 is not a whole number from 0 to 100.'), said);
    const jpeg = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', output_format: 'jpeg', background: 'transparent' });
    assert.equal(jpeg.isError, true);
    assert.match(toolText(jpeg), /JPEG has no transparency: use png or webp\./);
    // What agents send: digits as a string are read as the number; too many widths, or a word, get the product's sentences, not the SDK's schema error.
    const odd = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', output_format: 'webp', output_quality: 'high' });
    assert.equal(toolText(odd), 'Not sent: output_quality "high" is not a number: give a whole number from 0 to 100.');
    const many = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', asset_set: 'responsive', widths: Array.from({ length: 40 }, (_, index) => 100 + index) });
    assert.match(toolText(many), /^Not sent: A responsive set takes at most 16 widths \(each is a file\); 40 were given\.$/);
    const fitAlone = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', fit: 'contain' });
    assert.match(toolText(fitAlone), /A fit says how an exact size is reached/);
    assert.equal(providerRequests(), before, 'nothing reached the provider');
  } finally {
    await close();
  }
});

test('output options it can deliver are kept in the journal entry\'s input.output', async () => {
  const { client, close } = await connectServer(workspace, simulator);
  try {
    const prompt = 'a social card of a harbour';
    const result = await callTool(client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', aspect_ratio: '16:9', output_format: 'webp', output_quality: '70', output_size: '1200x630', fit: 'contain', background: 'opaque' });
    assert.notEqual(result.isError, true, toolText(result));
    const { id } = result.structuredContent as { id: string };
    const entry = await until(() => journalEntries().find((candidate) => candidate.id === id), 'the journal to hold the task');
    assert.deepEqual(entry.input.output, { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'contain', background: 'opaque' });

    const set = await callTool(client, 'generate_image', { prompt: 'a responsive hero', model: 'jimmyai:nano-banana', asset_set: 'responsive', widths: [1280, 640], avif: true, output_format: 'jpeg', wait_seconds: 0 });
    assert.notEqual(set.isError, true, toolText(set));
    const setId = (set.structuredContent as { id: string }).id;
    const setEntry = await until(() => journalEntries().find((candidate) => candidate.id === setId), 'the journal to hold the set task');
    assert.deepEqual(setEntry.input.output, { assetSet: 'responsive', widths: [1280, 640], avif: true, format: 'jpeg' });
    assert.equal(submitsOf(prompt), 1, 'sent once');
  } finally {
    await close();
  }
});

const fileHead = (path: string) => readFileSync(join(workspace, ...path.split('/'))).subarray(0, 32);

test('the finished asset is what the call gets: an exact-size WebP, a keyed-out RGBA PNG, a favicon set with every file', async () => {
  const { client, close } = await connectServer(workspace, simulator);
  try {
    const card = await callTool(client, 'generate_image', { prompt: 'a launch card with a harbour', model: 'jimmyai:nano-banana', output_format: 'webp', output_size: '1200x630' });
    assert.notEqual(card.isError, true, toolText(card));
    const facts = card.structuredContent as { path: string; pixels: string };
    assert.match(facts.path, /\.webp$/);
    assert.equal(facts.pixels, '1200x630');
    assert.equal(fileHead(facts.path).subarray(8, 12).toString('latin1'), 'WEBP');
    assert.deepEqual(card.content.filter((part) => part.type === 'image').map((part) => (part as { mimeType: string }).mimeType), ['image/webp']);

    const logoPrompt = 'a fox logo, flat vector';
    const logo = await callTool(client, 'generate_image', { prompt: logoPrompt, model: 'jimmyai:nano-banana', background: 'transparent' });
    assert.notEqual(logo.isError, true, toolText(logo));
    const sent = simulator.requests.filter((request) => String((request.body as { prompt?: string } | undefined)?.prompt ?? '').startsWith(logoPrompt));
    assert.equal(sent.length, 1);
    assert.match(String((sent[0]!.body as { prompt: string }).prompt), /plain, uniform, solid pure white background/);
    const logoPath = (logo.structuredContent as { path: string; note?: string }).path;
    assert.equal((logo.structuredContent as { note?: string }).note, undefined, 'keyed out without a problem');
    assert.equal(fileHead(logoPath)[25], 6, 'an RGBA PNG (colour type 6)');

    const icons = await callTool(client, 'generate_image', { prompt: 'a lighthouse icon', model: 'jimmyai:nano-banana', asset_set: 'favicon' });
    assert.notEqual(icons.isError, true, toolText(icons));
    const set = icons.structuredContent as { assetSet: string; files: string[]; path: string };
    assert.equal(set.assetSet, 'favicon');
    assert.deepEqual(set.files.map((file) => file.split('/').pop()).sort(), ['apple-touch-icon.png', 'favicon.ico', 'icon-192.png', 'icon-512.png']);
    assert.match(set.path, /\/a-lighthouse-icon\/icon-512\.png$/);
    assert.match(toolText(icons), /Saved the favicon set/);
  } finally {
    await close();
  }
});
