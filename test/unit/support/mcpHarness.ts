// The standalone MCP server (dist/mcp.js) as an MCP client starts it, over stdio with the SDK's
// client, against the provider simulator; and the little helpers its tests share.
import { strict as assert } from 'node:assert';
import { resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { LoggingMessageNotificationSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ProviderSimulator } from '../../simulator/simulator';

// Bundled into each test file: `__dirname` is out/test/unit.
export const mcpServerPath = resolve(__dirname, '..', '..', '..', 'dist', 'mcp.js');
export const simKey = 'sim-key';

export interface ConnectedServer {
  readonly client: Client;
  /** What the server wrote on stderr so far. */
  readonly stderr: () => string;
  /** The MCP log notifications it sent so far. */
  readonly logs: string[];
  readonly pid: number | null;
  readonly close: () => Promise<void>;
}

/** Starts the server on `workspace`: keys and endpoints in its environment only. */
export async function connectServer(workspace: string, simulator: ProviderSimulator, env: Record<string, string> = {}): Promise<ConnectedServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpServerPath, '--workspace', workspace],
    env: {
      PATH: process.env.PATH ?? '',
      IMAGEGEN_AIREITER_API_KEY: simKey,
      IMAGEGEN_JIMMYAI_API_KEY: simKey,
      IMAGEGEN_AIREITER_BASE_URL: simulator.url,
      IMAGEGEN_JIMMYAI_BASE_URL: simulator.url,
      IMAGEGEN_OPENAI_BASE_URL: simulator.url,
      ...env,
    },
    stderr: 'pipe',
  });
  let log = '';
  transport.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const client = new Client({ name: 'imagegen-test', version: '1.0.0' });
  const logs: string[] = [];
  client.setNotificationHandler(LoggingMessageNotificationSchema, (notification) => void logs.push(String(notification.params.data)));
  await client.connect(transport);
  return { client, stderr: () => log, logs, pid: transport.pid, close: () => client.close() };
}

export const toolText = (result: CallToolResult) => result.content.filter((part) => part.type === 'text').map((part) => part.text).join('\n');

export async function callTool(client: Client, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** Waits (at most `limitMs`) until `probe` gives something; fails the test if it never does. */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, limitMs = 20_000): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** get_task until the task is in `state` (default succeeded). */
export function getTaskUntil(client: Client, id: string, state = 'succeeded'): Promise<CallToolResult> {
  return until(async () => {
    const status = await callTool(client, 'get_task', { id });
    return (status.structuredContent as { state?: string } | undefined)?.state === state ? status : undefined;
  }, `task ${id} to be ${state}`);
}

/** How many times a prompt was submitted to the simulator, on any provider's submit path. */
export function submitsOf(simulator: ProviderSimulator, prompt: string): number {
  return simulator.requests.filter((request) => {
    const body = request.body as { prompt?: string; params?: { prompt?: string } } | undefined;
    return request.method === 'POST' && (body?.prompt === prompt || body?.params?.prompt === prompt);
  }).length;
}
