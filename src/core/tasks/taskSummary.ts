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
}

export function isActive(task: TaskSummary): boolean {
  return task.state === 'queued' || task.state === 'running';
}
