// What a studio webview may do and load; shared by the sidebar view and the editor panel, and
// needed before the studio's controller (deferred code, dist/deferred.js) is.
import * as vscode from 'vscode';
import type { TaskRecord } from '../../core/tasks/taskRecord';

/**
 * Folders holding saved images, and the workspace images they were made from (Compare's "before"):
 * the webview may load thumbnails from these and nothing else.
 */
function imageFolders(records: readonly TaskRecord[]): vscode.Uri[] {
  const folders = new Map<string, vscode.Uri>();
  const add = (image: vscode.Uri) => {
    const folder = vscode.Uri.joinPath(image, '..');
    folders.set(folder.toString(), folder);
  };
  for (const record of records) {
    if (record.imageUri) add(vscode.Uri.parse(record.imageUri));
    const before = record.basedOn ? vscode.Uri.parse(record.basedOn) : undefined;
    if (before && vscode.workspace.getWorkspaceFolder(before)) add(before);
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
