// The command line (`node dist/cli.js`) as a user runs it, against the provider simulator: a
// generation saved in the workspace and named by --json, bad input refused with exit 2 before
// anything is sent, a provider failure exit 1, and the catalog as the MCP server lists it.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { describeOfferedModels } from '../../src/core/catalog/modelDescriptions';
import { readPngText } from '../../src/core/png/pngText';
import { ProviderSimulator } from '../simulator/simulator';
import { newWorkspace, providerRequests, runCli, simKey, simulatorEnv, stackFrame, submitsOf } from './support/cliHarness';

let simulator: ProviderSimulator;
let workspace: string;
let outside: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 500 } });
  await simulator.start();
  workspace = newWorkspace();
  outside = newWorkspace('imagegen-cli-outside-');
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const run = (args: string[], extraEnv: Record<string, string | undefined> = {}) => runCli(args, { cwd: workspace, env: simulatorEnv(simulator, extraEnv) });

interface JsonTask {
  id: string;
  state: string;
  model: string;
  path?: string;
  absolutePath?: string;
  pixels?: string;
  providerTaskId?: string;
  error?: string;
}

test('generate --json: the image is saved in the output folder with its provenance, and the one JSON object on stdout names it', async () => {
  const prompt = 'A lighthouse drawn for the command line';
  const result = await run(['generate', prompt, '--model', 'jimmyai:nano-banana', '--aspect-ratio', '16:9', '--output-folder', 'art/cli', '--json']);
  assert.equal(result.code, 0, result.stderr);
  const answer = JSON.parse(result.stdout) as { command: string; ok: boolean; workspace: string; tasks: JsonTask[] };
  assert.equal(answer.ok, true);
  assert.equal(answer.workspace, workspace);
  assert.equal(answer.tasks.length, 1);
  const [task] = answer.tasks as [JsonTask];
  assert.equal(task.state, 'succeeded');
  assert.equal(task.model, 'jimmyai:nano-banana');
  assert.match(task.path!, /^art\/cli\/a-lighthouse-drawn-for-the-command-line.*\.png$/);
  assert.equal(task.absolutePath, join(workspace, ...task.path!.split('/')));
  assert.match(task.pixels!, /^\d+x\d+$/);
  assert.ok(task.providerTaskId, 'the provider task id is named');
  const provenance = readPngText(readFileSync(task.absolutePath!));
  assert.equal(provenance.prompt, prompt);
  assert.equal(provenance.model, 'jimmyai:nano-banana');
  assert.equal(submitsOf(simulator, prompt), 1);
  // stderr: plain progress lines (not a terminal), the saved path, never the key or a stack.
  assert.match(result.stderr, new RegExp(`task ${task.id.slice(0, 8)} `));
  assert.match(result.stderr, /saved art\/cli\//);
  assert.ok(!result.stderr.includes('\u001b'), 'no terminal control codes when stderr is not a terminal');
  assert.ok(!result.stderr.includes(simKey) && !result.stdout.includes(simKey), 'the key is never printed');
  assert.doesNotMatch(result.stderr, stackFrame);
  // The journal the MCP server shares remembers it.
  assert.match(readFileSync(join(workspace, '.imagegen', 'mcp-tasks.json'), 'utf8'), new RegExp(`"id": "${task.id}"[\\s\\S]*"state": "succeeded"`));
});

test('generate without --json: the saved path on stderr, nothing on stdout; the workspace defaults to the current folder', async () => {
  const result = await run(['generate', 'A plain square', '--model', 'aireiter:gpt_image_2', '--resolution', '1k']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, '');
  const path = /saved (assets\/\S+\.png)/.exec(result.stderr)?.[1];
  assert.ok(path && existsSync(join(workspace, path)), result.stderr);
});

test('bad input exits 2 with one plain message naming the flag, no stack, and sends nothing', async () => {
  mkdirSync(join(workspace, 'links'), { recursive: true });
  symlinkSync(outside, join(workspace, 'links', 'out'));
  const cases: [string[], RegExp, Record<string, string | undefined>?][] = [
    [['generate', 'x', '--model', 'jimmyai:no-such-model'], /--model: Unknown model "jimmyai:no-such-model".*jimmyai:nano-banana/],
    [['generate', 'x', '--model', 'aireiter:gpt_image_2', '--size', 'huge'], /--size: "huge" is not a size: write it as WIDTHxHEIGHT/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--size', '1024x1024'], /--size: JimmyAI · Nano Banana does not take a custom size/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--resolution', '8K'], /--resolution: .*does not render at 8K; it offers 1K/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--colour', 'red'], /--colour: unknown option for generate\. It takes --model P:M, .*--json/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--api-key', 'sk-live-secret'], /--api-key: keys are never taken from the command line.*IMAGEGEN_JIMMYAI_API_KEY/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--token=sk-live-secret'], /--token: keys are never taken from the command line/],
    [['generate', 'x'], /--model P:M is required/],
    [['generate', '--model', 'jimmyai:nano-banana'], /generate needs a PROMPT/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--output-folder', '../elsewhere'], /--output-folder: "\.\.\/elsewhere" is not a folder inside the workspace/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--output-folder', 'links/out/images'], /outside the workspace|leads out/i],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--reference', 'missing.png'], /reference image missing\.png does not exist in the workspace/],
    [['generate', 'x', '--model', 'jimmyai:nano-banana'], /No API key for JimmyAI: set IMAGEGEN_JIMMYAI_API_KEY in the environment/, { IMAGEGEN_JIMMYAI_API_KEY: undefined }],
    [['generate', 'x', '--model', 'jimmyai:nano-banana', '--workspace', join(workspace, 'no-such-folder')], /--workspace .*no-such-folder is not a folder that exists/],
    [['paint', 'x'], /paint: unknown command: the commands are generate, models, tasks, resume/],
    [[], /No command given/],
  ];
  for (const [args, message, env] of cases) {
    const before = providerRequests(simulator);
    const result = await run(args, env);
    const said = `${args.join(' ')} → ${result.stderr}`;
    assert.equal(result.code, 2, said);
    assert.match(result.stderr, message, said);
    assert.doesNotMatch(result.stderr, stackFrame, said);
    assert.ok(!result.stderr.includes('sk-live-secret'), `a key given as a flag is not repeated: ${said}`);
    assert.equal(result.stdout, '', said);
    assert.equal(providerRequests(simulator), before, `nothing was sent: ${said}`);
  }
  assert.ok(!existsSync(join(outside, 'images')), 'no folder was made outside the workspace');
});

test('output options: a value it cannot deliver exits 2 naming the flag as typed, nothing sent; what it can deliver is kept in the journal entry', async () => {
  const model = ['--model', 'jimmyai:nano-banana'];
  const cases: [string[], RegExp][] = [
    [['--output-format', 'gif'], /--output-format "gif" is not one of png, webp, avif, jpeg\./],
    [['--output-size', 'big'], /--output-size "big" is not WIDTHxHEIGHT, for example 1200x630\./],
    [['--output-format', 'webp', '--output-quality', 'high'], /--output-quality "high" is not a number: give a whole number from 0 to 100\./],
    [['--fit', 'crop', '--output-size', '1200x630'], /--fit "crop" is not one of cover, contain, fill\./],
    [['--asset-set', 'responsive', '--widths', '640,wide'], /--widths "640,wide" is not a list of whole numbers/],
    [['--asset-set', 'icons'], /--asset-set "icons" is not one of favicon, og-card, responsive\./],
    [['--avif'], /avif adds AVIF files to a responsive set/],
    [['--output-format', 'jpeg', '--background', 'transparent'], /JPEG has no transparency: use png or webp\./],
  ];
  for (const [flags, message] of cases) {
    const before = providerRequests(simulator);
    const result = await run(['generate', 'an output that cannot be delivered', ...model, ...flags]);
    const said = `${flags.join(' ')} → ${result.stderr}`;
    assert.equal(result.code, 2, said);
    assert.match(result.stderr, /Not sent: /, said);
    assert.match(result.stderr, message, said);
    assert.doesNotMatch(result.stderr, stackFrame, said);
    assert.equal(providerRequests(simulator), before, `nothing was sent: ${said}`);
  }
  const entryOf = (id: string) => (JSON.parse(readFileSync(join(workspace, '.imagegen', 'mcp-tasks.json'), 'utf8')) as { tasks: { id: string; input: { output?: unknown } }[] }).tasks.find((task) => task.id === id);
  const card = await run(['generate', 'A social card of a harbour', ...model, '--output-format', 'webp', '--output-quality', '70', '--output-size', '1200x630', '--fit', 'contain', '--background', 'opaque', '--json']);
  assert.equal(card.code, 0, card.stderr);
  const cardId = (JSON.parse(card.stdout) as { tasks: JsonTask[] }).tasks[0]!.id;
  assert.deepEqual(entryOf(cardId)?.input.output, { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'contain', background: 'opaque' });
  const cardTask = (JSON.parse(card.stdout) as { tasks: (JsonTask & { path: string; pixels: string })[] }).tasks[0]!;
  assert.match(cardTask.path, /\.webp$/, 'the finished file, not the provider PNG');
  assert.equal(cardTask.pixels, '1200x630');
  assert.equal(readFileSync(join(workspace, ...cardTask.path.split('/'))).subarray(8, 12).toString('latin1'), 'WEBP');
  const set = await run(['generate', 'A responsive hero', ...model, '--asset-set', 'responsive', '--widths', '1280,640', '--avif', '--output-format', 'jpeg', '--json']);
  assert.equal(set.code, 0, set.stderr);
  const setId = (JSON.parse(set.stdout) as { tasks: JsonTask[] }).tasks[0]!.id;
  assert.deepEqual(entryOf(setId)?.input.output, { format: 'jpeg', assetSet: 'responsive', widths: [1280, 640], avif: true });
  const setTask = (JSON.parse(set.stdout) as { tasks: (JsonTask & { files?: string[] })[] }).tasks[0]!;
  const names = (setTask.files ?? []).map((file) => file.split('/').pop()!);
  assert.ok(names.includes('image-640.webp') && names.includes('image-640.avif') && names.some((name) => /^image-\d+\.jpg$/.test(name)), names.join(', '));
  const help = await run(['generate', '--help']);
  for (const flag of [/--output-format png\|webp\|avif\|jpeg/, /--output-quality 0-100/, /--output-size WxH/, /--fit cover\|contain\|fill/, /--background transparent\|opaque\|auto/, /--asset-set favicon\|og-card\|responsive/, /--widths W,W/, /--avif /]) {
    assert.match(help.stdout, flag);
  }
});

test('a provider failure exits 1 with the reason in one line; --json says failed', async () => {
  const result = await run(['generate', 'A storm [sim:taskFailed=the model could not draw this]', '--model', 'jimmyai:nano-banana', '--json']);
  assert.equal(result.code, 1, result.stderr);
  const answer = JSON.parse(result.stdout) as { ok: boolean; tasks: JsonTask[] };
  assert.equal(answer.ok, false);
  assert.equal(answer.tasks[0]!.state, 'failed');
  assert.match(answer.tasks[0]!.error!, /could not draw this/);
  assert.match(result.stderr, /task \S+ failed: .*could not draw this/);
  assert.doesNotMatch(result.stderr, stackFrame);
});

test('models --json is the catalog as the MCP server lists it; --help and --version', async () => {
  const models = await run(['models', '--json']);
  assert.equal(models.code, 0, models.stderr);
  const listed = JSON.parse(models.stdout) as { models: unknown[]; note: string };
  assert.deepEqual(listed.models, JSON.parse(JSON.stringify(describeOfferedModels())));
  assert.ok((listed.models as { model: string; aspectRatios: string[] }[]).some((model) => model.model === 'aireiter:gpt_image_2' && model.aspectRatios.includes('16:9')));
  assert.match(listed.note, /openai:<model id>/);
  const plain = await run(['models']);
  assert.match(plain.stdout, /^jimmyai:nano-banana-pro {2}\(/m);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Commands:[\s\S]*generate[\s\S]*IMAGEGEN_AIREITER_API_KEY/);
  const generateHelp = await run(['generate', '--help']);
  assert.match(generateHelp.stdout, /--reference PATH/);
  const version = await run(['--version']);
  assert.equal(version.code, 0);
  assert.equal(version.stdout.trim(), (JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }).version);
});

test('a provider behind a certificate Node does not trust: exit 1 naming NODE_EXTRA_CA_CERTS, nothing sent; with the CA given there, the image lands', async () => {
  const tls = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');
  const secure = new ProviderSimulator({ host: '127.0.0.1', lifecycle: { queuedMs: 100, processingMs: 300 }, tls: { cert: readFileSync(join(tls, 'loopback-cert.pem')), key: readFileSync(join(tls, 'loopback-key.pem')) } });
  await secure.start();
  try {
    const args = ['generate', 'A lighthouse behind an inspecting proxy', '--model', 'jimmyai:nano-banana', '--json'];
    const refused = await runCli(args, { cwd: workspace, env: simulatorEnv(secure, { NODE_EXTRA_CA_CERTS: undefined }) });
    assert.equal(refused.code, 1, refused.stderr);
    assert.match(refused.stderr, /TLS certificate is not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\); nothing was sent\..*NODE_EXTRA_CA_CERTS/);
    assert.doesNotMatch(refused.stderr, stackFrame);
    assert.equal(submitsOf(secure, 'A lighthouse behind an inspecting proxy'), 0);
    const trusted = await runCli(args, { cwd: workspace, env: simulatorEnv(secure, { NODE_EXTRA_CA_CERTS: join(tls, 'loopback-cert.pem') }) });
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.equal((JSON.parse(trusted.stdout) as { tasks: JsonTask[] }).tasks[0]!.state, 'succeeded');
  } finally {
    await secure.stop();
  }
});
