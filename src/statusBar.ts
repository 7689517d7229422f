import * as vscode from 'vscode';
import type { TaskBoard } from './core/tasks/taskBoard';
import { statusBarContent } from './core/tasks/statusBarText';
import { Throttle } from './core/tasks/throttle';
import { Disposable } from './util/dispose';

/** Shows running tasks; refreshes once a second only while something is running. */
export class TaskStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** Today's spend beside its caps, when a budget is set (features/spending). */
  private spend: string | undefined;

  constructor(private readonly board: TaskBoard) {
    super();
    this.item = this.register(vscode.window.createStatusBarItem('imagegen.tasks', vscode.StatusBarAlignment.Left, 100));
    this.item.name = vscode.l10n.t('ImageGen Tasks');
    this.item.command = 'imagegen.showTasks';
    const throttle = new Throttle(() => this.update(), 250, {
      now: Date.now,
      setTimer: (callback, delay) => setTimeout(callback, delay),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    });
    this.register({ dispose: () => throttle.dispose() });
    this.register(board.onDidChange(() => throttle.request()));
    this.register({ dispose: () => this.stopTicker() });
    this.update();
    this.item.show();
  }

  setSpend(text: string | undefined): void {
    this.spend = text;
    this.update();
  }

  private update(): void {
    const content = statusBarContent(this.board.list(), Date.now(), 'ImageGen', {
      preview: (index, total) => vscode.l10n.t('preview {0}/{1}', index, total),
      overdue: vscode.l10n.t('past deadline, still running'),
    });
    this.item.text = this.spend && content.running === 0 ? `${content.text} · ${this.spend}` : content.text;
    this.item.tooltip =
      content.running === 0 ? vscode.l10n.t('ImageGen: no running tasks. Click to show tasks.') : vscode.l10n.t('ImageGen: {0} running. Click to show tasks.', content.running);
    if (content.running > 0 && !this.ticker) {
      this.ticker = setInterval(() => this.update(), 1000);
    } else if (content.running === 0) {
      this.stopTicker();
    }
  }

  private stopTicker(): void {
    if (this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }
}
