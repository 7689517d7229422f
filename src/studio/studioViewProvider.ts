import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import { loadEngine } from '../engineLoader';
import type { StudioController, StudioDependencies } from './studioController';

/** The studio in the ImageGen activity-bar container. */
export class StudioViewProvider extends Disposable implements vscode.WebviewViewProvider {
  static readonly viewType = 'imagegen.studioView';
  private controller: StudioController | undefined;

  constructor(private readonly deps: StudioDependencies) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.controller?.dispose();
    // The controller lives in the engine bundle: loaded when a studio is first shown, not at activation.
    const controller = new (loadEngine().StudioController)(view.webview, this.deps, () => view.visible);
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
