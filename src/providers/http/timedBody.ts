// Deadlines for one exchange on the fetch API, which has no timeouts of its own: a timer until the
// answer's headers (connecting included: fetch reports no connect event), an idle timer between
// body chunks, and an optional overall deadline. Each fires by aborting with a TimeoutAbort, so a
// timeout is never mistaken for the user's cancel.
import { NetworkBufferRelease } from './networkBufferRelease';

export type TimeoutPhase = 'headers' | 'idle' | 'deadline';

export class TimeoutAbort extends Error {
  override readonly name = 'TimeoutAbort';
  constructor(readonly phase: TimeoutPhase, readonly ms: number) {
    super(`no ${phase === 'headers' ? 'answer' : phase === 'idle' ? 'data' : 'end'} within ${ms} ms`);
  }
}

/**
 * By brand, not instanceof: the engine (dist/extension.js) makes the deadline's TimeoutAbort and the
 * HTTP client (dist/deferred.js, a separate bundle with its own copy of the class) reads it.
 */
export function isTimeoutAbort(reason: unknown): reason is TimeoutAbort {
  const candidate = reason as Partial<TimeoutAbort> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.name === 'TimeoutAbort' && typeof candidate.phase === 'string' && typeof candidate.ms === 'number';
}

export interface ExchangeTimeouts {
  readonly headersMs: number;
  readonly idleMs: number;
  /** Counted from the first attempt; covers redirects, retries and the whole body. */
  readonly deadline?: { readonly at: number; readonly ms: number };
}

/** One attempt's abort controller, linked to the caller's signal and armed with the timers. */
export class Exchange {
  readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unlink: () => void;

  constructor(private readonly timeouts: ExchangeTimeouts, readonly callerSignal?: AbortSignal) {
    const onAbort = () => this.controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) {
      onAbort();
    }
    callerSignal?.addEventListener('abort', onAbort, { once: true });
    this.unlink = () => callerSignal?.removeEventListener('abort', onAbort);
    if (timeouts.deadline) {
      const left = Math.max(0, timeouts.deadline.at - Date.now());
      this.deadlineTimer = setTimeout(() => this.controller.abort(new TimeoutAbort('deadline', timeouts.deadline!.ms)), left);
    }
    this.arm('headers', timeouts.headersMs);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the exchange was aborted by a timer, if it was. */
  get timeout(): TimeoutAbort | undefined {
    const reason: unknown = this.controller.signal.reason;
    return isTimeoutAbort(reason) ? reason : undefined;
  }

  get cancelledByCaller(): boolean {
    return this.callerSignal?.aborted === true;
  }

  /** The headers arrived (or a chunk did): from now on, silence is measured by the idle timer. */
  touch(): void {
    this.arm('idle', this.timeouts.idleMs);
  }

  private arm(phase: TimeoutPhase, ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new TimeoutAbort(phase, ms)), ms);
  }

  /** Stops the timers; the connection itself is left to fetch. */
  end(): void {
    clearTimeout(this.timer);
    clearTimeout(this.deadlineTimer);
    this.unlink();
  }

  /** Aborts the exchange (the body is not wanted) and stops the timers. */
  abort(): void {
    if (!this.controller.signal.aborted) {
      this.controller.abort(new DOMException('body discarded', 'AbortError'));
    }
    this.end();
  }

  /**
   * The body as chunks, each one restarting the idle timer; the timers stop when the body ends,
   * fails or the consumer stops early.
   */
  async *chunks(body: ReadableStream<Uint8Array> | null, translate: (error: unknown) => unknown = (error) => error): AsyncGenerator<Uint8Array> {
    if (!body) {
      this.end();
      return;
    }
    const reader = body.getReader();
    const release = new NetworkBufferRelease();
    let finished = false;
    try {
      this.touch();
      while (true) {
        let read: ReadableStreamReadResult<Uint8Array>;
        try {
          read = await reader.read();
        } catch (error) {
          throw translate(error);
        }
        const { done, value } = read;
        if (done) {
          finished = true;
          return;
        }
        this.touch();
        yield value;
        release.received(value.length);
      }
    } finally {
      if (!finished) {
        await reader.cancel().catch(() => undefined);
      }
      reader.releaseLock();
      this.end();
    }
  }
}

/** Reads at most `maxBytes` of a body as UTF-8; the rest is dropped, never buffered. */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const room = maxBytes - size;
    if (chunk.length > room) {
      parts.push(chunk.subarray(0, room));
      return { text: Buffer.concat(parts).toString('utf8'), truncated: true };
    }
    parts.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(parts).toString('utf8'), truncated: false };
}
