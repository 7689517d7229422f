// When to ask a provider about a task next. A fixed loop adds half an interval of latency on
// average; instead, predict completion — from the progress the provider reports, or from how
// long similar tasks took — and ask just after it, never waiting longer than the interval.

export interface ProgressSample {
  readonly at: number;
  readonly progress: number;
}

export interface PollPlanInput {
  readonly now: number;
  readonly submittedAt: number;
  /** Progress reports so far, oldest first. */
  readonly samples: readonly ProgressSample[];
  /** How long similar tasks took, submit to done, when known. */
  readonly expectedDurationMs?: number;
  /** The longest gap between two queries (imagegen.polling.intervalSeconds). */
  readonly intervalMs: number;
  /** The shortest gap, so a wrong prediction cannot turn into a busy loop. */
  readonly minGapMs: number;
}

/** The moment to query next. */
export function nextPollAt(input: PollPlanInput): number {
  const { now, intervalMs, minGapMs } = input;
  const clamp = (at: number) => Math.min(now + intervalMs, Math.max(now + minGapMs, at));
  const moving = input.samples.filter((sample) => sample.progress > 0 && sample.progress < 100);
  if (moving.length >= 2) {
    const first = moving[0]!;
    const last = moving[moving.length - 1]!;
    const rate = (last.progress - first.progress) / Math.max(1, last.at - first.at);
    if (rate > 0) {
      // Aim a gap past the prediction: a query that comes too early costs one more request.
      return clamp(last.at + (100 - last.progress) / rate + minGapMs);
    }
  }
  if (input.expectedDurationMs !== undefined) {
    const expected = input.submittedAt + input.expectedDurationMs;
    // Past the expectation and still running: look again soon, not a whole interval later.
    return clamp(expected > now ? expected + minGapMs / 2 : now + Math.max(minGapMs, intervalMs / 4));
  }
  if (moving.length === 1) {
    // One sample gives no rate (the queue time is unknown): a second one does. Time spent queued
    // only makes the task finish sooner than if it had been processing since submission, so that
    // bound says how late the second sample can come and still leave completion within one
    // interval of it — a later sample wastes no query on the ceiling.
    const sample = moving[0]!;
    const latestFinish = input.submittedAt + ((sample.at - input.submittedAt) * 100) / sample.progress;
    return clamp(Math.max(now + Math.min(intervalMs, 1000), latestFinish + minGapMs - intervalMs));
  }
  return clamp(now + intervalMs);
}

/** Remembers how long tasks of a kind take (exponentially weighted, recent tasks count more). */
export class DurationModel {
  private readonly means = new Map<string, number>();

  constructor(private readonly weight = 0.4) {}

  observe(key: string, durationMs: number): void {
    const previous = this.means.get(key);
    this.means.set(key, previous === undefined ? durationMs : previous + this.weight * (durationMs - previous));
  }

  expected(key: string): number | undefined {
    return this.means.get(key);
  }
}

export function durationKey(modelKey: string, resolution?: string, quality?: string, size?: string): string {
  return [modelKey, size ?? resolution ?? '', quality ?? ''].join('|');
}
