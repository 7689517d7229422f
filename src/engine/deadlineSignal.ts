// A task's requests end at its deadline: a dead proxy or a hanging gateway must not keep a task
// waiting for every HTTP timeout in turn. The deadline aborts with a TimeoutAbort, which the HTTP
// layer reports as a timeout (not as a cancel).

export interface BoundedSignal {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** `signal`, also aborted with `reason()` after `ms`. Dispose it when the bounded work is done. */
export function withDeadline(signal: AbortSignal, ms: number, reason: () => unknown): BoundedSignal {
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal.aborted) {
    forward();
  } else {
    signal.addEventListener('abort', forward, { once: true });
  }
  const timer = setTimeout(() => controller.abort(reason()), Math.max(0, ms));
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      signal.removeEventListener('abort', forward);
    },
  };
}
