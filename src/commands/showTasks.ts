import * as vscode from 'vscode';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { formatElapsed } from '../core/tasks/statusBarText';
import type { Command } from './command';

export class ShowTasksCommand implements Command {
  readonly id = 'imagegen.showTasks';

  constructor(private readonly board: TaskBoard) {}

  async execute(): Promise<void> {
    const now = Date.now();
    const tasks = this.board.list();
    const items: vscode.QuickPickItem[] = tasks.map((task) => ({
      label: task.prompt,
      description: `${task.model} · ${task.state}${typeof task.progress === 'number' ? ` ${task.progress}%` : ''}`,
      detail: formatElapsed((task.finishedAt ?? now) - task.startedAt),
    }));
    const pick = vscode.window.createQuickPick();
    pick.title = vscode.l10n.t('ImageGen Tasks');
    pick.items = items;
    pick.placeholder = tasks.length === 0 ? vscode.l10n.t('No running or recent tasks.') : vscode.l10n.t('Select a task');
    pick.onDidHide(() => pick.dispose());
    pick.onDidAccept(() => pick.hide());
    pick.show();
  }
}
