// What a command that touches a workspace opens, and closes again however it ends: the workspace's
// real path, the keys and endpoints from the IMAGEGEN_* environment (read by the MCP server's own
// code: one contract for both), the transport (undici with EnvHttpProxyAgent, so HTTPS_PROXY and
// NO_PROXY apply), the task journal the MCP server shares (one keeper at a time, by its lock) and
// the task engine on top of them.
import { HttpClient } from '../providers/httpClient';
import { undiciTransport } from '../providers/undiciFetch';
import { readServerEnvironment, type ServerEnvironment } from '../features/mcpPublishing/serverEnvironment';
import { TaskJournal, type JournalEntry } from '../mcp/taskJournal';
import { realWorkspace } from '../mcp/workspaceFiles';
import { UsageError } from './failures';
import { createTaskEngine, type TaskEngine } from './tasks';
import type { Terminal } from './terminal';
import { cliVersion } from './usage';

export interface PreparedWorkspace {
  readonly environment: ServerEnvironment;
  /** The workspace's real path: every read and write is confined to it. */
  readonly workspace: string;
}

/** The environment and the workspace, checked before anything is opened: a problem is a UsageError. */
export async function prepareWorkspace(folder: string, env: NodeJS.ProcessEnv): Promise<PreparedWorkspace> {
  const read = readServerEnvironment(['--workspace', folder], env);
  if (!read.ok) throw new UsageError(read.problems.join(' '));
  return { environment: read.environment, workspace: await realWorkspace(folder) };
}

export interface EngineSession {
  readonly tasks: TaskEngine;
  /** What the journal held when it was opened (empty when another process keeps it). */
  readonly entries: readonly JournalEntry[];
  /** Whether this command keeps the journal; without it, its tasks live only while it runs. */
  readonly journaled: boolean;
  /** Why the journal is not this command's, in the journal's own words. */
  readonly journalProblem?: string;
  /** Stops what still runs (the journal keeps it), writes the journal, lets go of its lock and the network. */
  readonly close: () => Promise<void>;
  /** Settles when the journal's writes asked for so far are done. */
  readonly flushed: () => Promise<void>;
}

export async function openEngine({ environment, workspace }: PreparedWorkspace, terminal: Terminal): Promise<EngineSession> {
  const transport = undiciTransport();
  const http = new HttpClient({ fetch: transport.fetch, userAgent: `ImageGen-CLI/${cliVersion} (node ${process.version})` });
  const journalLines: string[] = [];
  const { journal, entries } = await TaskJournal.open(workspace, (line) => {
    journalLines.push(line);
    terminal.say(line);
  });
  // The engine's own log is worded for MCP clients (get_task, "the server"); the commands report
  // every task from its state instead, so a terminal reads the same facts in its own words.
  const tasks = createTaskEngine({ environment, workspace, http, log: () => undefined, journal });
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      await tasks.stopAll();
      await journal?.close();
      await transport.close().catch(() => undefined);
    })());
  const flushed = async () => journal?.flushed();
  return { tasks, entries, flushed, journaled: journal !== undefined, ...(journal ? {} : { journalProblem: journalLines.at(-1) ?? 'it could not be opened' }), close };
}
