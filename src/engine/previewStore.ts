// The latest partial image of each streaming generation, in memory only: previews are never
// written to the history (they are megabytes, and worthless once the final image is saved).
import { Emitter } from '../util/emitter';
import { Disposable } from '../util/dispose';

export interface TaskPreview {
  readonly taskId: string;
  /** Counts from 1 up to `total`. */
  readonly index: number;
  readonly total: number;
  /** Each part owns its ArrayBuffer: posted to a webview as it is. */
  readonly parts: readonly Uint8Array<ArrayBuffer>[];
  readonly byteLength: number;
  readonly mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
}

export class PreviewStore extends Disposable {
  private readonly latest = new Map<string, TaskPreview>();
  private readonly onDidChangeEmitter = this.register(new Emitter<{ readonly taskId: string; readonly preview: TaskPreview | undefined }>());
  /** Fires with each new preview, and with `undefined` when a task's previews are dropped. */
  readonly onDidChange = this.onDidChangeEmitter.event;

  set(preview: TaskPreview): void {
    this.latest.set(preview.taskId, preview);
    this.onDidChangeEmitter.fire({ taskId: preview.taskId, preview });
  }

  get(taskId: string): TaskPreview | undefined {
    return this.latest.get(taskId);
  }

  all(): TaskPreview[] {
    return [...this.latest.values()];
  }

  clear(taskId: string): void {
    if (this.latest.delete(taskId)) {
      this.onDidChangeEmitter.fire({ taskId, preview: undefined });
    }
  }
}
