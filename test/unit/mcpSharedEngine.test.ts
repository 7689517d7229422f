// What the MCP server gained from the shared engine (issue 23), against the real dist/mcp.js and
// the simulator: the file-name template every host reads (IMAGEGEN_FILE_NAME, as imagegen.fileName),
// and a task past its deadline that the provider still runs is followed on as overdue and saved,
// where the server's old copy of the task life failed it at the deadline.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ProviderSimulator } from '../simulator/simulator';
import { callTool, connectServer, submitsOf, toolText, until } from './support/mcpHarness';

let simulator: ProviderSimulator;
let workspace: string;

before(async () => {
  simulator = new ProviderSimulator({ lifecycle: { queuedMs: 100, processingMs: 600 } });
  await simulator.start();
  workspace = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-engine-')));
});

after(async () => {
  await simulator.stop();
  rmSync(workspace, { recursive: true, force: true });
});

test('the saved file is named by the file-name template the server is given (IMAGEGEN_FILE_NAME, the engine\'s imagegen.fileName)', async () => {
  const { client, close } = await connectServer(workspace, simulator, { IMAGEGEN_FILE_NAME: 'team-${model}' });
  try {
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'A named lighthouse', model: 'jimmyai:nano-banana', wait_seconds: 30 } })) as CallToolResult;
    assert.notEqual(result.isError, true, toolText(result));
    const { path, state } = result.structuredContent as { path?: string; state: string };
    assert.equal(state, 'succeeded', toolText(result));
    assert.match(basename(path ?? ''), /^team-nano-banana(-\d+)?\.png$/, `saved as ${path}`);
  } finally {
    await close();
  }
});

test('a task past its deadline that the provider still runs is followed on (overdue) and saved, submitted once', async () => {
  const { client, close } = await connectServer(workspace, simulator, { IMAGEGEN_POLLING_TIMEOUT_SECONDS: '1' });
  try {
    // JimmyAI is first asked after 5 s, past the 1 s deadline, while the task still runs (8 s).
    const prompt = 'A lighthouse that takes its time [sim:durationMs=8000]';
    const first = (await client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana', wait_seconds: 0 } })) as CallToolResult;
    assert.notEqual(first.isError, true, toolText(first));
    const { id } = first.structuredContent as { id: string };
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    const past = await callTool(client, 'get_task', { id });
    assert.equal((past.structuredContent as { state: string }).state, 'running', `past its deadline the task is still followed: ${toolText(past)}`);
    // Overdue tasks are asked about less often (4 × JimmyAI's 5 s).
    const done = await until(async () => {
      const status = await callTool(client, 'get_task', { id });
      const { state } = status.structuredContent as { state: string };
      assert.ok(state === 'running' || state === 'succeeded', toolText(status));
      return state === 'succeeded' ? status : undefined;
    }, 'the overdue task to be saved', 60_000);
    const { state, path } = done.structuredContent as { state: string; path?: string };
    assert.equal(state, 'succeeded', toolText(done));
    assert.ok(path, 'the image was saved');
    assert.equal(submitsOf(simulator, prompt), 1, 'submitted once');
  } finally {
    await close();
  }
});

test('a task the journal cannot write down is not sent: the request would be lost if the server stopped', async () => {
  // The journal's file is a folder: every write of it fails (even for root, unlike a read-only folder).
  const blocked = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-mcp-unwritable-')));
  mkdirSync(join(blocked, '.imagegen', 'mcp-tasks.json', 'in-the-way'), { recursive: true });
  const { client, close } = await connectServer(blocked, simulator);
  try {
    const prompt = 'A lighthouse nobody wrote down';
    const result = (await client.callTool({ name: 'generate_image', arguments: { prompt, model: 'jimmyai:nano-banana', wait_seconds: 30 } })) as CallToolResult;
    const { state, error } = (result.structuredContent ?? {}) as { state?: string; error?: string };
    assert.equal(state, 'failed', toolText(result));
    assert.match(error ?? '', /Not sent: ImageGen could not write down this task/);
    assert.equal(submitsOf(simulator, prompt), 0, 'nothing reached the provider');
    assert.deepEqual(readdirSync(join(blocked, 'assets')), [], 'no image file was left in the checked folder');
  } finally {
    await close();
    rmSync(blocked, { recursive: true, force: true });
  }
});
