// Start-up of the two standalone programs, each beside `node -e 0` measured in the same run (the
// floor no Node program can beat): the command line's cold start to a full `models --json`, and the
// MCP server from spawn to its first tools/list answer (and tools/list alone once initialized).
// Runs first in the bench, while its own process is small, and alternates product and baseline.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export interface StartupRow {
  readonly measure: string;
  readonly target: string;
  readonly product: string;
  readonly baseline: string;
  readonly met: boolean | undefined;
}

const runs = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

/** Wall time from spawn to exit of `node ARGS` (stdout read and dropped). */
function timeNode(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node ${args.join(' ')} exited ${code}`))));
  });
}

/** Spawn → initialize → tools/list of dist/mcp.js: the time to the first answer, and tools/list's own. */
async function timeMcp(root: string, workspace: string): Promise<{ toFirstList: number; listOnly: number }> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: process.execPath, args: [join(root, 'dist', 'mcp.js'), '--workspace', workspace], env: { PATH: process.env.PATH ?? '' }, stderr: 'ignore' });
  const client = new Client({ name: 'imagegen-bench', version: '1.0.0' });
  try {
    await client.connect(transport);
    const listStarted = performance.now();
    const { tools } = await client.listTools();
    const done = performance.now();
    if (tools.length === 0) throw new Error('the MCP server listed no tools');
    return { toFirstList: done - started, listOnly: done - listStarted };
  } finally {
    await client.close();
  }
}

export async function startupTimes(root: string): Promise<StartupRow[]> {
  const cli = join(root, 'dist', 'cli.js');
  const workspace = mkdtempSync(join(tmpdir(), 'imagegen-bench-mcp-'));
  const bare: number[] = [];
  const cold: number[] = [];
  const toFirstList: number[] = [];
  const listOnly: number[] = [];
  try {
    await timeNode(['-e', '0']); // Warm-up: the file cache, for every program alike.
    await timeNode([cli, 'models', '--json']);
    for (let i = 0; i < runs; i += 1) {
      bare.push(await timeNode(['-e', '0']));
      cold.push(await timeNode([cli, 'models', '--json']));
      const mcp = await timeMcp(root, workspace);
      toFirstList.push(mcp.toFirstList);
      listOnly.push(mcp.listOnly);
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
  const floor = median(bare);
  return [
    { measure: `CLI cold start: node dist/cli.js models --json (median of ${runs}; context, no target)`, target: '—', product: `${ms(median(cold))} (+${ms(median(cold) - floor)} over node)`, baseline: `${ms(floor)} (node -e 0)`, met: undefined },
    { measure: `MCP server: spawn → initialize → first tools/list answer (median of ${runs}; context, no target)`, target: '—', product: `${ms(median(toFirstList))} (tools/list alone ${median(listOnly).toFixed(1)} ms)`, baseline: `${ms(floor)} (node -e 0)`, met: undefined },
  ];
}
