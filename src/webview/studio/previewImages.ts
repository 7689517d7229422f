// The streamed partial image of each running task, as blob: URLs made from the bytes the host
// posts. Each URL is revoked when it is replaced or its task ends, so previews do not pile up.
import type { PreviewMessage } from '../../protocol/studioMessages';

export interface ShownPreview {
  readonly url: string;
  readonly index: number;
  readonly total: number;
}

export class PreviewImages {
  private readonly shown = new Map<string, ShownPreview>();

  get(taskId: string): ShownPreview | undefined {
    return this.shown.get(taskId);
  }

  set(message: PreviewMessage): void {
    this.clear(message.taskId);
    // The parts are joined by the Blob itself: no copy of the whole image in script.
    const url = URL.createObjectURL(new Blob(message.parts as BlobPart[], { type: message.mimeType }));
    this.shown.set(message.taskId, { url, index: message.index, total: message.total });
  }

  clear(taskId: string): void {
    const preview = this.shown.get(taskId);
    if (preview) {
      URL.revokeObjectURL(preview.url);
      this.shown.delete(taskId);
    }
  }

  /** Drops the previews of tasks that are no longer running. */
  keepOnly(runningTaskIds: ReadonlySet<string>): void {
    for (const taskId of [...this.shown.keys()]) {
      if (!runningTaskIds.has(taskId)) this.clear(taskId);
    }
  }
}
