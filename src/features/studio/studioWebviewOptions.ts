// What a studio webview may do and load; shared by the sidebar view and the editor panel, and
// needed before the studio's controller (deferred code, dist/deferred.js) is.
import * as vscode from 'vscode';
import type { TaskRecord } from '../../core/tasks/taskRecord';

/** Folders holding saved images: the webview may load thumbnails from these and nothing else. */
function imageFolders(records: readonly TaskRecord[]): vscode.Uri[] {
  const folders = new Map<string, vscode.Uri>();
  for (const record of records) {
    if (record.imageUri) {
      const folder = vscode.Uri.joinPath(vscode.Uri.parse(record.imageUri), '..');
      folders.set(folder.toString(), folder);
    }
  }
  return [...folders.values()];
}

/** Webview options shared by the sidebar view and the editor panel. */
export function studioWebviewOptions(extensionUri: vscode.Uri, records: readonly TaskRecord[] = []): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), ...imageFolders(records)],
  };
}
