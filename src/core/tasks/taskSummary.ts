/** What the UI needs to know about one generation task, independent of the provider. */
export type TaskState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface TaskSummary {
  readonly id: string;
  readonly prompt: string;
  readonly model: string;
  readonly state: TaskState;
  /** 0–100 when the provider reports it. */
  readonly progress?: number;
  readonly startedAt: number;
  readonly finishedAt?: number;
  /** The latest partial image shown so far, of how many asked for (streaming providers). */
  readonly preview?: { readonly index: number; readonly total: number };
  /** Past its deadline while the provider still reports it running: followed slowly, user asked. */
  readonly overdue?: boolean;
}

export function isActive(task: TaskSummary): boolean {
  return task.state === 'queued' || task.state === 'running';
}
