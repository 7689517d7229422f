import * as vscode from 'vscode';
import { CommandManager } from './commands/commandManager';
import { OpenPanelCommand } from './commands/openPanel';
import { ShowTasksCommand } from './commands/showTasks';
import { TaskBoard } from './core/tasks/taskBoard';
import { TaskStatusBar } from './statusBar';
import { StudioPanelManager } from './studio/studioPanel';
import { StudioViewProvider } from './studio/studioViewProvider';

/** What activate() returns; host tests use it to observe state the VS Code API does not expose. */
export interface ImageGenApi {
  readonly board: TaskBoard;
  readonly panels: StudioPanelManager;
}

export function activate(context: vscode.ExtensionContext): ImageGenApi {
  const log = vscode.window.createOutputChannel('ImageGen', { log: true });
  const board = new TaskBoard();
  const panels = new StudioPanelManager(context.extensionUri, board, log);
  const viewProvider = new StudioViewProvider(context.extensionUri, board, log);
  const commands = new CommandManager();
  commands.add(new OpenPanelCommand(panels));
  commands.add(new ShowTasksCommand(board));

  context.subscriptions.push(
    log,
    panels,
    viewProvider,
    commands,
    new TaskStatusBar(board),
    vscode.window.registerWebviewViewProvider(StudioViewProvider.viewType, viewProvider),
  );
  return { board, panels };
}

export function deactivate(): void {}
