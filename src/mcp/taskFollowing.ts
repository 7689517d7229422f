// Following an accepted task at its provider until it ends or its deadline, with the extension's
// poll planner: a query that fails on the way is asked again, the task is never submitted again.
import { nextPollAt, type ProgressSample } from '../core/tasks/pollPlanner';
import { isProviderError } from '../providers/errors';
import type { ImageProvider, TaskHandle, TaskStatus } from '../providers/provider';

const minPollGapMs = 500;

export interface Polling {
  readonly initialDelayMs: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

/** Polls `handle` from `acceptedAt` on (a resumed task keeps its first deadline); `onRunning` hears each progress. */
export async function followTask(provider: ImageProvider, handle: TaskHandle, polling: Polling, acceptedAt: number, signal: AbortSignal, onRunning: (progress: number) => void): Promise<TaskStatus> {
  const deadline = acceptedAt + polling.timeoutMs;
  const samples: ProgressSample[] = [];
  await sleep(acceptedAt + polling.initialDelayMs - Date.now(), signal);
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
      throw new Error(`The task did not finish within ${Math.round(polling.timeoutMs / 1000)} s. It may still finish at the provider and be charged; check your dashboard before trying again (task ${handle.taskId ?? handle.clientTaskId}).`);
    }
    const now = Date.now();
    if (status.state === 'running' && status.progress !== undefined) {
      samples.push({ at: now, progress: status.progress });
      onRunning(status.progress);
    }
    await sleep(nextPollAt({ now, submittedAt: acceptedAt, samples, intervalMs: polling.intervalMs, minGapMs: minPollGapMs }) - now, signal);
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
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
