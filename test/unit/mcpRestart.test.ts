// The standalone MCP server across restarts: accepted tasks are kept in .imagegen/mcp-tasks.json
// and resumed by the next server on the same workspace by the extension's rules (followed by their
// id; AIReiter gpt_image_2 looked up by out_task_id before it is sent; anything else whose answer
// never came is not sent again and said to be possibly charged), and a bad journal never stops it.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { endpointFingerprint } from '../../src/mcp/taskJournal';
import { ProviderSimulator } from '../simulator/simulator';
import { callTool, connectServer, getTaskUntil, simKey, submitsOf, toolText, until } from './support/mcpHarness';

let simulator: ProviderSimulator;
const workspaces: string[] = [];

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 600 } });
  await simulator.start();
});

after(async () => {
  await simulator.stop();
  for (const folder of workspaces) rmSync(folder, { recursive: true, force: true });
});

function newWorkspace(): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-restart-')));
  workspaces.push(folder);
  return folder;
}

const journalOf = (workspace: string) => join(workspace, '.imagegen', 'mcp-tasks.json');

test('an accepted task survives a killed server: the next one on the workspace resumes it, saves the image where the call asked, and it was submitted once', async () => {
  const workspace = newWorkspace();
  const prompt = 'A harbour that outlives its server [sim:durationMs=4000]';
  const first = await connectServer(workspace, simulator);
  let id: string;
  try {
    const started = await callTool(first.client, 'generate_image', { prompt, model: 'jimmyai:nano-banana', output_folder: 'art/resumed', wait_seconds: 0 });
    assert.notEqual(started.isError, true, toolText(started));
    id = (started.structuredContent as { id: string }).id;
    const providerTaskId = await until(async () => ((await callTool(first.client, 'get_task', { id })).structuredContent as { providerTaskId?: string }).providerTaskId, 'the provider to accept the task');
    // The journal is written just after the acceptance is known.
    const journal = await until(() => existsSync(journalOf(workspace)) && readFileSync(journalOf(workspace), 'utf8').includes(providerTaskId) && readFileSync(journalOf(workspace), 'utf8'), 'the journal to hold the accepted task');
    assert.match(journal, new RegExp(`"id": "${id}"`));
    assert.ok(!journal.includes(simKey), 'no key in the journal');
    assert.equal(readFileSync(join(workspace, '.imagegen', '.gitignore'), 'utf8'), '*\n');
    assert.ok(first.pid, 'the server runs as its own process');
    process.kill(first.pid, 'SIGKILL');
  } finally {
    await first.close().catch(() => undefined);
  }
  const second = await connectServer(workspace, simulator);
  try {
    const done = await getTaskUntil(second.client, id).catch((error: Error) => assert.fail(`${error.message}; the second server said: ${second.stderr()}`));
    const { path } = done.structuredContent as { path: string };
    assert.match(path, /^art\/resumed\/a-harbour-that-outlives-its-server.*\.png$/);
    assert.ok(existsSync(join(workspace, ...path.split('/'))), 'the image is in the folder the call asked for');
    assert.ok(done.content.some((part) => part.type === 'image'));
    assert.equal(submitsOf(simulator, prompt), 1, 'submitted once, by the first server');
    assert.match(second.stderr(), new RegExp(`Resuming ${id}`));
    await until(() => /"state": "succeeded"/.test(readFileSync(journalOf(workspace), 'utf8')), 'the journal to say succeeded');
  } finally {
    await second.close();
  }
});

test('requests whose answer never came: AIReiter gpt_image_2 is looked up by out_task_id and sent only if unknown; any other is not sent again and is shown as possibly charged; a bad entry is set aside', async () => {
  const workspace = newWorkspace();
  const known = 'Known to the provider already';
  const unknown = 'Never reached the provider';
  const jimmy = 'A JimmyAI request cut off mid-way';
  // The first server's request reached AIReiter (created and charged) before it stopped.
  const created = await fetch(`${simulator.url}/api/openapi/submit`, { method: 'POST', headers: { authorization: `Bearer ${simKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt_image_2', params: { prompt: known, aspect_ratio: '1:1', resolution: '1K' }, out_task_id: 'resume-known' }) });
  assert.equal(created.status, 200);
  const charges = simulator.charges;
  const entry = (id: string, modelKey: string, prompt: string, folder: string) => ({ id, input: { modelKey, prompt, ...(modelKey.startsWith('aireiter') ? { aspectRatio: '1:1', resolution: '1K' } : {}) }, folder, baseName: id, state: 'submitting', createdAt: Date.now() - 5_000, endpoint: endpointFingerprint(simulator.url) });
  mkdirSync(join(workspace, '.imagegen'));
  writeFileSync(journalOf(workspace), JSON.stringify({ version: 1, tasks: [entry('resume-known', 'aireiter:gpt_image_2', known, 'found'), entry('resume-unknown', 'aireiter:gpt_image_2', unknown, 'sent'), entry('resume-jimmy', 'jimmyai:nano-banana', jimmy, 'assets'), { id: 7, state: 'running' }] }));
  const server = await connectServer(workspace, simulator);
  try {
    const found = await getTaskUntil(server.client, 'resume-known');
    assert.equal((found.structuredContent as { path: string }).path, 'found/resume-known.png');
    assert.equal(submitsOf(simulator, known), 1, 'found by its out_task_id: not sent again');
    const sent = await getTaskUntil(server.client, 'resume-unknown');
    assert.equal((sent.structuredContent as { path: string }).path, 'sent/resume-unknown.png');
    assert.equal(submitsOf(simulator, unknown), 1, 'AIReiter had no such task: sent once');
    assert.equal(simulator.charges, charges + 1);
    const cutOff = await callTool(server.client, 'get_task', { id: 'resume-jimmy' });
    assert.equal(cutOff.isError, true);
    assert.deepEqual([(cutOff.structuredContent as { state: string }).state, (cutOff.structuredContent as { mayHaveBeenCharged?: boolean }).mayHaveBeenCharged], ['unconfirmed', true]);
    assert.match(toolText(cutOff), /may have been charged.*not sent again/);
    assert.equal(submitsOf(simulator, jimmy), 0, 'never sent again');
    const listed = (await callTool(server.client, 'list_tasks', {})).structuredContent as { tasks: { id: string; state: string }[] };
    assert.deepEqual(listed.tasks.map((task) => task.id).sort(), ['resume-jimmy', 'resume-known', 'resume-unknown']);
    assert.match(server.stderr(), /partly unreadable \(task 4: /);
    assert.ok(readdirSync(join(workspace, '.imagegen')).some((name) => name.startsWith('mcp-tasks.json.unreadable-')), 'the journal as it was is set aside');
  } finally {
    await server.close();
  }
});

test('a task sent to another base URL is left as it is and get_task says it is not followed, and why, never "followed on"', async () => {
  const workspace = newWorkspace();
  const elsewhere = { id: 'elsewhere-1', input: { modelKey: 'jimmyai:nano-banana', prompt: 'Sent through another gateway' }, folder: 'assets', baseName: 'elsewhere-1', state: 'running', createdAt: Date.now() - 5_000, acceptedAt: Date.now() - 4_000, providerTaskId: 'jm-other-1', endpoint: endpointFingerprint('https://gateway.other.example') };
  mkdirSync(join(workspace, '.imagegen'));
  writeFileSync(journalOf(workspace), JSON.stringify({ version: 1, tasks: [elsewhere] }));
  const server = await connectServer(workspace, simulator);
  try {
    const parked = await until(async () => {
      const answer = await callTool(server.client, 'get_task', { id: 'elsewhere-1' });
      return (answer.structuredContent as { note?: string }).note !== undefined && answer;
    }, 'the task to be left with its note');
    const facts = parked.structuredContent as { state: string; followed?: boolean; note?: string };
    assert.equal(facts.state, 'running', 'left as it is');
    assert.equal(facts.followed, false);
    assert.match(facts.note!, /another JimmyAI base URL .* so it is not followed from this environment/);
    assert.match(toolText(parked), /^Not followed by this server, so its state will not change here: The task was sent to another JimmyAI base URL/);
    assert.doesNotMatch(toolText(parked), /followed on and saved|It is followed on/);
    const listed = (await callTool(server.client, 'list_tasks', {})).structuredContent as { tasks: { id: string; followed?: boolean }[] };
    assert.deepEqual(listed.tasks.map((task) => [task.id, task.followed]), [['elsewhere-1', false]]);
  } finally {
    await server.close();
  }
});

test('a journal that is not JSON is reported and set aside; the server starts and works', async () => {
  const workspace = newWorkspace();
  mkdirSync(join(workspace, '.imagegen'));
  writeFileSync(journalOf(workspace), '{"version": 1, "tasks": [');
  const server = await connectServer(workspace, simulator);
  try {
    const listed = await callTool(server.client, 'list_tasks', {});
    assert.equal(toolText(listed), 'No tasks.');
    assert.match(server.stderr(), /task journal .* could not be read \(it is not JSON\); the file was set aside as .*unreadable-.*; starting without remembered tasks/);
    const result = await callTool(server.client, 'generate_image', { prompt: 'After a bad journal', model: 'jimmyai:nano-banana' });
    assert.notEqual(result.isError, true, toolText(result));
    await until(() => /"state": "succeeded"/.test(readFileSync(journalOf(workspace), 'utf8')), 'the journal to say succeeded');
  } finally {
    await server.close();
  }
});

test('a server that stopped while making the output from the saved image: the next one delivers it from the file, asking no provider; a saved image that is gone is said, never lost', async () => {
  const workspace = newWorkspace();
  mkdirSync(join(workspace, 'assets'));
  // The provider's PNG, saved and journaled before the server died making its WebP. OpenAI-compatible gives no task id to ask again.
  const png = await fetch(`${simulator.url}/v1/images/generations`, { method: 'POST', headers: { authorization: `Bearer ${simKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-image-2', prompt: 'warm-up', size: '1536x1024' }) });
  const b64 = ((await png.json()) as { data: { b64_json: string }[] }).data[0]!.b64_json;
  writeFileSync(join(workspace, 'assets', 'saved-card.png'), Buffer.from(b64, 'base64'));
  const charges = simulator.charges;
  const running = (id: string, path: string) => ({
    id,
    input: { modelKey: 'openai:gpt-image-2', prompt: 'A saved card', size: '1536x1024', output: { format: 'webp', size: { width: 1200, height: 630 } } },
    folder: 'assets',
    baseName: id,
    state: 'running',
    createdAt: Date.now() - 60_000,
    acceptedAt: Date.now() - 50_000,
    endpoint: endpointFingerprint(simulator.url),
    savedImage: { path, width: 1536, height: 1024, format: 'png', bytes: 1 },
  });
  mkdirSync(join(workspace, '.imagegen'));
  writeFileSync(journalOf(workspace), JSON.stringify({ version: 1, tasks: [running('saved-1', 'assets/saved-card.png'), running('saved-gone', 'assets/gone.png'), running('saved-outside', '../outside.png')] }));
  const server = await connectServer(workspace, simulator);
  try {
    const done = await getTaskUntil(server.client, 'saved-1');
    const facts = done.structuredContent as { state: string; path: string; pixels?: string };
    assert.equal(facts.state, 'succeeded');
    assert.equal(facts.path, 'assets/saved-card.webp');
    assert.deepEqual(readdirSync(join(workspace, 'assets')).sort(), ['saved-card.webp'], 'the WebP made again; the provider PNG replaced');
    const gone = await until(async () => {
      const answer = await callTool(server.client, 'get_task', { id: 'saved-gone' });
      return (answer.structuredContent as { state: string }).state !== 'running' && answer;
    }, 'the task whose saved image is gone to be concluded');
    assert.equal((gone.structuredContent as { state: string }).state, 'failed');
    assert.match(toolText(gone), /the host stopped while its output was being made; the image is no longer there/);
    // A journal pointing outside the workspace is not delivered from there: the task is resumed as any accepted one (here: no key to follow it).
    const outside = await until(async () => {
      const answer = await callTool(server.client, 'get_task', { id: 'saved-outside' });
      return (answer.structuredContent as { note?: string }).note !== undefined && answer;
    }, 'the task with a path outside to be left with its note');
    assert.match(toolText(outside), /^Not followed by this server/);
    assert.equal(existsSync(join(workspace, '..', 'outside.webp')), false, 'nothing written outside the workspace');
    assert.equal(simulator.charges, charges, 'no provider was asked for anything');
  } finally {
    await server.close();
  }
});
