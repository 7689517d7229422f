import { isActive, type TaskSummary } from './taskSummary';

export interface StatusBarContent {
  readonly text: string;
  readonly running: number;
}

/** m:ss below an hour, h:mm:ss above; elapsed time is what a user compares against provider advice. */
export function formatElapsed(milliseconds: number): string {
  const totalSeconds = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The status bar shows the running count, the oldest task's elapsed time and, when every running
 * task reports one, the mean progress (a partial mean would jump when a task without progress ends).
 */
export interface StatusBarWords {
  /** "preview {0}/{1}", localized by the caller. */
  readonly preview: (index: number, total: number) => string;
  readonly overdue: string;
}

const englishWords: StatusBarWords = { preview: (index, total) => `preview ${index}/${total}`, overdue: 'overdue' };

export function statusBarContent(tasks: readonly TaskSummary[], now: number, label: string, words: StatusBarWords = englishWords): StatusBarContent {
  const active = tasks.filter(isActive);
  if (active.length === 0) {
    return { text: `$(symbol-color) ${label}`, running: 0 };
  }
  const oldest = Math.min(...active.map((task) => task.startedAt));
  const overdue = active.some((task) => task.overdue);
  const parts = [`${overdue ? '$(warning)' : '$(sync~spin)'} ${label} ${active.length}`];
  // The oldest task showing a preview: streamed partial images say more than a percentage.
  const previewing = active.filter((task) => task.preview).sort((a, b) => a.startedAt - b.startedAt)[0];
  if (previewing?.preview) {
    parts.push(words.preview(previewing.preview.index, previewing.preview.total));
  }
  if (overdue) {
    parts.push(words.overdue);
  }
  if (active.every((task) => typeof task.progress === 'number')) {
    const mean = active.reduce((sum, task) => sum + (task.progress ?? 0), 0) / active.length;
    parts.push(`${Math.round(mean)}%`);
  }
  parts.push(formatElapsed(now - oldest));
  return { text: parts.join(' · '), running: active.length };
}
