import type { TaskSummary } from './taskSummary';

type Listener = () => void;

/** The tasks the UI shows, newest first. Views subscribe; only the engine writes. */
export class TaskBoard {
  private readonly tasks = new Map<string, TaskSummary>();
  private readonly listeners = new Set<Listener>();

  list(): TaskSummary[] {
    return [...this.tasks.values()].sort((a, b) => b.startedAt - a.startedAt);
  }

  upsert(task: TaskSummary): void {
    this.tasks.set(task.id, task);
    this.emit();
  }

  onDidChange(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private emit(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}
