// One scheduler for every running task: a single timer for the earliest due poll, at most
// `maxConcurrent` polls in flight, and each poll tells when the next one is due.

export type PollOutcome = { readonly done: true } | { readonly done: false; readonly nextPollAt: number };

export interface PollSchedulerOptions {
  readonly now: () => number;
  readonly setTimer: (callback: () => void, delayMs: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
  readonly maxConcurrent: number;
  readonly poll: (taskId: string) => Promise<PollOutcome>;
  /** A poll that throws is rescheduled after this long (its own code reports the error). */
  readonly retryAfterErrorMs?: number;
}

export class PollScheduler {
  private readonly due = new Map<string, number>();
  private readonly inFlight = new Set<string>();
  private timer: unknown;
  private timerAt = Infinity;
  private disposed = false;

  constructor(private readonly options: PollSchedulerOptions) {}

  get size(): number {
    return this.due.size + this.inFlight.size;
  }

  has(taskId: string): boolean {
    return this.due.has(taskId) || this.inFlight.has(taskId);
  }

  schedule(taskId: string, at: number): void {
    if (this.disposed) return;
    this.due.set(taskId, at);
    this.arm();
  }

  /** Forgets a task; a poll already in flight finishes but is not rescheduled. */
  remove(taskId: string): void {
    this.due.delete(taskId);
    this.inFlight.delete(taskId);
    this.arm();
  }

  dispose(): void {
    this.disposed = true;
    this.due.clear();
    this.disarm();
  }

  private disarm(): void {
    if (this.timer !== undefined) {
      this.options.clearTimer(this.timer);
      this.timer = undefined;
      this.timerAt = Infinity;
    }
  }

  private arm(): void {
    if (this.disposed) return;
    if (this.inFlight.size >= this.options.maxConcurrent || this.due.size === 0) {
      this.disarm();
      return;
    }
    const earliest = Math.min(...this.due.values());
    if (earliest >= this.timerAt && this.timer !== undefined) {
      return;
    }
    this.disarm();
    this.timerAt = earliest;
    this.timer = this.options.setTimer(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.runDue();
    }, Math.max(0, earliest - this.options.now()));
  }

  private runDue(): void {
    const now = this.options.now();
    const ready = [...this.due.entries()].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    for (const [taskId] of ready) {
      if (this.inFlight.size >= this.options.maxConcurrent) break;
      this.due.delete(taskId);
      this.inFlight.add(taskId);
      void this.runOne(taskId);
    }
    this.arm();
  }

  private async runOne(taskId: string): Promise<void> {
    let outcome: PollOutcome;
    try {
      outcome = await this.options.poll(taskId);
    } catch {
      outcome = { done: false, nextPollAt: this.options.now() + (this.options.retryAfterErrorMs ?? 5_000) };
    }
    const stillWanted = this.inFlight.delete(taskId);
    if (stillWanted && !outcome.done && !this.disposed) {
      this.due.set(taskId, outcome.nextPollAt);
    }
    this.arm();
  }
}
