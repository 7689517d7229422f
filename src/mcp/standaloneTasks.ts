// Generations for the standalone MCP server: the extension's engine without VS Code. A request is
// checked with the same rules, submitted once (never sent again: it may already be billed),
// followed with the same poll planner until it ends or its deadline, and its image goes through
// the same streaming save with provenance. A task that outlives a call's patience keeps going and
// is found again by its id while the server runs.
import { randomUUID } from 'node:crypto';
import { relative } from 'node:path';
import { expandFileName, defaultFileNameTemplate } from '../core/assets/fileNameTemplate';
import type { ProviderId } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { validateGeneration, type GenerationInput } from '../core/catalog/validateGeneration';
import { formatSize } from '../core/catalog/sizes';
import { isLoopbackUrl } from '../core/http/imageUrlPolicy';
import { provenanceText } from '../core/images/provenance';
import { nextPollAt, type ProgressSample } from '../core/tasks/pollPlanner';
import { createProvider } from '../providers/createProvider';
import { isProviderError } from '../providers/errors';
import type { HttpClient } from '../providers/httpClient';
import { requestFromValidation, type ImageProvider, type TaskHandle, type TaskStatus } from '../providers/provider';
import { ImageFileWriter, type ImageFileOptions } from '../saving/imageFileWriter';
import { saveImage } from '../saving/saveImage';
import { envNames, type ServerEnvironment } from './serverEnvironment';
import { outputFolder, readWorkspaceReference } from './workspaceFiles';

const maxImageBytes = 50 * 1024 * 1024;
const downloadDeadlineMs = 300_000;
const minPollGapMs = 500;

export type TaskState = 'submitting' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface StandaloneTask {
  readonly id: string;
  readonly input: GenerationInput;
  state: TaskState;
  progress?: number;
  providerTaskId?: string;
  estimatedCredits?: number;
  creditsUsed?: number;
  /** The saved image, relative to the workspace with `/`. */
  path?: string;
  absolutePath?: string;
  pixels?: string;
  error?: string;
  /** Settles when the task has ended, however it ended. */
  readonly ended: Promise<void>;
}

export interface GenerationCall {
  readonly input: GenerationInput;
  /** Relative to the workspace, `/` separated, already checked to stay inside. */
  readonly folder: string;
  /** Reported only until the call returns (see `StartedTask.detach`), never going down. */
  readonly onProgress: (progress: number, message: string) => void;
  /**
   * The call was cancelled (or its client timed out). Before the provider accepted the task,
   * nothing is sent; after, the task may already be charged, so it is followed on and saved, and
   * found again with get_task.
   */
  readonly signal: AbortSignal;
}

export interface StartedTask {
  readonly task: StandaloneTask;
  /** The call that started it has returned: no more progress goes to it. */
  readonly detach: () => void;
}

export class StandaloneTasks {
  private readonly tasks = new Map<string, StandaloneTask>();
  private readonly controllers = new Map<string, AbortController>();

  constructor(
    private readonly environment: ServerEnvironment,
    /** The workspace's real path. */
    private readonly workspace: string,
    private readonly http: HttpClient,
    private readonly log: (line: string) => void,
  ) {}

  get(id: string): StandaloneTask | undefined {
    return this.tasks.get(id);
  }

  /** Starts a generation; problems found before anything is sent are thrown as plain sentences. */
  async start(call: GenerationCall): Promise<StartedTask> {
    const validation = validateGeneration(call.input);
    if (!validation.ok) throw new Error(validation.issues.map((issue) => `${issue.field}: ${issue.message}`).join(' '));
    const providerId = validation.model.provider;
    const apiKey = this.environment.apiKeys[providerId];
    if (!apiKey) {
      throw new Error(`No API key for ${providerNames[providerId]}: set ${envNames.apiKey(providerId)} in the server's environment (the "env" of its entry in your MCP client's configuration). Nothing was sent.`);
    }
    const folder = await outputFolder(this.workspace, call.folder);
    const references = await Promise.all(validation.referenceImages.map((path) => readWorkspaceReference(this.workspace, path, providerId)));
    const provider = createProvider(providerId, { baseUrl: this.environment.baseUrls[providerId], apiKey, http: this.http }, { maxImageBytes, openaiTimeoutMs: 600_000, partialImages: 0 });
    const controller = new AbortController();
    const onCallAbort = () => controller.abort();
    call.signal.addEventListener('abort', onCallAbort, { once: true });
    const id = randomUUID();
    let reported = 0;
    let listening = true;
    const progress = (value: number, message: string) => {
      if (!listening || call.signal.aborted || value < reported) return;
      reported = value;
      call.onProgress(value, message);
    };
    let resolveEnded!: () => void;
    const task: StandaloneTask = { id, input: call.input, state: 'submitting', ended: new Promise<void>((resolve) => (resolveEnded = resolve)) };
    this.tasks.set(id, task);
    this.controllers.set(id, controller);
    const destination = (handle?: TaskHandle): ImageFileOptions => ({
      folder,
      baseName: expandFileName(defaultFileNameTemplate, { prompt: call.input.prompt, modelKey: call.input.modelKey, now: new Date() }),
      provider: providerNames[providerId],
      maxBytes: maxImageBytes,
      provenance: provenanceText({ input: call.input, task: handle?.taskId ?? id, software: 'ImageGen MCP server', ...(handle?.estimatedCredits !== undefined ? { estimatedCredits: handle.estimatedCredits } : {}) }),
    });
    const request = requestFromValidation({ ...validation, referenceImages: references }, call.input.prompt);
    void (async () => {
      try {
        this.log(`Submitting ${id} to ${validation.model.key}`);
        const handle = await provider.submit(request, { clientTaskId: id, openImage: () => ImageFileWriter.create(destination()), signal: controller.signal });
        // Accepted, perhaps charged: from here the call's end no longer stops the task.
        call.signal.removeEventListener('abort', onCallAbort);
        task.state = 'running';
        if (handle.taskId) task.providerTaskId = handle.taskId;
        if (handle.estimatedCredits !== undefined) task.estimatedCredits = handle.estimatedCredits;
        this.log(`Task ${id} accepted by ${providerNames[providerId]}${handle.taskId ? ` as ${handle.taskId}` : ''}; get_task "${id}" follows it`);
        progress(5, `Accepted by ${providerNames[providerId]}; if this call ends first, get_task with id "${id}" follows it.`);
        const status = handle.completed ?? (await this.follow(task, provider, handle, validation.model.polling, controller.signal, progress));
        await this.settle(task, status, providerId, handle, destination, controller.signal);
      } catch (error) {
        task.state = controller.signal.aborted ? 'cancelled' : 'failed';
        task.error = controller.signal.aborted ? 'Cancelled before the provider accepted it (or the server stopped); nothing was saved.' : messageOf(error);
        this.log(`Task ${id} ${task.state}: ${task.error}`);
      } finally {
        listening = false;
        call.signal.removeEventListener('abort', onCallAbort);
        this.controllers.delete(id);
        resolveEnded();
      }
    })();
    return { task, detach: () => (listening = false) };
  }

  /** Stops every task this server follows (on shutdown) and settles once their files are cleaned up, or after `limitMs`. */
  async stopAll(limitMs = 3_000): Promise<void> {
    for (const controller of this.controllers.values()) controller.abort();
    const ended = Promise.allSettled([...this.tasks.values()].map((task) => task.ended));
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, limitMs).unref())]);
  }

  private async follow(task: StandaloneTask, provider: ImageProvider, handle: TaskHandle, polling: { initialDelayMs: number; intervalMs: number; timeoutMs: number }, signal: AbortSignal, onProgress: GenerationCall['onProgress']): Promise<TaskStatus> {
    const submittedAt = Date.now();
    const deadline = submittedAt + polling.timeoutMs;
    const samples: ProgressSample[] = [];
    await sleep(polling.initialDelayMs, signal);
    for (;;) {
      let status: TaskStatus;
      try {
        status = await provider.query(handle, signal);
      } catch (error) {
        // The provider could not be asked this time: ask again until the deadline, never submit again.
        if (!signal.aborted && Date.now() < deadline && isProviderError(error) && (error.details.retryable || error.kind === 'network' || error.kind === 'timeout')) {
          await sleep(polling.intervalMs, signal);
          continue;
        }
        throw error;
      }
      if (status.state !== 'queued' && status.state !== 'running') return status;
      if (Date.now() > deadline) {
        throw new Error(`The task did not finish within ${Math.round(polling.timeoutMs / 1000)} s. It may still finish at the provider and be charged; check your dashboard before trying again (task ${handle.taskId ?? task.id}).`);
      }
      const now = Date.now();
      if (status.state === 'running' && status.progress !== undefined) {
        samples.push({ at: now, progress: status.progress });
        task.progress = status.progress;
        onProgress(Math.max(5, Math.min(95, status.progress)), `Running: ${status.progress}%`);
      }
      await sleep(nextPollAt({ now, submittedAt, samples, intervalMs: polling.intervalMs, minGapMs: minPollGapMs }) - now, signal);
    }
  }

  private async settle(task: StandaloneTask, status: TaskStatus, providerId: ProviderId, handle: TaskHandle, destination: (handle?: TaskHandle) => ImageFileOptions, signal: AbortSignal): Promise<void> {
    if (status.state === 'failed') throw status.error;
    if (status.state !== 'succeeded' || !status.images[0]) {
      throw new Error(status.state === 'cancelled' ? 'The provider cancelled the task.' : 'The provider finished without an image.');
    }
    const saved = await saveImage(this.http, status.images[0], destination(handle), { policy: { providerIsLoopback: isLoopbackUrl(this.environment.baseUrls[providerId]) }, deadlineMs: downloadDeadlineMs, signal });
    if (status.creditsUsed !== undefined) task.creditsUsed = status.creditsUsed;
    task.absolutePath = saved.path;
    task.path = relative(this.workspace, saved.path).split(/[\\/]/).join('/');
    task.pixels = formatSize({ width: saved.width, height: saved.height });
    task.progress = 100;
    task.state = 'succeeded';
    this.log(`Task ${task.id} saved ${task.path}`);
  }
}

function messageOf(error: unknown): string {
  // Provider errors and local save problems carry their own words; anything else is unexpected.
  if (isProviderError(error) || ['ImageWriteError', 'WorkspacePathError', 'Error'].includes((error as Error | undefined)?.name ?? '')) {
    return (error as Error).message;
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
