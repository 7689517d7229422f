// Reference images chosen in the workspace are kept as workspace-relative paths (in the history,
// in a retry) and read only when a request is sent (engine/referenceReader.ts):
// the history never holds image bytes.
import * as vscode from 'vscode';

/** How the history names a workspace file: relative, with the folder's name first in multi-root workspaces. */
export function workspaceReference(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : undefined;
}
