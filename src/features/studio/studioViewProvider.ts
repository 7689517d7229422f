import * as vscode from 'vscode';
import { Disposable } from '../../util/dispose';
import type { StudioController } from './studioController';

/** Makes the controller for one studio page (its code is deferred: made when a studio is first shown). */
export type StudioControllerFactory = (webview: vscode.Webview, isVisible: () => boolean) => StudioController;

/** The studio in the ImageGen activity-bar container. */
export class StudioViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'imagegen.studioView';
  private controller: StudioController | undefined;

  constructor(private readonly createController: StudioControllerFactory) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.controller?.dispose();
    const controller = this.createController(view.webview, () => view.visible);
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
