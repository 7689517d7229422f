// The command line's reading of its arguments (src/cli/commandLine.ts) and its Node floor, without
// starting a process: every flag of the table, the problems said with the flag and what it allows,
// a key flag refused without repeating it. The built dist/cli.js itself is tested in test/cli.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseCommandLine } from '../../src/cli/commandLine';
import { nodeVersionProblem } from '../../src/cli/nodeVersion';

const cwd = '/home/user/site';
const problemOf = (argv: string[]) => {
  try {
    parseCommandLine(argv, cwd);
  } catch (error) {
    assert.equal((error as Error).name, 'UsageError');
    return (error as Error).message;
  }
  return assert.fail(`${argv.join(' ')} was accepted`);
};

test('generate: the prompt, every flag, repeated references, the current folder as the default workspace', () => {
  assert.deepEqual(parseCommandLine(['generate', 'a red fox', '--model', 'jimmyai:nano-banana-pro', '--aspect-ratio', '16:9', '--resolution=2K', '--quality', 'high', '--reference', 'a.png', '--reference', 'b/c.webp', '--output-folder', 'art', '--json'], cwd), {
    kind: 'generate',
    prompt: 'a red fox',
    model: 'jimmyai:nano-banana-pro',
    aspectRatio: '16:9',
    resolution: '2K',
    quality: 'high',
    references: ['a.png', 'b/c.webp'],
    outputFolder: 'art',
    workspace: cwd,
    json: true,
  });
  assert.deepEqual(parseCommandLine(['generate', '--workspace', '/w', 'x', '--model', 'openai:gpt-image-2', '--size', '1024x1536'], cwd), { kind: 'generate', prompt: 'x', model: 'openai:gpt-image-2', size: '1024x1536', references: [], workspace: '/w', json: false });
});

test('models, tasks, resume [ID], unused, help and version', () => {
  assert.deepEqual(parseCommandLine(['models', '--json'], cwd), { kind: 'models', json: true });
  assert.deepEqual(parseCommandLine(['unused', '--workspace', '/w', '--json'], cwd), { kind: 'unused', workspace: '/w', json: true });
  assert.throws(() => parseCommandLine(['unused', '--delete'], cwd), /--delete: unknown option for unused/);
  assert.deepEqual(parseCommandLine(['tasks'], cwd), { kind: 'tasks', workspace: cwd, json: false });
  assert.deepEqual(parseCommandLine(['resume', 'task-1', '--workspace', '/w'], cwd), { kind: 'resume', id: 'task-1', workspace: '/w', json: false });
  assert.deepEqual(parseCommandLine(['resume'], cwd), { kind: 'resume', workspace: cwd, json: false });
  assert.deepEqual(parseCommandLine(['--help'], cwd), { kind: 'help' });
  assert.deepEqual(parseCommandLine(['generate', '--help'], cwd), { kind: 'help', command: 'generate' });
  assert.deepEqual(parseCommandLine(['--version'], cwd), { kind: 'version' });
});

test('problems name the flag and what it allows; a key flag is refused wherever it stands, its value never repeated', () => {
  assert.match(problemOf(['generate', 'x', '--model', 'jimmyai:nano-banana', '--bogus']), /^--bogus: unknown option for generate\. It takes --model P:M, --aspect-ratio R, --resolution 1K\|2K\|4K, --size WxH/);
  assert.match(problemOf(['generate', 'x', '--model']), /^--model needs a value \(P:M\): provider:model/);
  assert.match(problemOf(['generate', 'x', '--model', 'jimmyai:nano-banana', '--json=yes']), /^--json takes no value\./);
  assert.match(problemOf(['generate', 'x', '--model', 'midjourney:v7']), /^--model: .*midjourney/);
  assert.match(problemOf(['generate', '   ', '--model', 'jimmyai:nano-banana']), /PROMPT is empty/);
  assert.match(problemOf(['generate', 'a', 'red', 'fox', '--model', 'jimmyai:nano-banana']), /takes one PROMPT: put it in quotes/);
  assert.match(problemOf(['generate', 'x', '--model', 'jimmyai:nano-banana', ...Array.from({ length: 17 }, (_, i) => ['--reference', `${i}.png`]).flat()]), /at most 16 --reference images/);
  assert.match(problemOf(['models', 'extra']), /models takes no arguments/);
  assert.match(problemOf(['resume', 'a', 'b']), /at most one task id/);
  assert.match(problemOf(['draw']), /^draw: unknown command: the commands are generate, models, tasks, resume/);
  for (const argv of [['generate', 'x', '--api-key', 'sk-9f8e7d'], ['--token=sk-9f8e7d', 'models'], ['resume', '--openai-secret', 'sk-9f8e7d'], ['tasks', '--password=sk-9f8e7d']]) {
    const problem = problemOf(argv);
    assert.match(problem, /keys are never taken from the command line.*IMAGEGEN_AIREITER_API_KEY, IMAGEGEN_JIMMYAI_API_KEY, IMAGEGEN_OPENAI_API_KEY in the environment/);
    assert.ok(!problem.includes('sk-9f8e7d'), problem);
  }
  // After `--` everything is the prompt, even text that looks like a flag.
  assert.equal((parseCommandLine(['generate', '--model', 'jimmyai:nano-banana', '--', '--token is a word here'], cwd) as { prompt: string }).prompt, '--token is a word here');
});

test('Node older than 20.18.1 is refused in one sentence; newer is fine', () => {
  assert.match(nodeVersionProblem('v18.19.0')!, /^imagegen needs Node 20\.18\.1 or later; this is Node 18\.19\.0\./);
  assert.match(nodeVersionProblem('20.18.0')!, /needs Node 20\.18\.1/);
  assert.equal(nodeVersionProblem('20.18.1'), undefined);
  assert.equal(nodeVersionProblem('20.20.2'), undefined);
  assert.equal(nodeVersionProblem('22.1.0'), undefined);
  assert.equal(nodeVersionProblem('v24.0.0'), undefined);
});
