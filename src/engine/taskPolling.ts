// Following accepted tasks until they end: one scheduler for every task (a few queries at a time,
// none closer than a quarter second), queries timed near each kind of task's expected end, a
// deadline that makes a task overdue rather than dropped, and the user's answer to that.
import * as l10n from '@vscode/l10n';
import type { PollingAdvice } from '../core/catalog/models';
import { providerNameOf } from '../core/catalog/providerNames';
import { PollScheduler, type PollOutcome } from '../core/tasks/pollScheduler';
import { DurationModel, durationKey, nextPollAt, type ProgressSample } from '../core/tasks/pollPlanner';
import { deadlineVerdict, overdueIntervalMs } from '../core/tasks/taskDeadline';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { truncateText } from '../core/text';
import type { Settings } from '../config/settings';
import { isProviderError, providerError } from '../providers/errors';
import { TimeoutAbort } from '../providers/http/timedBody';
import type { ImageProvider, TaskHandle, TaskStatus } from '../providers/provider';
import { sanitizeServerText } from '../providers/sanitize';
import { withDeadline } from './deadlineSignal';
import type { Clock, Logger, Reporter } from './ports';
import type { TaskStore } from './taskStore';

/** What the runner keeps for a task while it runs in this window. */
export interface LiveTask {
  readonly provider: ImageProvider;
  handle: TaskHandle | undefined;
  /** Set just before the request leaves: until then a cancel stops it (the key, references and the store's write come first). */
  sent?: boolean;
  readonly controller: AbortController;
  readonly settings: Settings;
  /** The model's polling advice with the user's settings applied. */
  readonly polling: PollingAdvice;
  /** Progress reports, for predicting completion. */
  readonly samples: ProgressSample[];
  /** Whether the user was asked about this task's deadline in this session. */
  overdueAsked?: boolean;
  /** Whether an unknown status word was logged already (once per task). */
  unknownStatusLogged?: boolean;
}

/** What polling needs from the runner: the live tasks, and how a task ends. */
export interface PollingHost {
  readonly live: ReadonlyMap<string, LiveTask>;
  fail(record: TaskRecord, error: unknown): void;
  settle(id: string, status: TaskStatus): Promise<void>;
}

/** The shortest gap between two queries of one task. */
const minPollGapMs = 250;
const maxConcurrentPolls = 8;
/** The least time a query gets, however close the deadline. */
const minQueryWindowMs = 5_000;

export class TaskPolling {
  private readonly scheduler: PollScheduler;
  /** How long tasks of each kind took, to query near their expected end. */
  private readonly durations = new DurationModel();

  constructor(
    private readonly tasks: TaskStore,
    private readonly host: PollingHost,
    private readonly notifier: Reporter,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {
    this.scheduler = new PollScheduler({
      now: () => clock.now(),
      setTimer: (callback, delay) => clock.setTimer(callback, delay),
      clearTimer: (handle) => clock.clearTimer(handle),
      maxConcurrent: maxConcurrentPolls,
      poll: (id) => this.poll(id),
    });
  }

  dispose(): void {
    this.scheduler.dispose();
  }

  /** Queries a task that was just resumed right away. */
  pollNow(id: string): void {
    this.scheduler.schedule(id, this.clock.now());
  }

  /** The first query of an accepted task: not before the provider's initial delay, and near the expected end when known. */
  pollAccepted(record: TaskRecord, polling: PollingAdvice): void {
    const now = this.clock.now();
    const expected = this.expectedDuration(record);
    const planned = nextPollAt({ now, submittedAt: record.createdAt, samples: [], ...expected, intervalMs: polling.intervalMs, minGapMs: minPollGapMs });
    this.scheduler.schedule(record.id, Math.max(now + polling.initialDelayMs, expected.expectedDurationMs !== undefined ? planned : 0));
  }

  stop(id: string): void {
    this.scheduler.remove(id);
  }

  /** An overdue task gets another full deadline at the normal polling pace. */
  keepWaiting(id: string): boolean {
    const record = this.tasks.get(id);
    const live = this.host.live.get(id);
    if (!record || !live || !record.overdue) {
      return false;
    }
    const { overdue: _overdue, ...rest } = record;
    this.tasks.update({ ...rest, deadlineAt: this.clock.now() + live.polling.timeoutMs });
    live.overdueAsked = false;
    this.log.info(`Task ${id}: keeping on waiting for another ${live.polling.timeoutMs / 1000} s`);
    this.scheduler.schedule(id, this.clock.now());
    return true;
  }

  /** Stops polling an overdue task; the provider may still finish (and charge) it. */
  stopFollowing(id: string): boolean {
    const record = this.tasks.get(id);
    if (!record || !record.overdue || (record.state !== 'queued' && record.state !== 'running')) {
      return false;
    }
    this.host.live.get(id)?.controller.abort();
    this.host.fail(record, providerError('timeout', { provider: providerNameOf(record.input.modelKey) }, l10n.t('You stopped following this task after its deadline. The provider may still finish it and charge for it; check your dashboard. The prompt is kept: retry from Show Tasks.')));
    return true;
  }

  private async poll(id: string): Promise<PollOutcome> {
    const record = this.tasks.get(id);
    const live = this.host.live.get(id);
    if (!record || !live?.handle || (record.state !== 'running' && record.state !== 'queued')) {
      return { done: true };
    }
    const { polling } = live;
    const acceptedAt = record.acceptedAt ?? record.createdAt;
    const deadlineAt = record.deadlineAt ?? acceptedAt + polling.timeoutMs;
    let status: TaskStatus;
    // Before the deadline a query ends by it: a task whose provider cannot be reached fails then.
    // Just past it, the query still gets a few seconds: "still running" makes the task overdue, not failed.
    const untilDeadline = record.overdue ? undefined : withDeadline(live.controller.signal, Math.max(deadlineAt - this.clock.now(), minQueryWindowMs), () => new TimeoutAbort('deadline', polling.timeoutMs));
    try {
      status = await live.provider.query(live.handle, untilDeadline?.signal ?? live.controller.signal);
    } catch (error) {
      const current = this.tasks.get(id) ?? record;
      if (isProviderError(error) && (error.details.retryable || error.kind === 'network' || error.kind === 'timeout')) {
        if (this.clock.now() > (current.deadlineAt ?? deadlineAt)) {
          // Past the deadline and the provider did not say it is still running.
          this.host.fail(current, providerError('timeout', { provider: live.provider.id }, l10n.t('The task did not finish within {0} s (imagegen.polling.timeoutSeconds), and the provider could not be asked about it: {1} It may still finish at the provider; check your dashboard before retrying.', Math.round(polling.timeoutMs / 1000), error.message)));
          return { done: true };
        }
        this.log.warn(`Query for ${id} failed, polling goes on: ${error.message}`);
        return { done: false, nextPollAt: this.clock.now() + (current.overdue ? overdueIntervalMs(polling.intervalMs) : polling.intervalMs) };
      }
      this.host.fail(current, error);
      return { done: true };
    } finally {
      untilDeadline?.dispose();
    }
    // Read again after the query: what changed meanwhile (Keep Waiting, the placeholder moving, a
    // cancel) stands; this poll writes only the fields it owns.
    const current = this.tasks.get(id);
    if (!current || (current.state !== 'running' && current.state !== 'queued')) {
      return { done: true };
    }
    if (status.state === 'queued' || status.state === 'running') {
      const verdict = deadlineVerdict(this.clock.now(), acceptedAt, current.deadlineAt ?? deadlineAt);
      if (verdict === 'expired') {
        this.host.fail(current, providerError('timeout', { provider: live.provider.id }, l10n.t('The provider still reported this task running a day after it was accepted; ImageGen stopped following it. Check your provider dashboard.')));
        return { done: true };
      }
      if (verdict === 'overdue') {
        return this.followOverdue(current, live, status);
      }
    }
    if (status.state === 'queued' || status.state === 'running') {
      if (status.state === 'running' && status.unknownStatus && !live.unknownStatusLogged) {
        // Once per task, bounded and cleaned: a provider's status word can be anything.
        live.unknownStatusLogged = true;
        this.log.warn(`Task ${id}: unknown status "${sanitizeServerText(truncateText(status.unknownStatus, 200)) ?? ''}", still waiting`);
      }
      const progress = status.state === 'running' ? status.progress : undefined;
      const now = this.clock.now();
      if (progress !== undefined) {
        live.samples.push({ at: now, progress });
      }
      this.tasks.update({ ...current, state: 'running', ...(progress !== undefined ? { progress } : {}) }, { save: current.state === 'running' ? 'coalesced' : 'now' });
      return { done: false, nextPollAt: nextPollAt({ now, submittedAt: record.createdAt, samples: live.samples, ...this.expectedDuration(record), intervalMs: polling.intervalMs, minGapMs: minPollGapMs }) };
    }
    if (status.state === 'succeeded') {
      this.durations.observe(durationKeyOf(record), this.clock.now() - record.createdAt);
    }
    // Saving runs outside the poll slot: a slow image host must not hold up other tasks' queries.
    void this.host.settle(id, status);
    return { done: true };
  }

  /**
   * Past its deadline while the provider still works on it: the task is not dropped (it may still
   * be charged). The user is told once and asked; meanwhile it is polled more slowly.
   */
  private followOverdue(record: TaskRecord, live: LiveTask, status: TaskStatus): PollOutcome {
    const progress = status.state === 'running' ? status.progress : undefined;
    this.tasks.update({ ...record, state: 'running', overdue: true, ...(progress !== undefined ? { progress } : {}) }, { save: record.overdue ? 'coalesced' : 'now' });
    if (!live.overdueAsked) {
      live.overdueAsked = true;
      const waited = this.clock.now() - (record.acceptedAt ?? record.createdAt);
      this.log.warn(`Task ${record.id} is past its deadline (${Math.round(waited / 1000)} s) and still ${status.state} at the provider; following it every ${overdueIntervalMs(live.polling.intervalMs) / 1000} s until the user decides`);
      void this.notifier.askAboutOverdueTask(record.input.prompt, providerNameOf(record.input.modelKey), waited).then((choice) => {
        if (choice === 'keepWaiting') this.keepWaiting(record.id);
        else if (choice === 'stopFollowing') this.stopFollowing(record.id);
      });
    }
    return { done: false, nextPollAt: this.clock.now() + overdueIntervalMs(live.polling.intervalMs) };
  }

  private expectedDuration(record: TaskRecord): { expectedDurationMs?: number } {
    const expected = this.durations.expected(durationKeyOf(record));
    return expected !== undefined ? { expectedDurationMs: expected } : {};
  }
}

function durationKeyOf(record: TaskRecord): string {
  return durationKey(record.input.modelKey, record.input.resolution, record.input.quality, record.input.size);
}
