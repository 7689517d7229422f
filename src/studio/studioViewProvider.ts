import * as vscode from 'vscode';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { Disposable } from '../util/dispose';
import { StudioController } from './studioController';

/** The studio in the ImageGen activity-bar container. */
export class StudioViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'imagegen.studioView';
  private controller: StudioController | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly board: TaskBoard,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.controller?.dispose();
    const controller = new StudioController(view.webview, this.extensionUri, this.board, this.log);
    this.controller = controller;
    view.onDidDispose(() => {
      controller.dispose();
      if (this.controller === controller) {
        this.controller = undefined;
      }
    });
  }

  override dispose(): void {
    this.controller?.dispose();
    super.dispose();
  }
}
