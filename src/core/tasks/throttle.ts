// Runs an action at most once per `minGapMs`; requests in between collapse into one trailing run,
// so the last state is always shown. Fifty tasks reporting progress make four status bar
// updates a second, not hundreds.

export interface ThrottleTimers {
  readonly now: () => number;
  readonly setTimer: (callback: () => void, delayMs: number) => unknown;
  readonly clearTimer: (handle: unknown) => void;
}

export class Throttle {
  private lastRun = -Infinity;
  private pending: unknown;

  constructor(
    private readonly action: () => void,
    private readonly minGapMs: number,
    private readonly timers: ThrottleTimers,
  ) {}

  request(): void {
    if (this.pending !== undefined) {
      return;
    }
    const wait = this.lastRun + this.minGapMs - this.timers.now();
    if (wait <= 0) {
      this.run();
    } else {
      this.pending = this.timers.setTimer(() => this.run(), wait);
    }
  }

  dispose(): void {
    if (this.pending !== undefined) {
      this.timers.clearTimer(this.pending);
      this.pending = undefined;
    }
  }

  private run(): void {
    this.pending = undefined;
    this.lastRun = this.timers.now();
    this.action();
  }
}
