// The command line's finished output (node dist/cli.js against the provider simulator), read back
// with the shipped image library: a transparent background from a model that makes it natively is
// real alpha in the PNG, and an exact output size in WebP is what lands on disk.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { ProviderSimulator } from '../simulator/simulator';
import { alphaCounts, shippedImaging } from '../support/shippedImaging';
import { newWorkspace, runCli, simulatorEnv, submitsOf } from './support/cliHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 300 } });
  await simulator.start();
  workspace = newWorkspace('imagegen-cli-finished-');
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

interface JsonTask {
  readonly state: string;
  readonly path: string;
  readonly absolutePath: string;
  readonly pixels?: string;
  readonly note?: string;
}

async function generate(args: string[]): Promise<JsonTask> {
  const result = await runCli(['generate', ...args, '--json'], { cwd: workspace, env: simulatorEnv(simulator) });
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout) as { ok: boolean; tasks: JsonTask[] };
  assert.equal(answer.ok, true, result.stdout);
  assert.equal(answer.tasks.length, 1);
  assert.equal(answer.tasks[0]!.state, 'succeeded');
  return answer.tasks[0]!;
}

test('generate --model openai:gpt-image-2 --background transparent: an RGBA PNG with alpha 0 pixels and an opaque subject', async () => {
  const prompt = 'A fox logo from the command line';
  const task = await generate([prompt, '--model', 'openai:gpt-image-2', '--background', 'transparent']);
  assert.equal(submitsOf(simulator, prompt), 1);
  const body = simulator.requestsFor('openai.generate').map((request) => request.body as Record<string, unknown>).find((sent) => sent.prompt === prompt);
  assert.equal(body?.background, 'transparent', 'sent to the model, not keyed out afterwards');
  assert.match(task.path, /\.png$/);
  const bytes = readFileSync(task.absolutePath);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  assert.equal(bytes[25], 6, 'IHDR colour type 6: RGBA');
  const { clear, opaque } = await alphaCounts(bytes);
  assert.ok(clear > 0, 'some pixels are alpha 0');
  assert.ok(opaque > 0, 'some pixels are alpha 255');
});

test('generate --output-format webp --output-size 640x360 --fit cover: a 640x360 WebP on disk, named by --json', async () => {
  const task = await generate(['A harbour banner from the command line', '--model', 'openai:gpt-image-2', '--output-format', 'webp', '--output-size', '640x360', '--fit', 'cover']);
  assert.match(task.path, /\.webp$/);
  assert.equal(task.pixels, '640x360');
  const bytes = readFileSync(task.absolutePath);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'RIFF');
  assert.equal(bytes.subarray(8, 12).toString('latin1'), 'WEBP');
  const info = await (await shippedImaging()).inspect(bytes);
  assert.deepEqual([info.format, info.width, info.height], ['webp', 640, 360]);
});
