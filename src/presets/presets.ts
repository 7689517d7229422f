// The presets at activation: nothing but a file watcher until a workspace has a presets file (or
// one is created, or a wizard or studio asks); then the store loads with the engine, reads the
// files and reports their problems.
import * as vscode from 'vscode';
import { presetsFileName } from '../core/presets/presetsFile';
import { loadEngine } from '../engineLoader';
import { Disposable } from '../util/dispose';
import type { PresetStore } from './presetStore';

export class Presets extends Disposable {
  private store: PresetStore | undefined;

  constructor() {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(`**/${presetsFileName}`, false, true, true));
    this.register(watcher.onDidCreate(() => this.get()));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.loadIfPresent()));
    void this.loadIfPresent();
  }

  /** The store, loaded now if it was not yet. */
  get(): PresetStore {
    return (this.store ??= this.register(new (loadEngine().PresetStore)()));
  }

  private async loadIfPresent(): Promise<void> {
    if (this.store) return;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, ...presetsFileName.split('/')));
      } catch {
        continue;
      }
      this.get();
      return;
    }
  }
}
