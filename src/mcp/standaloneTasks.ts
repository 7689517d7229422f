// Generations for the standalone MCP server: the extension's engine without VS Code. A request is
// checked with the same rules, written to the task journal, submitted once (never sent again: it
// may already be billed), followed with the same poll planner until it ends or its deadline, and
// its image goes through the same streaming save with provenance. Once its request is on its way
// a task outlives its call (cancelled, timed out, out of patience) and the server itself: it is
// found again by its id, and resumed from the journal on the next start by the extension's rules.
import { randomUUID } from 'node:crypto';
import { join, relative } from 'node:path';
import { expandFileName, defaultFileNameTemplate } from '../core/assets/fileNameTemplate';
import { findModel, type ModelSpec } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { validateGeneration, type GenerationInput } from '../core/catalog/validateGeneration';
import { formatSize } from '../core/catalog/sizes';
import { isLoopbackUrl } from '../core/http/imageUrlPolicy';
import { isAmbiguousSubmitFailure } from '../providers/ambiguousSubmit';
import { createProvider } from '../providers/createProvider';
import { isProviderError } from '../providers/errors';
import type { HttpClient } from '../providers/httpClient';
import { requestFromValidation, type GenerationRequest, type ImageProvider, type TaskHandle } from '../providers/provider';
import { ImageFileWriter } from '../saving/imageFileWriter';
import { saveImage } from '../saving/saveImage';
import { envNames, type ServerEnvironment } from '../features/mcpPublishing/serverEnvironment';
import { followTask } from './taskFollowing';
import { endpointFingerprint, isFinished, pruneEntries, type JournalEntry, type TaskJournal } from './taskJournal';
import { imageDestination, journalInput, maxImageBytes, messageOf } from './taskDestination';
import { resumePlan } from './taskResumption';
import { outputFolder, readWorkspaceReference } from './workspaceFiles';

export type { TaskState } from './taskJournal';

const downloadDeadlineMs = 300_000;

export interface StandaloneTask extends JournalEntry {
  /** The saved image's real path. */
  absolutePath?: string;
  /** Settles when the task has ended (or the server stopped following it). */
  readonly ended: Promise<void>;
}

export interface GenerationCall {
  readonly input: GenerationInput;
  /** Relative to the workspace, `/` separated, already checked to stay inside. */
  readonly folder: string;
  /** Reported only until the call returns (see `StartedTask.detach`), never going down. */
  readonly onProgress: (progress: number, message: string) => void;
  /**
   * The call was cancelled (or its client timed out). The request is already on its way and may
   * reach the provider (and be charged), so the task is never abandoned: it is followed on and
   * saved, named in the log, and found again with get_task and list_tasks.
   */
  readonly signal: AbortSignal;
}

export interface StartedTask {
  readonly task: StandaloneTask;
  /** The call that started it has returned: no more progress goes to it. */
  readonly detach: () => void;
}

export type ServerLog = (line: string, level?: 'info' | 'warning') => void;

type Progress = (value: number, message: string) => void;
const silent: Progress = () => undefined;

export class StandaloneTasks {
  private readonly tasks = new Map<string, StandaloneTask>();
  private readonly controllers = new Map<string, AbortController>();
  private readonly resolvers = new Map<string, () => void>();
  private stopping = false;

  constructor(
    private readonly environment: ServerEnvironment,
    /** The workspace's real path. */
    private readonly workspace: string,
    private readonly http: HttpClient,
    private readonly log: ServerLog,
    private readonly journal?: TaskJournal,
  ) {}

  get(id: string): StandaloneTask | undefined {
    return this.tasks.get(id);
  }

  /** Every task this server remembers, the newest first. */
  list(): StandaloneTask[] {
    return [...this.tasks.values()].sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Starts a generation; problems found before anything is sent are thrown as plain sentences. */
  async start(call: GenerationCall): Promise<StartedTask> {
    const validation = validateGeneration(call.input);
    if (!validation.ok) throw new Error(validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join(' '));
    const providerId = validation.model.provider;
    if (!this.environment.apiKeys[providerId]) {
      throw new Error(`No API key for ${providerNames[providerId]}: set ${envNames.apiKey(providerId)} in the server's environment (the "env" of its entry in your MCP client's configuration). Nothing was sent.`);
    }
    await outputFolder(this.workspace, call.folder);
    const references = await Promise.all(validation.referenceImages.map((path) => readWorkspaceReference(this.workspace, path, validation.model.provider)));
    const baseName = expandFileName(defaultFileNameTemplate, { prompt: call.input.prompt, modelKey: call.input.modelKey, now: new Date() });
    const task = this.adopt({ id: randomUUID(), input: journalInput(call.input), folder: call.folder, baseName, state: 'submitting', createdAt: Date.now(), endpoint: endpointFingerprint(this.environment.baseUrls[providerId]) });
    // In the journal before anything is sent: a server that stops mid-request finds it next time.
    await this.persist();
    if (call.signal.aborted) {
      // Cancelled before its request left: nothing was sent, nothing can be charged.
      this.conclude(task, 'cancelled', 'The call was cancelled before its request was sent; nothing was sent.');
      return { task, detach: () => undefined };
    }
    let reported = 0;
    let listening = true;
    const progress: Progress = (value, message) => {
      if (!listening || call.signal.aborted || value < reported) return;
      reported = value;
      call.onProgress(value, message);
    };
    const onCallAbort = () => this.callEnded(task);
    call.signal.addEventListener('abort', onCallAbort, { once: true });
    const request = requestFromValidation({ ...validation, referenceImages: references }, call.input.prompt);
    this.launch(task, validation.model, async (provider, signal) => {
      const handle = await this.submit(task, provider, request, false, signal);
      progress(5, `Accepted by ${providerNames[providerId]}; if this call ends first, get_task with id "${task.id}" follows it.`);
      await this.complete(task, provider, handle, validation.model, signal, progress);
    }, () => {
      listening = false;
      call.signal.removeEventListener('abort', onCallAbort);
    });
    return { task, detach: () => (listening = false) };
  }

  /** Takes in what the journal remembers and goes on with each unfinished task by the extension's rules. */
  async resume(entries: readonly JournalEntry[]): Promise<void> {
    for (const entry of entries) {
      const task = this.adopt({ ...entry });
      if (isFinished(task.state)) this.resolvers.get(task.id)?.();
      else this.resumeOne(task);
    }
    await this.persist();
  }

  /** Stops every task this server follows (on shutdown) and settles once their files are cleaned up, or after `limitMs`; the journal keeps them for the next start. */
  async stopAll(limitMs = 3_000): Promise<void> {
    this.stopping = true;
    for (const controller of this.controllers.values()) controller.abort();
    const ended = Promise.allSettled([...this.tasks.values()].map((task) => task.ended));
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, limitMs).unref())]);
    await this.journal?.flushed();
  }

  private resumeOne(task: StandaloneTask): void {
    const plan = resumePlan(task, this.environment);
    if (plan.kind === 'wait') {
      task.note = plan.note;
      this.log(`Task ${task.id} (${task.input.modelKey}) was not resumed: ${plan.note}`, 'warning');
      this.resolvers.get(task.id)?.(); // Nothing runs for it in this server.
      return;
    }
    if (plan.kind === 'conclude') {
      this.conclude(task, plan.state, plan.error, plan.mayHaveBeenCharged);
      return;
    }
    const { model } = plan;
    this.log(`Resuming ${task.id} (${task.input.modelKey}${task.providerTaskId ? `, task ${task.providerTaskId}` : ''}${plan.kind === 'lookUp' ? ', looked up by its out_task_id before anything is sent' : ''})`);
    this.launch(task, model, async (provider, signal) => {
      let handle: TaskHandle;
      if (plan.kind === 'follow') {
        handle = { provider: model.provider, modelKey: model.key, clientTaskId: task.id, ...(task.providerTaskId ? { taskId: task.providerTaskId } : {}) };
      } else {
        // AIReiter keeps our id as out_task_id: asked for it first, sent only if it does not exist.
        let request: GenerationRequest;
        try {
          request = await this.requestOf(task);
        } catch (error) {
          // The first request may exist at AIReiter all the same: unknown, never a plain failure.
          return this.conclude(task, 'unconfirmed', `The request could not be made again (${messageOf(error)}), so AIReiter was not asked; the first one may have reached it and been charged (out_task_id ${task.id}).`, true);
        }
        handle = await this.submit(task, provider, request, true, signal);
      }
      await this.complete(task, provider, handle, model, signal, silent);
    });
  }

  /** A remembered task's request, its references read again from the workspace. */
  private async requestOf(task: StandaloneTask): Promise<GenerationRequest> {
    const validation = validateGeneration(task.input);
    if (!validation.ok) throw new Error(validation.issues.map((issue) => issue.message).join(' '));
    const references = await Promise.all(validation.referenceImages.map((path) => readWorkspaceReference(this.workspace, path, validation.model.provider)));
    return requestFromValidation({ ...validation, referenceImages: references }, task.input.prompt);
  }

  /** The task's record, registered and given its `ended` promise. */
  private adopt(entry: JournalEntry): StandaloneTask {
    let resolveEnded!: () => void;
    const task: StandaloneTask = { ...entry, ended: new Promise<void>((resolve) => (resolveEnded = resolve)) };
    if (task.state === 'succeeded' && task.path) task.absolutePath = join(this.workspace, ...task.path.split('/'));
    this.tasks.set(task.id, task);
    this.resolvers.set(task.id, resolveEnded);
    return task;
  }

  /** Runs a task's requests; however they end, the task's state says it and the journal keeps it. */
  private launch(task: StandaloneTask, model: ModelSpec, work: (provider: ImageProvider, signal: AbortSignal) => Promise<void>, cleanup: () => void = () => undefined): void {
    const providerId = model.provider;
    const provider = createProvider(providerId, { baseUrl: this.environment.baseUrls[providerId], apiKey: this.environment.apiKeys[providerId]!, http: this.http }, { maxImageBytes, openaiTimeoutMs: 600_000, partialImages: 0 });
    const controller = new AbortController();
    this.controllers.set(task.id, controller);
    void (async () => {
      try {
        await work(provider, controller.signal);
      } catch (error) {
        if (this.stopping && controller.signal.aborted) {
          // The server is stopping: the journal keeps the task as it was, to be resumed.
          this.log(`Task ${task.id} (${task.state}) is left for the next start of the server.`);
          return;
        }
        const unknown = task.state === 'submitting' && (isAmbiguousSubmitFailure(error) || isProviderError(error, 'unexpectedAnswer'));
        this.conclude(task, unknown ? 'unconfirmed' : 'failed', messageOf(error), unknown || undefined);
      } finally {
        cleanup();
        this.controllers.delete(task.id);
        this.resolvers.get(task.id)?.();
      }
    })();
  }

  private async submit(task: StandaloneTask, provider: ImageProvider, request: GenerationRequest, mayExist: boolean, signal: AbortSignal): Promise<TaskHandle> {
    this.log(`Submitting ${task.id} to ${task.input.modelKey}`);
    const handle = await provider.submit(request, { clientTaskId: task.id, openImage: async () => ImageFileWriter.create(await imageDestination(this.workspace, task)), signal, mayExist });
    // Accepted, perhaps charged: from here the task is followed by its handle.
    task.state = 'running';
    task.acceptedAt = Date.now();
    if (handle.taskId) task.providerTaskId = handle.taskId;
    if (handle.estimatedCredits !== undefined) task.estimatedCredits = handle.estimatedCredits;
    void this.persist();
    this.log(`Task ${task.id} accepted by ${providerNames[provider.id]}${handle.taskId ? ` as ${handle.taskId}` : ''}; get_task "${task.id}" follows it`);
    return handle;
  }

  private async complete(task: StandaloneTask, provider: ImageProvider, handle: TaskHandle, model: ModelSpec, signal: AbortSignal, progress: Progress): Promise<void> {
    const status =
      handle.completed ??
      (await followTask(provider, handle, model.polling, task.acceptedAt ?? Date.now(), signal, (value) => {
        task.progress = value;
        progress(Math.max(5, Math.min(95, value)), `Running: ${value}%`);
      }));
    if (status.state === 'failed') throw status.error;
    if (status.state === 'cancelled') return this.conclude(task, 'cancelled', 'The provider cancelled the task.');
    if (status.state !== 'succeeded' || !status.images[0]) throw new Error('The provider finished without an image.');
    const saved = await saveImage(this.http, status.images[0], await imageDestination(this.workspace, task, handle), { policy: { providerIsLoopback: isLoopbackUrl(this.environment.baseUrls[provider.id]) }, deadlineMs: downloadDeadlineMs, signal });
    if (status.creditsUsed !== undefined) task.creditsUsed = status.creditsUsed;
    task.absolutePath = saved.path;
    task.path = relative(this.workspace, saved.path).split(/[\\/]/).join('/');
    task.pixels = formatSize({ width: saved.width, height: saved.height });
    task.progress = 100;
    this.conclude(task, 'succeeded');
    this.log(`Task ${task.id} saved ${task.path}`);
  }

  /** The call that started the task ended before it did: the task goes on, and the agent is told where to find it. */
  private callEnded(task: StandaloneTask): void {
    if (isFinished(task.state)) return;
    const provider = providerNames[findModel(task.input.modelKey)?.provider ?? 'openai'];
    if (task.state === 'submitting') {
      task.note = `The call was cancelled while its request to ${provider} was on its way: the request may have reached ${provider} (and may be charged), so the task is kept and followed on.`;
      this.log(`Task ${task.id}: its call was cancelled while the request to ${provider} was in flight. The request may have reached ${provider} and may be charged; the task is kept and followed on: get_task "${task.id}" or list_tasks shows it.`, 'warning');
      void this.persist();
    } else {
      this.log(`Task ${task.id}: its call ended after ${provider} accepted the task; it is followed on and saved: get_task "${task.id}" or list_tasks shows it.`);
    }
  }

  private conclude(task: StandaloneTask, state: 'succeeded' | 'failed' | 'cancelled' | 'unconfirmed', error?: string, mayHaveBeenCharged?: boolean): void {
    task.state = state;
    task.finishedAt = Date.now();
    if (error !== undefined) task.error = error;
    if (mayHaveBeenCharged) task.mayHaveBeenCharged = true;
    if (state !== 'succeeded') this.log(`Task ${task.id} ${state}: ${error ?? state}`, mayHaveBeenCharged ? 'warning' : 'info');
    this.resolvers.get(task.id)?.();
    void this.persist();
  }

  /** Writes every remembered task to the journal; finished ones past its bound are forgotten here too. */
  private persist(): Promise<void> {
    const kept = new Set(pruneEntries([...this.tasks.values()], Date.now()).map((entry) => entry.id));
    for (const id of this.tasks.keys()) {
      if (!kept.has(id)) this.forget(id);
    }
    return this.journal?.save([...this.tasks.values()]) ?? Promise.resolve();
  }

  private forget(id: string): void {
    this.tasks.delete(id);
    this.resolvers.delete(id);
  }
}
