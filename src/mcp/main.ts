// `node dist/mcp.js --workspace DIR`: ImageGen's engine as a stdio MCP server for any agent (Claude
// Code, Cursor, Codex, VS Code). No `vscode` here: the catalog, checks, providers, polling and the
// streaming save come from src/core, src/providers and src/saving; requests go through undici's
// fetch with EnvHttpProxyAgent (HTTPS_PROXY / HTTP_PROXY / NO_PROXY). stdout carries the protocol
// only: everything else goes to stderr, and never a key.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { HttpClient } from '../providers/httpClient';
import { undiciTransport } from '../providers/undiciFetch';
import { registerTools } from './mcpTools';
import { readServerEnvironment } from '../features/mcpPublishing/serverEnvironment';
import { StandaloneTasks, type ServerLog } from '../hosts/standalone/standaloneTasks';
import { TaskJournal } from './taskJournal';
import { realWorkspace } from './workspaceFiles';

declare const IMAGEGEN_VERSION: string;

const stderrLog = (line: string) => process.stderr.write(`[imagegen-mcp] ${line}\n`);
let server: McpServer | undefined;
/** stderr, and the client's log (MCP logging) once connected: an agent sees task ids there too. */
const log: ServerLog = (line, level = 'info') => {
  stderrLog(line);
  if (server?.isConnected()) void server.sendLoggingMessage({ level, logger: 'imagegen', data: line }).catch(() => undefined);
};

async function main(): Promise<void> {
  const read = readServerEnvironment(process.argv.slice(2), process.env);
  if (!read.ok) {
    read.problems.forEach(stderrLog);
    process.exit(2);
  }
  const workspace = await realWorkspace(read.environment.workspace);
  const transport = undiciTransport();
  const http = new HttpClient({ fetch: transport.fetch, userAgent: `ImageGen-MCP/${IMAGEGEN_VERSION} (node ${process.version})` });
  const { journal, entries } = await TaskJournal.open(workspace, stderrLog);
  const tasks = new StandaloneTasks(read.environment, workspace, http, log, journal);
  server = new McpServer({ name: 'imagegen', title: 'ImageGen', version: IMAGEGEN_VERSION }, { capabilities: { logging: {} } });
  registerTools(server, tasks);
  const stop = async () => {
    // Aborted tasks remove their hidden .part files before the process ends.
    await tasks.stopAll();
    await journal?.close();
    await server?.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
    process.exit(0);
  };
  process.stdin.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Tasks a previous run accepted (or was sending) go on, by the extension's resume rules; get_task knows them from the first call.
  await tasks.resume(entries);
  await server.connect(new StdioServerTransport());
  const keys = Object.keys(read.environment.apiKeys);
  log(`Serving ${workspace}; keys set for: ${keys.length > 0 ? keys.join(', ') : 'no provider'}`);
}

main().catch((error: unknown) => {
  stderrLog(error instanceof Error && error.name === 'WorkspacePathError' ? error.message : `Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
