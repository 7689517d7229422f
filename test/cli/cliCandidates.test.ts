// `generate --count N` (issue 25) as a user runs it, against the simulator: every candidate saved
// as its own file and named (each outcome line on stderr, every task with its path in --json); a
// count outside 1–8 refused with exit 2 and nothing sent; one candidate that fails makes exit 1 and
// the last line says which.
import { strict as assert } from 'node:assert';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ProviderSimulator } from '../simulator/simulator';
import { newWorkspace, runCli, simulatorEnv, stackFrame, submitsOf } from './support/cliHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 50, processingMs: 200 }, syncDelayMs: 10 });
  await simulator.start();
  workspace = newWorkspace();
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

const run = (args: string[]) => runCli(args, { cwd: workspace, env: simulatorEnv(simulator) });

interface JsonTask {
  id: string;
  state: string;
  path?: string;
  absolutePath?: string;
  error?: string;
  candidate?: { group: string; index: number; count: number };
}

test('--count 2 --json: two tasks, two files, both named in the one JSON object with the group', async () => {
  const prompt = 'Two candidate kites for the command line';
  const result = await run(['generate', prompt, '--model', 'jimmyai:nano-banana', '--count', '2', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout) as { ok: boolean; group: string; count: number; tasks: JsonTask[] };
  assert.equal(answer.ok, true);
  assert.equal(answer.count, 2);
  assert.match(answer.group, /^[0-9a-f-]{36}$/);
  assert.equal(answer.tasks.length, 2);
  assert.deepEqual(answer.tasks.map((task) => task.state), ['succeeded', 'succeeded']);
  const paths = answer.tasks.map((task) => task.path!);
  assert.equal(new Set(paths).size, 2, paths.join(', '));
  for (const task of answer.tasks) assert.ok(existsSync(task.absolutePath!), `${task.absolutePath} is on disk`);
  assert.deepEqual(answer.tasks.map((task) => task.candidate), [1, 2].map((index) => ({ group: answer.group, index, count: 2 })));
  assert.equal(submitsOf(simulator, prompt), 2, 'one task each');
  // `tasks` reads the journal: each says which candidate it is.
  const listed = JSON.parse((await run(['tasks', '--json'])).stdout) as { tasks: JsonTask[] };
  assert.equal(listed.tasks.filter((task) => task.candidate?.group === answer.group).length, 2);
});

test('--count 2 without --json: both saved paths on stderr, then how the group ended; nothing on stdout', async () => {
  const prompt = 'Two candidate kites said in words';
  const result = await run(['generate', prompt, '--model', 'openai:gpt-image-2', '--count', '2']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  const saved = [...result.stderr.matchAll(/^imagegen: saved (assets\/two-candidate-kites-said-in-words[^ ]*\.png) /gm)].map((match) => match[1]!);
  assert.equal(saved.length, 2, result.stderr);
  assert.notEqual(saved[0], saved[1]);
  for (const path of saved) assert.ok(existsSync(join(workspace, path)));
  assert.match(result.stderr, /^imagegen: 2 of 2 candidates saved\. None is linked anywhere/m);
  const requests = simulator.requests.filter((request) => request.path.endsWith('/v1/images/generations') && JSON.stringify(request.body ?? '').includes(prompt));
  assert.equal(requests.length, 1, 'one request with n = 2');
  assert.equal((requests[0]!.body as { n?: unknown }).n, 2);
});

test('a count outside 1-8 is refused with exit 2 before anything is sent', async () => {
  for (const count of ['9', '0', 'three', '2.5']) {
    const prompt = `Kites counted ${count}`;
    const result = await run(['generate', prompt, '--model', 'jimmyai:nano-banana', '--count', count]);
    assert.equal(result.code, 2, `--count ${count}: ${result.stderr}`);
    assert.match(result.stderr, /--count/);
    assert.doesNotMatch(result.stderr, stackFrame);
    assert.equal(submitsOf(simulator, prompt), 0);
  }
  const nine = await run(['generate', 'Nine kites', '--model', 'jimmyai:nano-banana', '--count', '9']);
  assert.match(nine.stderr, /--count: The number of candidates must be a whole number from 1 to 8 \(it was 9\)\./);
  const help = await run(['generate', '--help']);
  assert.match(help.stdout, /--count 1-8 +make that many candidates/);
});

test('one candidate fails: the other is saved, exit 1, and the last line says which one was not', async () => {
  simulator.inject('jimmyai.create', { kind: 'noCredits' }, 1);
  const prompt = 'Two kites, one refused';
  const result = await run(['generate', prompt, '--model', 'jimmyai:nano-banana', '--count', '2', '--json']);
  assert.equal(result.code, 1, result.stderr);
  const answer = JSON.parse(result.stdout) as { ok: boolean; tasks: JsonTask[] };
  assert.equal(answer.ok, false);
  assert.deepEqual(answer.tasks.map((task) => task.state).sort(), ['failed', 'succeeded']);
  const failed = answer.tasks.findIndex((task) => task.state === 'failed');
  assert.match(result.stderr, new RegExp(`^imagegen: 1 of 2 candidates saved; not saved: candidate ${failed + 1} \\(task ${answer.tasks[failed]!.id}, failed\\)`, 'm'));
});
