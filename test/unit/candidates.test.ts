// Candidates of one request in the engine (issue 25), through the standalone host and the
// simulator: OpenAI-compatible endpoints make them in one request (`n`), the async providers as one
// task each on the one scheduler; a gateway that answers fewer images than asked keeps the ones it
// made and is sent one request per candidate after; a group over the budget sends nothing.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { readServerEnvironment } from '../../src/features/mcpPublishing/serverEnvironment';
import { StandaloneTasks, type StandaloneTask } from '../../src/hosts/standalone/standaloneTasks';
import { HttpClient } from '../../src/providers/httpClient';
import { undiciTransport } from '../../src/providers/undiciFetch';
import { ProviderSimulator } from '../simulator/simulator';

let simulator: ProviderSimulator;
const folders: string[] = [];

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 30, processingMs: 120 }, syncDelayMs: 10 });
  await simulator.start();
});

after(async () => {
  await simulator.stop();
  folders.forEach((folder) => rmSync(folder, { recursive: true, force: true }));
});

function hostAt(baseUrl: string, extra: Record<string, string> = {}): { tasks: StandaloneTasks; workspace: string } {
  const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-candidates-')));
  folders.push(workspace);
  const env = { IMAGEGEN_OPENAI_API_KEY: 'sim-key', IMAGEGEN_JIMMYAI_API_KEY: 'sim-key', IMAGEGEN_AIREITER_API_KEY: 'sim-key', IMAGEGEN_OPENAI_BASE_URL: baseUrl, IMAGEGEN_JIMMYAI_BASE_URL: simulator.url, IMAGEGEN_AIREITER_BASE_URL: simulator.url, ...extra };
  const read = readServerEnvironment(['--workspace', workspace], env);
  assert.ok(read.ok, JSON.stringify(read));
  const http = new HttpClient({ fetch: undiciTransport().fetch, userAgent: 'ImageGen-test/1.0', baseDelayMs: 5, maxDelayMs: 20 });
  return { tasks: new StandaloneTasks(read.environment, workspace, http, () => undefined, undefined, 'test', 'cli'), workspace };
}

const call = (prompt: string, modelKey: string) => ({ input: { prompt, modelKey }, folder: 'assets', onProgress: () => undefined, signal: new AbortController().signal });

async function ended(tasks: StandaloneTasks, started: readonly { task: StandaloneTask }[]): Promise<StandaloneTask[]> {
  await Promise.all(started.map(({ task }) => task.ended));
  return started.map(({ task }) => tasks.get(task.id)!);
}

const openaiRequests = (prompt: string) => simulator.requests.filter((request) => request.path.endsWith('/v1/images/generations') && JSON.stringify(request.body ?? '').includes(prompt));

test('OpenAI-compatible: three candidates come from one request with n = 3, each saved as its own file', async () => {
  const { tasks } = hostAt(simulator.url);
  const prompt = 'Three lighthouses in one request';
  const charges = simulator.charges;
  const done = await ended(tasks, await tasks.startCandidates(call(prompt, 'openai:gpt-image-2'), 3));
  assert.deepEqual(done.map((task) => task.state), ['succeeded', 'succeeded', 'succeeded'], JSON.stringify(done.map((task) => task.error)));
  const requests = openaiRequests(prompt);
  assert.equal(requests.length, 1, 'one request for the group');
  assert.equal((requests[0]!.body as { n?: unknown }).n, 3);
  assert.equal(simulator.charges - charges, 3, 'billed per image');
  const paths = done.map((task) => task.absolutePath!);
  assert.equal(new Set(paths).size, 3, `three files: ${paths.join(', ')}`);
  const bytes = paths.map((path) => readFileSync(path).toString('base64'));
  assert.equal(new Set(bytes).size, 3, 'each file holds its own image of the answer');
});

test('async providers: three candidates are three tasks, each submitted once', async () => {
  const { tasks } = hostAt(simulator.url);
  const prompt = 'Three lighthouses as three tasks';
  const done = await ended(tasks, await tasks.startCandidates(call(prompt, 'jimmyai:nano-banana'), 3));
  assert.deepEqual(done.map((task) => task.state), ['succeeded', 'succeeded', 'succeeded'], JSON.stringify(done.map((task) => task.error)));
  const submits = simulator.requests.filter((request) => request.method === 'POST' && JSON.stringify(request.body ?? '').includes(prompt));
  assert.equal(submits.length, 3);
  assert.equal(new Set(done.map((task) => task.absolutePath)).size, 3);
});

test('a gateway that makes one image whatever n says: the image made is kept, the others end as not made (not charged), and later groups go one request each', async () => {
  // JimmyAI's synchronous copy of /v1/images documents n ≤ 1 and answers one image.
  const { tasks } = hostAt(`${simulator.url}/api/open-api`);
  const prompt = 'Two lighthouses from a one-image gateway';
  const first = await ended(tasks, await tasks.startCandidates(call(prompt, 'openai:gpt-image-2'), 2));
  assert.equal(first[0]!.state, 'succeeded');
  assert.ok(first[0]!.absolutePath && existsSync(first[0]!.absolutePath), 'the image that arrived is kept');
  assert.equal(first[1]!.state, 'failed');
  assert.match(first[1]!.error ?? '', /1 of the 2 images/);
  assert.notEqual(first[1]!.mayHaveBeenCharged, true, 'an image never made was not billed');
  const again = 'Two lighthouses, asked one by one';
  const second = await ended(tasks, await tasks.startCandidates(call(again, 'openai:gpt-image-2'), 2));
  assert.deepEqual(second.map((task) => task.state), ['succeeded', 'succeeded']);
  const sent = simulator.requests.filter((request) => request.path.endsWith('/v1/images/generations') && JSON.stringify(request.body ?? '').includes(again));
  assert.equal(sent.length, 2, 'one request per candidate');
  assert.ok(sent.every((request) => Number((request.body as { n?: unknown }).n) === 1));
});

test('a group that would go over the budget is refused whole: nothing is sent and nothing stays reserved', async () => {
  const { tasks, workspace } = hostAt(simulator.url);
  // The team's cap: two images a day on the OpenAI-compatible endpoint.
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({ budget: { openai: { perCall: 5, perDay: 2 } } }));
  const prompt = 'Three lighthouses over budget';
  await assert.rejects(tasks.startCandidates(call(prompt, 'openai:gpt-image-2'), 3), /perDay|per day/i);
  assert.equal(openaiRequests(prompt).length, 0, 'nothing was sent');
  const done = await ended(tasks, await tasks.startCandidates(call('Two within budget', 'openai:gpt-image-2'), 2));
  assert.deepEqual(done.map((task) => task.state), ['succeeded', 'succeeded'], 'the refused group left nothing reserved');
});

test('a count outside 1–8 is refused before anything exists', async () => {
  const { tasks } = hostAt(simulator.url);
  await assert.rejects(tasks.startCandidates(call('Nine lighthouses', 'openai:gpt-image-2'), 9), /from 1 to 8/);
  assert.equal(tasks.list().length, 0);
});

test('perCall holds for the whole group of one call: three candidates at one image each are over a cap of two per call', async () => {
  const { tasks, workspace } = hostAt(simulator.url);
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'imagegen.json'), JSON.stringify({ budget: { openai: { perCall: 2 } } }));
  const prompt = 'Three lighthouses in one call over perCall';
  await assert.rejects(tasks.startCandidates(call(prompt, 'openai:gpt-image-2'), 3), /these 3 OpenAI-compatible candidates would cost 3 images in all.*per call/);
  assert.equal(openaiRequests(prompt).length, 0, 'nothing was sent');
  const done = await ended(tasks, await tasks.startCandidates(call('Two lighthouses within perCall', 'openai:gpt-image-2'), 2));
  assert.deepEqual(done.map((task) => task.state), ['succeeded', 'succeeded']);
});
