// The standalone MCP server as VS Code is told about it: one per workspace folder, the folder on
// its command line, endpoints from the settings in its environment, keys from SecretStorage only
// when VS Code starts it (never in its arguments); started that way, it generates an image.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { activatedApi } from './support';

const simulator = process.env.IMAGEGEN_SIMULATOR_URL!;

suite('MCP server definition', () => {
  test('published with the workspace folder and the settings\' endpoints; keys only in its environment, added when it starts; started so, it generates an image', async () => {
    const api = await activatedApi();
    assert.equal(await vscode.commands.executeCommand('imagegen.setApiKey', 'jimmyai', 'sim-key'), true);
    const token = new vscode.CancellationTokenSource().token;
    const published = (await api.mcpServers.provideMcpServerDefinitions(token)) ?? [];
    assert.equal(published.length, 1, 'one server for the one workspace folder');
    const server = published[0]!;
    assert.ok(server instanceof vscode.McpStdioServerDefinition);
    assert.equal(server.label, 'ImageGen');
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    assert.match(server.args[0]!, /dist[\\/]mcp\.js$/);
    assert.ok(existsSync(server.args[0]!), 'the packaged server exists');
    assert.deepEqual(server.args.slice(1), ['--workspace', folder]);
    assert.equal(server.env.IMAGEGEN_JIMMYAI_BASE_URL, simulator, 'the endpoint from the settings');
    assert.equal(server.env.ELECTRON_RUN_AS_NODE, '1');
    assert.ok(!Object.keys(server.env).some((name) => name.endsWith('_API_KEY')), 'no key before VS Code starts it');

    const resolved = await api.mcpServers.resolveMcpServerDefinition!(server, token);
    assert.ok(resolved instanceof vscode.McpStdioServerDefinition);
    assert.equal(resolved.env.IMAGEGEN_JIMMYAI_API_KEY, 'sim-key', 'the key from SecretStorage, in the environment');
    assert.ok(![resolved.command, ...resolved.args].some((part) => part.includes('sim-key')), 'never on the command line');

    // Started as VS Code starts it: the extension host's Node, these arguments, this environment.
    const env = Object.fromEntries(Object.entries({ ...process.env, ...resolved.env }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const client = new Client({ name: 'host-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: resolved.command, args: resolved.args, env }));
    try {
      const result = (await client.callTool({ name: 'generate_image', arguments: { prompt: 'An agent-made icon', model: 'jimmyai:nano-banana', aspect_ratio: '1:1', output_folder: 'agent-images' } })) as CallToolResult;
      assert.notEqual(result.isError, true, JSON.stringify(result.content));
      const { path } = result.structuredContent as { path: string };
      assert.match(path, /^agent-images\/an-agent-made-icon-/);
      assert.ok(existsSync(join(folder, ...path.split('/'))));
    } finally {
      await client.close();
    }
  });

  test('VS Code\'s http.proxy and http.noProxy reach the server in both spellings (undici reads the lowercase ones first)', async () => {
    const api = await activatedApi();
    const http = vscode.workspace.getConfiguration('http');
    const before = { proxy: http.inspect('proxy')?.globalValue, noProxy: http.inspect('noProxy')?.globalValue };
    await http.update('proxy', 'http://127.0.0.1:9', vscode.ConfigurationTarget.Global);
    await http.update('noProxy', ['127.0.0.1', 'localhost'], vscode.ConfigurationTarget.Global);
    try {
      const [server] = (await api.mcpServers.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)) ?? [];
      assert.ok(server instanceof vscode.McpStdioServerDefinition);
      for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) assert.equal(server.env[name], 'http://127.0.0.1:9', name);
      assert.equal(server.env.NO_PROXY, '127.0.0.1,localhost');
      assert.equal(server.env.no_proxy, '127.0.0.1,localhost');
    } finally {
      await http.update('proxy', before.proxy, vscode.ConfigurationTarget.Global);
      await http.update('noProxy', before.noProxy, vscode.ConfigurationTarget.Global);
    }
  });

  test('the user\'s imagegen.budget reaches the published server as IMAGEGEN_BUDGET (user settings only), so an agent on it is capped too', async () => {
    const api = await activatedApi();
    const settings = vscode.workspace.getConfiguration('imagegen');
    const before = settings.inspect('budget')?.globalValue;
    const definition = async () => ((await api.mcpServers.provideMcpServerDefinitions(new vscode.CancellationTokenSource().token)) ?? [])[0] as vscode.McpStdioServerDefinition;
    assert.equal((await definition()).env.IMAGEGEN_BUDGET, undefined, 'no budget, no variable');
    await settings.update('budget', { aireiter: { agentsPerDay: 500 } }, vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual(JSON.parse(String((await definition()).env.IMAGEGEN_BUDGET)), { aireiter: { agentsPerDay: 500 } });
    } finally {
      await settings.update('budget', before, vscode.ConfigurationTarget.Global);
    }
  });
});
