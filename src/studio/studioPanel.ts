import * as vscode from 'vscode';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { Disposable } from '../util/dispose';
import { StudioController, studioWebviewOptions } from './studioController';

/** The studio as an editor panel; one at a time, revealed again when asked twice. */
export class StudioPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  static readonly viewType = 'imagegen.studio';
  private current: { panel: vscode.WebviewPanel; controller: StudioController } | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly board: TaskBoard,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(StudioPanelManager.viewType, this));
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.current?.panel;
  }

  show(): vscode.WebviewPanel {
    if (this.current) {
      this.current.panel.reveal();
      return this.current.panel;
    }
    const panel = vscode.window.createWebviewPanel(StudioPanelManager.viewType, vscode.l10n.t('Image Studio'), vscode.ViewColumn.Active, {
      ...studioWebviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    this.attach(panel);
    return panel;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.current?.panel.dispose();
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'imagegen.svg');
    const controller = new StudioController(panel.webview, this.extensionUri, this.board, this.log);
    this.current = { panel, controller };
    panel.onDidDispose(() => {
      controller.dispose();
      if (this.current?.panel === panel) {
        this.current = undefined;
      }
    });
  }

  override dispose(): void {
    this.current?.panel.dispose();
    super.dispose();
  }
}
