// How a task is followed: each model's polling advice, unless the user set a number; and what
// happens at the deadline. A deadline does not end a task the provider still reports running (it
// may still finish, and charge): the user is asked, and meanwhile it is polled at a slower pace.
import type { PollingAdvice } from '../catalog/models';

export interface PollingOverrides {
  readonly initialDelaySeconds: number | null;
  readonly intervalSeconds: number | null;
  readonly timeoutSeconds: number | null;
}

/** The advice, with each setting the user gave in its place. */
export function effectivePolling(advice: PollingAdvice, overrides: PollingOverrides): PollingAdvice {
  return {
    initialDelayMs: overrides.initialDelaySeconds !== null ? overrides.initialDelaySeconds * 1000 : advice.initialDelayMs,
    intervalMs: overrides.intervalSeconds !== null ? overrides.intervalSeconds * 1000 : advice.intervalMs,
    timeoutMs: overrides.timeoutSeconds !== null ? overrides.timeoutSeconds * 1000 : advice.timeoutMs,
  };
}

/** Past the deadline, a running task is asked about this much less often (at most once a minute). */
export function overdueIntervalMs(intervalMs: number): number {
  return Math.min(60_000, intervalMs * 4);
}

/** Links expire after a day (AIReiter): a task nobody answered for is given up after that. */
export const overdueLimitMs = 24 * 60 * 60 * 1000;

export type DeadlineVerdict = 'inTime' | 'overdue' | 'expired';

/** Where a task stands: before its deadline, past it (ask the user), or past the hard limit. */
export function deadlineVerdict(now: number, acceptedAt: number, deadlineAt: number): DeadlineVerdict {
  if (now <= deadlineAt) return 'inTime';
  return now - acceptedAt > Math.max(overdueLimitMs, deadlineAt - acceptedAt) ? 'expired' : 'overdue';
}
