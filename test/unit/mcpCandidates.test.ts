// Candidates through the real MCP server (dist/mcp.js) against the simulator (issue 25):
// generate_image with count answers with every task (id, state, path) and every saved image; an
// OpenAI-compatible endpoint makes them in one request with n, an async provider as one task each;
// get_task and list_tasks say which group and index a task is, also from the journal after a
// restart; a count outside 1–8 is refused with nothing sent.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseJournal } from '../../src/mcp/taskJournal';
import { ProviderSimulator } from '../simulator/simulator';
import { callTool, connectServer, simKey, submitsOf, toolText, until } from './support/mcpHarness';

let simulator: ProviderSimulator;
const workspaces: string[] = [];

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 30, processingMs: 120 }, syncDelayMs: 10 });
  await simulator.start();
});

after(async () => {
  await simulator.stop();
  for (const folder of workspaces) rmSync(folder, { recursive: true, force: true });
});

function workspace(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-candidates-')));
  workspaces.push(folder);
  return folder;
}

interface Candidate {
  id: string;
  state: string;
  path?: string;
  candidate?: { group: string; index: number; count: number };
}

const withOpenAi = { IMAGEGEN_OPENAI_API_KEY: simKey };

test('count 3 at an OpenAI-compatible endpoint: one request with n = 3, three tasks with three paths, three images, none linked', async () => {
  const folder = workspace();
  const server = await connectServer(folder, simulator, withOpenAi);
  try {
    const prompt = 'Three candidate lighthouses for an agent';
    const result = await callTool(server.client, 'generate_image', { prompt, model: 'openai:gpt-image-2', count: 3, wait_seconds: 30 });
    assert.notEqual(result.isError, true, toolText(result));
    const requests = simulator.requests.filter((request) => request.path.endsWith('/v1/images/generations') && JSON.stringify(request.body ?? '').includes(prompt));
    assert.equal(requests.length, 1, 'one request for the three');
    assert.equal((requests[0]!.body as { n?: unknown }).n, 3);
    const structured = result.structuredContent as { count: number; saved: number; group: string; candidates: Candidate[] };
    assert.equal(structured.count, 3);
    assert.equal(structured.saved, 3);
    assert.deepEqual(structured.candidates.map((candidate) => candidate.state), ['succeeded', 'succeeded', 'succeeded']);
    const paths = structured.candidates.map((candidate) => candidate.path!);
    assert.equal(new Set(paths).size, 3, paths.join(', '));
    for (const path of paths) assert.ok(existsSync(join(folder, path)), `${path} is on disk`);
    assert.deepEqual(structured.candidates.map((candidate) => [candidate.candidate?.group, candidate.candidate?.index, candidate.candidate?.count]), [1, 2, 3].map((index) => [structured.group, index, 3]));
    const images = result.content.filter((part) => part.type === 'image');
    assert.equal(images.length, 3, 'every saved image');
    const text = toolText(result);
    for (const path of paths) assert.ok(text.includes(path), `the text names ${path}`);
    if (process.env.PEEK) console.log(text);
    assert.match(text, /^3 candidates of one request \(group [0-9a-f-]+\): 3 saved\. None is linked anywhere/);
    // get_task and list_tasks say which candidate a task is, as the journal keeps it.
    const second = await callTool(server.client, 'get_task', { id: structured.candidates[1]!.id });
    assert.deepEqual((second.structuredContent as unknown as Candidate).candidate, { group: structured.group, index: 2, count: 3 });
    const listed = await callTool(server.client, 'list_tasks', {});
    const mine = (listed.structuredContent as { tasks: Candidate[] }).tasks.filter((task) => task.candidate?.group === structured.group);
    assert.equal(mine.length, 3);
  } finally {
    await server.close();
  }
  const journal = parseJournal(readFileSync(join(folder, '.imagegen', 'mcp-tasks.json'), 'utf8'));
  assert.deepEqual(journal.problems, []);
  const marks = journal.entries.map((entry) => entry.candidate).filter((mark) => mark !== undefined);
  assert.equal(marks.length, 3, 'the journal keeps the candidate mark');
  assert.deepEqual(marks.filter((mark) => mark.viaTask !== undefined).length, 2, 'the two whose image came with the first task\'s request say so');
  // A restarted server reads it back: get_task still names the group.
  const restarted = await connectServer(folder, simulator, withOpenAi);
  try {
    const entry = journal.entries.find((each) => each.candidate?.index === 3)!;
    const again = await callTool(restarted.client, 'get_task', { id: entry.id });
    assert.deepEqual((again.structuredContent as unknown as Candidate).candidate, { group: entry.candidate!.group, index: 3, count: 3 });
  } finally {
    await restarted.close();
  }
});

test('count 3 with JimmyAI nano-banana: three tasks, each submitted once, every path in the answer', async () => {
  const server = await connectServer(workspace(), simulator);
  try {
    const prompt = 'Three candidate foxes as three tasks';
    const result = await callTool(server.client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', count: 3, wait_seconds: 30 });
    assert.notEqual(result.isError, true, toolText(result));
    assert.equal(submitsOf(simulator, prompt), 3);
    const structured = result.structuredContent as { candidates: Candidate[] };
    assert.equal(new Set(structured.candidates.map((candidate) => candidate.id)).size, 3);
    assert.deepEqual(structured.candidates.map((candidate) => candidate.state), ['succeeded', 'succeeded', 'succeeded']);
    assert.equal(new Set(structured.candidates.map((candidate) => candidate.path)).size, 3);
    assert.equal(result.content.filter((part) => part.type === 'image').length, 3);
  } finally {
    await server.close();
  }
});

test('wait_seconds holds for the group: still running then, every task is named for get_task', async () => {
  const server = await connectServer(workspace(), simulator);
  try {
    const prompt = 'Two slow candidates [sim:durationMs=3000]';
    const result = await callTool(server.client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', count: 2, wait_seconds: 0 });
    assert.notEqual(result.isError, true, toolText(result));
    const structured = result.structuredContent as { candidates: Candidate[]; saved: number };
    assert.equal(structured.saved, 0);
    for (const candidate of structured.candidates) assert.ok(toolText(result).includes(`get_task with id "${candidate.id}"`), toolText(result));
    assert.match(toolText(result), /Do not call generate_image again/);
  } finally {
    await server.close();
  }
});

test('a call cancelled while the one request for its candidates is on its way: the request goes on, every candidate is saved', async () => {
  const server = await connectServer(workspace(), simulator, withOpenAi);
  try {
    const prompt = 'Two candidates whose call is cancelled mid-request';
    simulator.inject('openai.generate', { kind: 'slowHeaders', delayMs: 1_500 });
    const controller = new AbortController();
    const pending = server.client.callTool({ name: 'generate_image', arguments: { prompt, model: 'openai:gpt-image-2', count: 2 } }, undefined, { signal: controller.signal });
    await until(() => simulator.requests.some((request) => request.path.endsWith('/v1/images/generations') && JSON.stringify(request.body ?? '').includes(prompt)), 'the request to be on its way');
    controller.abort();
    await assert.rejects(pending);
    const saved = await until(async () => {
      const listed = (await callTool(server.client, 'list_tasks', {})).structuredContent as { tasks: (Candidate & { prompt: string })[] };
      const mine = listed.tasks.filter((task) => task.prompt === prompt);
      return mine.length === 2 && mine.every((task) => task.state === 'succeeded') ? mine : undefined;
    }, 'both candidates to be saved');
    assert.equal(new Set(saved.map((task) => task.path)).size, 2);
    assert.equal(submitsOf(simulator, prompt), 1, 'the one request, never sent again');
  } finally {
    await server.close();
  }
});

test('count 9 (and 0, 2.5) is refused before anything is sent', async () => {
  const server = await connectServer(workspace(), simulator, withOpenAi);
  try {
    for (const count of [9, 0, 2.5]) {
      const prompt = `Too many candidates ${count}`;
      const result = await callTool(server.client, 'generate_image', { prompt, model: 'openai:gpt-image-2', count });
      assert.equal(result.isError, true, `count ${count}`);
      assert.match(toolText(result), /The number of candidates must be a whole number from 1 to 8/);
      if (process.env.PEEK) console.log(toolText(result));
      assert.equal(submitsOf(simulator, prompt), 0, 'nothing sent');
    }
    const listed = await callTool(server.client, 'list_tasks', {});
    assert.equal(toolText(listed), 'No tasks.');
  } finally {
    await server.close();
  }
});
