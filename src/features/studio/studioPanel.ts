import * as vscode from 'vscode';
import { Disposable } from '../../util/dispose';
import type { StudioController, StudioDependencies } from './studioController';
import type { StudioControllerFactory } from './studioViewProvider';
import { studioWebviewOptions } from './studioWebviewOptions';

/** The studio as an editor panel; one at a time, revealed again when asked twice. */
export class StudioPanelManager extends Disposable implements vscode.WebviewPanelSerializer {
  static readonly viewType = 'imagegen.studio';
  private current: { panel: vscode.WebviewPanel; controller: StudioController } | undefined;
  private readonly onDidAttachEmitter = this.register(new vscode.EventEmitter<StudioController>());
  /** A panel's controller, as soon as it is made (before its page is ready: host tests hear everything it posts). */
  readonly onDidAttach = this.onDidAttachEmitter.event;

  constructor(
    private readonly deps: StudioDependencies,
    private readonly createController: StudioControllerFactory,
  ) {
    super();
    this.register(vscode.window.registerWebviewPanelSerializer(StudioPanelManager.viewType, this));
  }

  get panel(): vscode.WebviewPanel | undefined {
    return this.current?.panel;
  }

  get controller(): StudioController | undefined {
    return this.current?.controller;
  }

  show(): vscode.WebviewPanel {
    if (this.current) {
      this.current.panel.reveal();
      return this.current.panel;
    }
    const panel = vscode.window.createWebviewPanel(StudioPanelManager.viewType, vscode.l10n.t('Image Studio'), vscode.ViewColumn.Active, {
      ...studioWebviewOptions(this.deps.extensionUri, this.deps.generation.list()),
      retainContextWhenHidden: false,
    });
    this.attach(panel);
    return panel;
  }

  /** Show Spending: the panel, scrolled to its spending section with the focus there. */
  async showSpending(): Promise<void> {
    this.show();
    await this.current?.controller.focusSpending();
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    this.current?.panel.dispose();
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'imagegen.svg');
    const controller = this.createController(panel.webview, () => panel.visible);
    this.current = { panel, controller };
    this.onDidAttachEmitter.fire(controller);
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
