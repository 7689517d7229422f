// The presets capability at activation: only a file watcher, so the store (and jsonc-parser with
// it) loads once a workspace folder has a presets file or one is created.
import * as vscode from 'vscode';
import { presetsFileName } from '../../core/presets/presetsFile';
import type { RegisterCapability } from '../../services';
import { disposableOf } from '../../util/dispose';

export const registerPresets: RegisterCapability = (_context, { presets }) => {
  const loadIfPresent = async () => {
    if (presets.loaded) return;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, ...presetsFileName.split('/')));
      } catch {
        continue;
      }
      presets.get();
      return;
    }
  };
  const watcher = vscode.workspace.createFileSystemWatcher(`**/${presetsFileName}`, false, true, true);
  const created = watcher.onDidCreate(() => presets.get());
  const folders = vscode.workspace.onDidChangeWorkspaceFolders(() => void loadIfPresent());
  void loadIfPresent();
  return disposableOf(watcher, created, folders);
};
