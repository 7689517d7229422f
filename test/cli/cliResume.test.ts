// The command line and the task journal it shares with the MCP server (.imagegen/mcp-tasks.json):
// `tasks` lists what it holds, `resume` follows an accepted task by the shared rules until its image
// lands (submitted once), and a generation interrupted with Ctrl-C after the provider accepted it is
// kept, said to be possibly billed, and finished by `resume ID`.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { endpointFingerprint } from '../../src/mcp/taskJournal';
import { ProviderSimulator } from '../simulator/simulator';
import { newWorkspace, runCli, simKey, simulatorEnv, stackFrame, startCli, submitsOf } from './support/cliHarness';

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

function workspace(): string {
  const folder = newWorkspace('imagegen-cli-resume-');
  workspaces.push(folder);
  return folder;
}

const journalOf = (folder: string) => join(folder, '.imagegen', 'mcp-tasks.json');

async function until<T>(probe: () => T | undefined | false, what: string, limitMs = 20_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface JsonTask {
  id: string;
  state: string;
  path?: string;
  absolutePath?: string;
  mayHaveBeenCharged?: boolean;
}

test('a task the journal holds as accepted: tasks lists it, resume follows it, the image lands where it was asked, submitted once', async () => {
  const folder = workspace();
  const prompt = 'A kite accepted before the command line started';
  // An earlier run's request reached AIReiter, which accepted it under our id (out_task_id).
  const created = await fetch(`${simulator.url}/api/openapi/submit`, { method: 'POST', headers: { authorization: `Bearer ${simKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt_image_2', params: { prompt, aspect_ratio: '1:1', resolution: '1K' }, out_task_id: 'cli-accepted' }) });
  assert.equal(created.status, 200);
  mkdirSync(join(folder, '.imagegen'));
  const entry = { id: 'cli-accepted', input: { modelKey: 'aireiter:gpt_image_2', prompt, aspectRatio: '1:1', resolution: '1K' }, folder: 'art/kites', baseName: 'accepted-kite', state: 'running', createdAt: Date.now() - 5_000, acceptedAt: Date.now() - 4_000, endpoint: endpointFingerprint(simulator.url) };
  const finished = { ...entry, id: 'cli-old', input: { ...entry.input, prompt: 'An old one' }, state: 'failed', error: 'the model refused', finishedAt: Date.now() - 60_000, createdAt: Date.now() - 70_000 };
  writeFileSync(journalOf(folder), JSON.stringify({ version: 1, tasks: [entry, finished] }));
  const env = simulatorEnv(simulator);

  const listed = await runCli(['tasks', '--json', '--workspace', folder], { cwd: folder, env });
  assert.equal(listed.code, 0, listed.stderr);
  const before = (JSON.parse(listed.stdout) as { tasks: JsonTask[] }).tasks;
  assert.deepEqual(before.map((task) => [task.id, task.state]), [['cli-accepted', 'running'], ['cli-old', 'failed']]);
  const plainList = await runCli(['tasks'], { cwd: folder, env });
  assert.match(plainList.stdout, /running .*aireiter:gpt_image_2[\s\S]*cli-accepted/);
  assert.match(plainList.stderr, /1 unfinished: imagegen resume/);

  const resumed = await runCli(['resume', '--json'], { cwd: folder, env });
  assert.equal(resumed.code, 0, resumed.stderr);
  const answer = JSON.parse(resumed.stdout) as { ok: boolean; tasks: JsonTask[] };
  assert.equal(answer.ok, true);
  assert.deepEqual(answer.tasks.map((task) => [task.id, task.state, task.path]), [['cli-accepted', 'succeeded', 'art/kites/accepted-kite.png']]);
  assert.ok(existsSync(join(folder, 'art', 'kites', 'accepted-kite.png')));
  assert.equal(answer.tasks[0]!.absolutePath, join(folder, 'art', 'kites', 'accepted-kite.png'));
  assert.equal(submitsOf(simulator, prompt), 1, 'followed by its id, never sent again');
  assert.match(readFileSync(journalOf(folder), 'utf8'), /"id": "cli-accepted"[\s\S]*?"state": "succeeded"/);
  assert.ok(!existsSync(join(folder, '.imagegen', 'mcp-tasks.lock')), 'the journal lock is let go');

  const again = await runCli(['resume'], { cwd: folder, env });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /no unfinished tasks/);
  const unknown = await runCli(['resume', 'no-such-task'], { cwd: folder, env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /No task no-such-task in \.imagegen\/mcp-tasks\.json/);
});

test('a task sent to another base URL: resume leaves it in the journal, says why and what to set, and exits 2 as --help says', async () => {
  const folder = workspace();
  const env = simulatorEnv(simulator);
  mkdirSync(join(folder, '.imagegen'));
  const entry = { id: 'cli-elsewhere', input: { modelKey: 'jimmyai:nano-banana', prompt: 'Sent through another gateway' }, folder: 'assets', baseName: 'elsewhere', state: 'running', createdAt: Date.now() - 5_000, acceptedAt: Date.now() - 4_000, providerTaskId: 'jm-other', endpoint: endpointFingerprint('https://gateway.other.example') };
  writeFileSync(journalOf(folder), JSON.stringify({ version: 1, tasks: [entry] }));
  const resumed = await runCli(['resume', '--json'], { cwd: folder, env });
  assert.equal(resumed.code, 2, resumed.stderr);
  assert.match(resumed.stderr, /task cli-elsewhere is still running at JimmyAI: The task was sent to another JimmyAI base URL than IMAGEGEN_JIMMYAI_BASE_URL names here, so it is not followed from this environment/);
  assert.equal(JSON.parse(resumed.stdout).ok, false);
  assert.match(readFileSync(journalOf(folder), 'utf8'), /"id": "cli-elsewhere"[\s\S]*?"state": "running"/, 'kept in the journal as it was');
  const help = await runCli(['resume', '--help'], { cwd: folder, env });
  assert.match(help.stdout, /2 bad input or usage \(nothing sent\) or a task `imagegen resume` cannot follow from this environment \(no key, another base URL: it stays in the journal and may be billed/);
});

test('Ctrl-C after the provider accepted the task: the journal keeps it, the message says it may be billed and how to resume; resume ID saves it, submitted once', async () => {
  const folder = workspace();
  const prompt = 'A slow harbour interrupted [sim:durationMs=5000]';
  const env = simulatorEnv(simulator);
  const running = startCli(['generate', prompt, '--model', 'jimmyai:nano-banana', '--output-folder', 'harbour', '--json'], { cwd: folder, env });
  const journal = await until(() => existsSync(journalOf(folder)) && /"providerTaskId"/.test(readFileSync(journalOf(folder), 'utf8')) && readFileSync(journalOf(folder), 'utf8'), 'the journal to hold the accepted task');
  const id = (JSON.parse(journal) as { tasks: { id: string }[] }).tasks[0]!.id;
  running.child.kill('SIGINT');
  const stopped = await running.done;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, new RegExp(`interrupted: task ${id} \\(jimmyai:nano-banana\\) was left unfinished: JimmyAI accepted it as \\S+ and may bill it\\. It is kept in \\.imagegen/mcp-tasks\\.json: \`imagegen resume ${id}\``));
  assert.doesNotMatch(stopped.stderr, stackFrame);
  const interrupted = JSON.parse(stopped.stdout) as { interrupted: boolean; tasks: JsonTask[] };
  assert.equal(interrupted.interrupted, true);
  assert.equal(interrupted.tasks[0]!.state, 'running');
  assert.match(readFileSync(journalOf(folder), 'utf8'), /"state": "running"/);
  assert.ok(!existsSync(join(folder, 'harbour')) || !readdirSync(join(folder, 'harbour')).some((name) => name.endsWith('.png')), 'no image yet, and no .part left behind');

  const resumed = await runCli(['resume', id, '--json'], { cwd: folder, env });
  assert.equal(resumed.code, 0, resumed.stderr);
  const task = (JSON.parse(resumed.stdout) as { tasks: JsonTask[] }).tasks[0]!;
  assert.equal(task.state, 'succeeded');
  assert.match(task.path!, /^harbour\/a-slow-harbour-interrupted.*\.png$/);
  assert.ok(existsSync(task.absolutePath!));
  assert.equal(submitsOf(simulator, prompt), 1, 'submitted once, by the interrupted run');
});

test('Ctrl-C while the request is on its way: kept as possibly billed; resume does not send it again and says so (exit 1)', async () => {
  const folder = workspace();
  const prompt = 'A request cut off on its way';
  simulator.faults.add('jimmyai.create', { kind: 'slowHeaders', delayMs: 4_000 }, 1);
  const env = simulatorEnv(simulator);
  const running = startCli(['generate', prompt, '--model', 'jimmyai:nano-banana'], { cwd: folder, env });
  await until(() => submitsOf(simulator, prompt) === 1, 'the request to reach the provider');
  running.child.kill('SIGTERM');
  const stopped = await running.done;
  assert.equal(stopped.code, 143, stopped.stderr);
  assert.match(stopped.stderr, /its request to JimmyAI was on its way: it may have reached JimmyAI and may be billed\. It is kept in \.imagegen\/mcp-tasks\.json/);
  const resumed = await runCli(['resume', '--json'], { cwd: folder, env });
  assert.equal(resumed.code, 1, resumed.stderr);
  const task = (JSON.parse(resumed.stdout) as { tasks: JsonTask[] }).tasks[0]!;
  assert.deepEqual([task.state, task.mayHaveBeenCharged], ['unconfirmed', true]);
  assert.match(resumed.stderr, /not known whether it was generated; it may have been charged/);
  assert.equal(submitsOf(simulator, prompt), 1, 'never sent again');
});

test('two Ctrl-C at once while the request is on its way: exit 130, and the journal, written before the request left, holds the task whole', async () => {
  const folder = workspace();
  const prompt = 'A request stopped twice';
  simulator.faults.add('jimmyai.create', { kind: 'slowHeaders', delayMs: 6_000 }, 1);
  const env = simulatorEnv(simulator);
  const running = startCli(['generate', prompt, '--model', 'jimmyai:nano-banana'], { cwd: folder, env });
  await until(() => submitsOf(simulator, prompt) === 1, 'the request to reach the provider');
  running.child.kill('SIGINT');
  running.child.kill('SIGINT');
  const stopped = await running.done;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.doesNotMatch(stopped.stderr, stackFrame);
  const journal = JSON.parse(readFileSync(journalOf(folder), 'utf8')) as { tasks: { state: string; input: { prompt: string } }[] };
  assert.deepEqual(journal.tasks.map((task) => [task.input.prompt, task.state]), [[prompt, 'submitting']]);
});
