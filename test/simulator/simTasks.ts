// The task book of the asynchronous endpoints (AIReiter, JimmyAI): the tasks they created, each
// charged once, where a task is in its timed lifecycle, how it ends given its fault, and the images
// its links point to. Also the context the provider handlers share with the simulator.
import { randomUUID } from 'node:crypto';
import { moderationText, variantsOf } from './answerVariants';
import { promptFault, type FaultQueue, type TaskFault } from './faults';
import type { StreamEventRecord } from './openaiStreaming';
import type { PixelSize } from './pixelSizes';
import type { Lifecycle, SimulatorOptions } from './simulator';

export type ProviderName = 'aireiter' | 'jimmyai' | 'openai';

export interface SimTask {
  readonly id: string;
  readonly provider: ProviderName;
  readonly model: string;
  readonly outTaskId?: string;
  readonly prompt: string;
  readonly width: number;
  readonly height: number;
  readonly createdAt: number;
  readonly lifecycle: Lifecycle;
  readonly fault?: TaskFault;
  readonly imageId: string;
}

export interface ImageEntry {
  readonly width: number;
  readonly height: number;
  readonly prompt: string;
  readonly fault?: TaskFault;
  bytes?: Buffer;
}

/** What the provider handlers share with the simulator that owns them. */
export interface SimContext {
  readonly options: SimulatorOptions;
  readonly faults: FaultQueue;
  readonly book: TaskBook;
  readonly streamEvents: StreamEventRecord[];
  now(): number;
  /** Counts a submission that created a task (and would have been charged). */
  charge(): void;
  /** The simulator's base URL, for image links. */
  baseUrl(): string;
}

export type Phase = 'queued' | 'processing' | 'done';

/** A task as a query reports it: its lifecycle, and once done its outcome. */
export interface TaskReport {
  readonly phase: Phase;
  readonly progress: number;
  readonly status: string;
  readonly error: string | null;
  readonly output: { url: string }[];
}

/** `[sim:durationMs=N]` in a prompt makes that one task take N ms to process. */
function lifecycleFor(options: SimulatorOptions, model: string, prompt: string): Lifecycle {
  const base = options.lifecycles?.[model] ?? options.lifecycle ?? { queuedMs: 100, processingMs: 300 };
  const duration = /\[sim:durationMs=(\d+)\]/.exec(prompt);
  return duration ? { queuedMs: base.queuedMs, processingMs: Number(duration[1]) } : base;
}

export class TaskBook {
  private readonly tasks = new Map<string, SimTask>();
  private readonly byOutTaskId = new Map<string, SimTask>();
  private readonly images = new Map<string, ImageEntry>();

  constructor(private readonly sim: Omit<SimContext, 'book' | 'streamEvents'>) {}

  create(provider: 'aireiter' | 'jimmyai', model: string, prompt: string, size: PixelSize, outTaskId?: string): SimTask {
    const fault = (this.sim.faults.take(provider === 'aireiter' ? 'aireiter.submit' : 'jimmyai.create', 'task') as TaskFault | undefined) ?? promptFault(prompt);
    const task: SimTask = {
      id: provider === 'aireiter' ? `task_${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}` : randomUUID(),
      provider,
      model,
      prompt,
      ...size,
      createdAt: this.sim.now(),
      lifecycle: lifecycleFor(this.sim.options, model, prompt),
      imageId: randomUUID(),
      ...(outTaskId ? { outTaskId } : {}),
      ...(fault ? { fault } : {}),
    };
    this.tasks.set(task.id, task);
    if (outTaskId) {
      this.byOutTaskId.set(outTaskId, task);
    }
    this.images.set(task.imageId, { width: size.width, height: size.height, prompt, ...(fault ? { fault } : {}) });
    this.sim.charge();
    return task;
  }

  byId(taskId: string): SimTask | undefined {
    return this.tasks.get(taskId);
  }

  byOutTask(outTaskId: string): SimTask | undefined {
    return this.byOutTaskId.get(outTaskId);
  }

  image(imageId: string): ImageEntry | undefined {
    return this.images.get(imageId);
  }

  /** An image with fixed bytes and no task behind it; returns its id. */
  addStatic(bytes: Buffer): string {
    const id = randomUUID();
    this.images.set(id, { width: 0, height: 0, prompt: '', bytes });
    return id;
  }

  /** Where a task is in its lifecycle now: queued, processing with progress, or done. */
  phase(task: SimTask): { phase: Phase; progress: number } {
    const elapsed = this.sim.now() - task.createdAt;
    if (elapsed < task.lifecycle.queuedMs) {
      return { phase: 'queued', progress: 0 };
    }
    const processing = elapsed - task.lifecycle.queuedMs;
    if (processing < task.lifecycle.processingMs) {
      return { phase: 'processing', progress: Math.max(1, Math.min(99, Math.floor((processing / task.lifecycle.processingMs) * 100))) };
    }
    return { phase: 'done', progress: 100 };
  }

  /** The moment the task is finished, for latency measurements. */
  completionTime(taskIdOrOutTaskId: string): number | undefined {
    const task = this.tasks.get(taskIdOrOutTaskId) ?? this.byOutTaskId.get(taskIdOrOutTaskId);
    return task ? task.createdAt + task.lifecycle.queuedMs + task.lifecycle.processingMs : undefined;
  }

  imageUrl(task: SimTask): string {
    return `${this.sim.baseUrl()}/files/${task.imageId}.png`;
  }

  /** The task now, in the provider's status words for the queued, processing and done phases. */
  report(task: SimTask, words: Record<Phase, string>): TaskReport {
    const { phase, progress } = this.phase(task);
    if (phase === 'done') {
      return { phase, progress, ...this.outcome(task, words.done) };
    }
    const status = phase === 'processing' && task.fault?.kind === 'unknownStatus' ? (task.fault.status ?? 'thinking') : words[phase];
    return { phase, progress, status, error: null, output: [] };
  }

  /** How a finished task ends, given its fault. */
  private outcome(task: SimTask, doneWord: string): { status: string; error: string | null; output: { url: string }[] } {
    switch (task.fault?.kind) {
      case 'taskFailed':
        return { status: 'failed', error: task.fault.message ?? 'generation failed upstream', output: [] };
      case 'moderation':
        return { status: 'failed', error: moderationText(variantsOf(task.prompt)), output: [] };
      case 'unknownStatus':
        return { status: task.fault.status ?? 'thinking', error: null, output: [] };
      default:
        return { status: doneWord, error: null, output: [{ url: this.imageUrl(task) }] };
    }
  }
}
