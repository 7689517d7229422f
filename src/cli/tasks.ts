// The one door from the command line to the task life (submit once, follow, resume, save): every
// command reaches it through here, against the public API the MCP server uses (start, get, list,
// resume, stopAll and the task view), so moving both hosts onto the shared engine changes this
// file's import and nothing else in src/cli.
import type { HttpClient } from '../providers/httpClient';
import type { ServerEnvironment } from '../features/mcpPublishing/serverEnvironment';
import { StandaloneTasks, type ServerLog, type StandaloneTask } from '../hosts/standalone/standaloneTasks';
import type { TaskJournal } from '../mcp/taskJournal';

export type { GenerationCall, StartedTask } from '../hosts/standalone/standaloneTasks';
export type { JournalEntry, TaskState } from '../mcp/taskJournal';

/** A task as the command line sees it: its journal entry, the saved file's real path, and `ended`. */
export type TaskView = StandaloneTask;
export type TaskEngine = Pick<StandaloneTasks, 'start' | 'startCandidates' | 'get' | 'list' | 'resume' | 'stopAll'>;
export type EngineLog = ServerLog;

export interface TaskEngineParts {
  readonly environment: ServerEnvironment;
  /** The workspace's real path. */
  readonly workspace: string;
  readonly http: HttpClient;
  readonly log: EngineLog;
  /** Undefined when another process keeps the workspace's journal: tasks then live only while the command runs. */
  readonly journal: TaskJournal | undefined;
}

export function createTaskEngine(parts: TaskEngineParts): TaskEngine {
  return new StandaloneTasks(parts.environment, parts.workspace, parts.http, parts.log, parts.journal, undefined, 'cli');
}
