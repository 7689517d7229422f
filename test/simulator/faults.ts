// Faults the simulator can inject, selected per request through a queue (in-process or over
// POST /__sim/faults) or per task through a `[sim:…]` directive in the prompt.

/** Where a fault applies. `*` matches every operation of every provider. */
export type Operation =
  | 'aireiter.submit'
  | 'aireiter.query'
  | 'aireiter.task'
  | 'jimmyai.create'
  | 'jimmyai.query'
  | 'jimmyai.syncGenerate'
  | 'jimmyai.syncEdit'
  | 'openai.generate'
  | 'openai.edit'
  | 'openai.models'
  | 'image'
  | '*';

/** Faults of the HTTP exchange itself: they replace or disturb one answer. */
export type TransportFault =
  | { readonly kind: 'status'; readonly status: number; readonly retryAfterSeconds?: number }
  | { readonly kind: 'rateLimit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'slowHeaders'; readonly delayMs: number }
  | { readonly kind: 'slowBody'; readonly delayMs: number }
  | { readonly kind: 'truncatedBody' }
  | { readonly kind: 'malformedJson' }
  | { readonly kind: 'bodyCode'; readonly code: number | string; readonly message?: string }
  /** HTTP 200 with a body code (default 400) and an out-of-credits text in that language. */
  | { readonly kind: 'noCredits'; readonly language?: 'en' | 'zh' | 'ko'; readonly code?: number | string }
  /** The request is processed (a task created, charged), then the connection drops instead of the answer. */
  | { readonly kind: 'dropAnswer'; readonly delayMs?: number };

/** Faults of a task's outcome: they shape how a generation ends. */
export type TaskFault =
  | { readonly kind: 'taskFailed'; readonly message?: string }
  | { readonly kind: 'moderation' }
  | { readonly kind: 'unknownStatus'; readonly status?: string }
  | { readonly kind: 'imageNotFound' }
  | { readonly kind: 'oversizeImage'; readonly bytes: number }
  | { readonly kind: 'notImage' }
  /** The image link answers 302 N times before the signed path that serves the image. */
  | { readonly kind: 'imageRedirect'; readonly hops: number }
  /** The image link redirects to `file:///etc/passwd` or to a private address. */
  | { readonly kind: 'imageRedirectTo'; readonly target: 'file' | 'private' }
  /** The image host sends the header, then one byte every 200 ms, forever. */
  | { readonly kind: 'dripImage' }
  /** The image in this format sent chunked (no Content-Length); `truncated`: it stops at 60% and the body ends cleanly. */
  | { readonly kind: 'chunkedImage'; readonly format: 'png' | 'jpeg' | 'webp' | 'avif'; readonly truncated: boolean };

export type Fault = TransportFault | TaskFault;

export interface QueuedFault {
  readonly operation: Operation;
  readonly fault: Fault;
  /** How many matching requests it applies to. */
  remaining: number;
}

export const taskFaultKinds = new Set(['taskFailed', 'moderation', 'unknownStatus', 'imageNotFound', 'oversizeImage', 'notImage', 'imageRedirect', 'imageRedirectTo', 'dripImage', 'chunkedImage']);

export function isTaskFault(fault: Fault): fault is TaskFault {
  return taskFaultKinds.has(fault.kind);
}

export class FaultQueue {
  private readonly queue: QueuedFault[] = [];

  add(operation: Operation, fault: Fault, times = 1): void {
    this.queue.push({ operation, fault, remaining: times });
  }

  clear(): void {
    this.queue.length = 0;
  }

  /** Takes the first fault of the wanted family that matches `operation`. */
  take(operation: Exclude<Operation, '*'>, family: 'transport' | 'task'): Fault | undefined {
    const index = this.queue.findIndex(
      (entry) => (entry.operation === operation || entry.operation === '*') && (family === 'task') === isTaskFault(entry.fault),
    );
    if (index < 0) {
      return undefined;
    }
    const entry = this.queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.queue.splice(index, 1);
    }
    return entry.fault;
  }
}

/**
 * Reads directives such as `[sim:taskFailed]`, `[sim:unknownStatus=thinking]`,
 * `[sim:oversizeImage=30000000]`, `[sim:truncatedImage=jpeg]`, `[sim:chunkedImage=webp]` from a prompt.
 */
export function promptFault(prompt: string): TaskFault | undefined {
  const match = /\[sim:(?!durationMs|variant|errorObject|transparentUnsupported)([a-zA-Z]+)(?:=([^\]]*))?\]/.exec(prompt);
  if (!match) {
    return undefined;
  }
  const [, kind, value] = match;
  switch (kind) {
    case 'taskFailed':
      return { kind, ...(value ? { message: value } : {}) };
    case 'moderation':
    case 'imageNotFound':
    case 'notImage':
    case 'dripImage':
      return { kind };
    case 'imageRedirect':
      return { kind, hops: Number(value) || 1 };
    case 'imageRedirectTo':
      return { kind, target: value === 'private' ? 'private' : 'file' };
    case 'unknownStatus':
      return { kind, ...(value ? { status: value } : {}) };
    case 'oversizeImage':
      return { kind, bytes: Number(value) || 30 * 1024 * 1024 };
    case 'truncatedImage':
    case 'chunkedImage': {
      const format = value === 'jpeg' || value === 'webp' || value === 'avif' ? value : 'png';
      return { kind: 'chunkedImage', format, truncated: kind === 'truncatedImage' };
    }
    default:
      return undefined;
  }
}

/**
 * `[sim:errorObject=433]` in a prompt: the submit is refused at HTTP 200 with a top-level
 * `error` object and no `data`, creating (and charging) nothing. AIReiter says "balance too low"
 * so, `{ error: { code: 433, message: "账户余额不足" } }` (a public adapter reads exactly this).
 * `[sim:errorObject=433+envelope]` adds `code: 200` beside it, as if the envelope said all is well.
 */
export function promptRefusal(prompt: string): { readonly code: number; readonly envelope: boolean } | undefined {
  const match = /\[sim:errorObject=(\d+)(\+envelope)?\]/.exec(prompt);
  return match ? { code: Number(match[1]), envelope: match[2] !== undefined } : undefined;
}
