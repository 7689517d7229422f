// Generations for the standalone hosts (the MCP server, the command line): the engine
// (src/engine) over the ports of a host without an editor, seen as the tasks an agent follows.
// A request is checked with the engine's rules, written to the task journal, submitted once,
// followed by the engine's scheduler (its cap, the poll planner, deadlines and overdue tasks),
// saved through the streaming save under imagegen.fileName's name with provenance. Once its
// request is on its way a task outlives its call (cancelled, timed out, out of patience) and the
// server itself: it is found again by its id and resumed from the journal on the next start.
import { standaloneBudget } from './standaloneBudget';
import { createProvider } from '../../providers/createProvider';
import { findModel } from '../../core/catalog/models';
import { providerNames } from '../../core/catalog/providerNames';
import { validateGeneration, type GenerationInput } from '../../core/catalog/validateGeneration';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { mayBeBilled } from '../../engine/billing';
import { createEngine } from '../../engine/createEngine';
import type { GenerationEngine, GenerationHandle } from '../../engine/generationEngine';
import type { ReferenceFiles } from '../../engine/ports';
import type { HttpClient } from '../../providers/httpClient';
import type { ServerEnvironment } from '../../features/mcpPublishing/serverEnvironment';
import type { JournalEntry, TaskJournal } from '../../mcp/taskJournal';
import { outputFolder, WorkspacePathError } from '../../mcp/workspaceFiles';
import { readReference, ReferenceImageError } from '../../engine/referenceReader';
import { FolderDestination } from './folderDestination';
import { loadImaging } from '../../imaging/loadImaging';
import { JournalPersistence } from './journalPersistence';
import { gateOf, resumePlan } from './resumePlan';
import { environmentKeys, environmentSettings, headlessReporter, standaloneLogger, workspaceReferenceFiles, type ServerLog } from './standalonePorts';
import { entryOf, imagePathOf, recordOf, type EntryContext } from './taskEntries';

export type { TaskState } from '../../mcp/taskJournal';
export type { ServerLog };

export interface StandaloneTask extends JournalEntry {
  /** The saved image's real path. */
  readonly absolutePath?: string;
  /** Settles when the task has ended (or the server stopped following it). */
  readonly ended: Promise<void>;
  /**
   * Whether this process follows the unfinished task on: false for one left as it is (no key
   * here, sent to another base URL), whose note says why; false too once it has ended.
   */
  readonly followed: boolean;
}

export interface GenerationCall {
  readonly input: GenerationInput;
  /** Relative to the workspace, `/` separated, already checked to stay inside. */
  readonly folder: string;
  /** Reported only until the call returns (see `StartedTask.detach`), never going down. */
  readonly onProgress: (progress: number, message: string) => void;
  /**
   * The call was cancelled (or its client timed out). Once its request is on its way it may reach
   * the provider (and be charged), so the task is never abandoned: it is followed on and saved,
   * named in the log, and found again with get_task and list_tasks. Before that it is cancelled.
   */
  readonly signal: AbortSignal;
}

export interface StartedTask {
  readonly task: StandaloneTask;
  /** The call that started it has returned: no more progress goes to it. */
  readonly detach: () => void;
}

const viewKeys = ['id', 'input', 'folder', 'baseName', 'state', 'createdAt', 'acceptedAt', 'finishedAt', 'endpoint', 'providerTaskId', 'estimatedCredits', 'creditsUsed', 'progress', 'path', 'assetSet', 'pixels', 'error', 'note', 'mayHaveBeenCharged'] as const;

/** The engine would not start this generation (its input, the workspace's trust): nothing was sent. */
export class StartRefused extends Error {
  override readonly name = 'StartRefused';
}

export class StandaloneTasks {
  private readonly engine: GenerationEngine;
  private readonly context: EntryContext;
  private readonly references: ReferenceFiles;
  private readonly endings = new Map<string, { readonly ended: Promise<void>; readonly end: () => void }>();
  /** Tasks left as they are (the engine's park): nothing runs for them until a process that can follow them starts. */
  private readonly parked = new Set<string>();

  constructor(
    environment: ServerEnvironment,
    /** The workspace's real path. */
    private readonly workspace: string,
    http: HttpClient,
    private readonly log: ServerLog,
    private readonly journal?: TaskJournal,
    software = 'ImageGen MCP server',
    /** Who its calls are in the spending ledger: an MCP client is an agent; the command line is not. */
    ledgerHost: 'mcp' | 'cli' = 'mcp',
  ) {
    const logger = standaloneLogger(log);
    this.references = workspaceReferenceFiles(workspace);
    const destination = new FolderDestination(workspace, () => http, logger, software, () => loadImaging());
    this.context = { workspace, baseUrls: environment.baseUrls, savedPixels: destination.savedPixels };
    const gate = (record: TaskRecord) => gateOf(resumePlan(entryOf(record, this.context), environment));
    this.engine = createEngine({
      persistence: new JournalPersistence(journal, this.context),
      keys: environmentKeys(environment),
      destination,
      reporter: headlessReporter(logger),
      log: logger,
      settings: environmentSettings(environment),
      references: this.references,
      trust: { isTrusted: true },
      http: () => http,
      createProvider,
      resumeGate: gate,
      spending: standaloneBudget(workspace, logger),
      ledgerHost,
    }).generation;
    this.engine.onDidFinish((record) => this.endingOf(record.id).end());
    this.engine.onDidPark((record) => {
      this.parked.add(record.id);
      this.endingOf(record.id).end();
    });
  }

  get(id: string): StandaloneTask | undefined {
    return this.engine.get(id) ? this.view(id) : undefined;
  }

  /** Every task this server remembers, the newest first. */
  list(): StandaloneTask[] {
    return this.engine.list().map((record) => this.view(record.id));
  }

  /** Starts a generation; problems found before anything is sent are thrown as plain sentences. */
  async start(call: GenerationCall): Promise<StartedTask> {
    return (await this.startCandidates(call, 1))[0]!;
  }

  /**
   * Starts `count` candidates of one request (1–8; one request where the provider makes several
   * images at once), one task each, in order; refused as a whole before anything is sent.
   */
  async startCandidates(call: GenerationCall, count: number): Promise<StartedTask[]> {
    // A folder that leads out of the workspace is the caller's mistake, said before any task exists
    // (the engine would otherwise record a failed task for it); invalid input is the engine's to refuse.
    const validation = validateGeneration(call.input);
    if (validation.ok) {
      await outputFolder(this.workspace, call.folder);
      // References too: a missing or outside file is said before a task exists (read again when sent).
      for (const reference of validation.referenceImages) {
        await readReference(this.references, reference, validation.model.provider).catch((error: unknown) => {
          throw error instanceof ReferenceImageError ? new WorkspacePathError(error.message) : error;
        });
      }
    }
    const started = await this.engine.generateCandidates(call.input, count, undefined, { askForKey: false, saveFolder: call.folder });
    if (!started.ok) throw new StartRefused(started.reason);
    return started.handles.map((handle) => this.followCall(handle, call));
  }

  /** Reports a task's progress to the call that started it, until the call returns or ends. */
  private followCall({ record, onDidChange, result }: GenerationHandle, call: GenerationCall): StartedTask {
    const id = record.id;
    if (call.signal.aborted) {
      // Cancelled before its request left: nothing was sent, nothing can be charged.
      this.engine.cancel(id);
      return { task: this.view(id), detach: () => undefined };
    }
    let reported = 0;
    let listening = true;
    const progress = (value: number, message: string) => {
      if (!listening || call.signal.aborted || value < reported) return;
      reported = value;
      call.onProgress(value, message);
    };
    let accepted = false;
    const changes = onDidChange((changed) => {
      if (!accepted && (changed.acceptedAt !== undefined || changed.taskId !== undefined)) {
        accepted = true;
        this.log(`Task ${id} accepted by ${this.providerName(changed)}${changed.taskId ? ` as ${changed.taskId}` : ''}; get_task "${id}" follows it`);
        progress(5, `Accepted by ${this.providerName(changed)}; if this call ends first, get_task with id "${id}" follows it.`);
      }
      if (changed.state === 'running' && changed.progress !== undefined && accepted) progress(Math.max(5, Math.min(95, changed.progress)), `Running: ${changed.progress}%`);
    });
    const onCallAbort = () => this.callEnded(id);
    call.signal.addEventListener('abort', onCallAbort, { once: true });
    void result.then(() => {
      listening = false;
      changes.dispose();
      call.signal.removeEventListener('abort', onCallAbort);
    });
    return { task: this.view(id), detach: () => (listening = false) };
  }

  /** Takes in what the journal remembers and goes on with each unfinished task by the engine's rules. */
  async resume(entries: readonly JournalEntry[]): Promise<void> {
    const records = entries.map((entry) => recordOf(entry, this.workspace));
    this.engine.adopt(records);
    for (const record of records) {
      if (record.state !== 'queued' && record.state !== 'running') this.endingOf(record.id).end();
    }
    await this.engine.resumePending();
  }

  /** Stops every task this server follows (on shutdown) and settles once their files are cleaned up, or after `limitMs`; the journal keeps them for the next start. */
  async stopAll(limitMs = 3_000): Promise<void> {
    await this.engine.stopAll(limitMs);
    for (const { end } of this.endings.values()) end();
    await this.journal?.flushed();
  }

  /** The call that started the task ended before it did: a request not yet sent is cancelled; one on its way goes on, and the agent is told where to find it. */
  private callEnded(id: string): void {
    const record = this.engine.get(id);
    if (!record || (record.state !== 'queued' && record.state !== 'running')) return;
    const provider = this.providerName(record);
    if (!mayBeBilled(record, this.engine.isSending(id)) && this.engine.cancel(id)) {
      this.log(`Task ${id}: its call was cancelled before its request was sent; nothing was sent.`);
    } else if (record.acceptedAt === undefined && record.taskId === undefined) {
      this.engine.annotate(id, { note: `The call was cancelled while its request to ${provider} was on its way: the request may have reached ${provider} (and may be charged), so the task is kept and followed on.` });
      this.log(`Task ${id}: its call was cancelled while the request to ${provider} was in flight. The request may have reached ${provider} and may be charged; the task is kept and followed on: get_task "${id}" or list_tasks shows it.`, 'warning');
    } else {
      this.log(`Task ${id}: its call ended after ${provider} accepted the task; it is followed on and saved: get_task "${id}" or list_tasks shows it.`);
    }
  }

  private providerName(record: TaskRecord): string {
    return providerNames[findModel(record.input.modelKey)?.provider ?? 'openai'];
  }

  /** The task as the tools read it, always as it stands now. */
  private view(id: string): StandaloneTask {
    const view = { ended: this.endingOf(id).ended } as { -readonly [key in keyof StandaloneTask]: StandaloneTask[key] };
    const current = () => this.engine.get(id);
    for (const key of viewKeys) {
      Object.defineProperty(view, key, { enumerable: true, get: () => { const record = current(); return record ? entryOf(record, this.context)[key] : undefined; } });
    }
    Object.defineProperty(view, 'followed', { enumerable: true, get: () => { const record = current(); return (record?.state === 'queued' || record?.state === 'running') && !this.parked.has(id); } });
    Object.defineProperty(view, 'absolutePath', { enumerable: true, get: () => { const record = current(); return record?.state === 'succeeded' ? imagePathOf(record) : undefined; } });
    return view;
  }

  private endingOf(id: string): { readonly ended: Promise<void>; readonly end: () => void } {
    let ending = this.endings.get(id);
    if (!ending) {
      let end!: () => void;
      const ended = new Promise<void>((resolve) => (end = resolve));
      ending = { ended, end };
      this.endings.set(id, ending);
    }
    return ending;
  }
}
