// Reference images chosen in the workspace are kept as workspace-relative paths (in the history,
// in a retry) and read only when a request is sent: the history never holds image bytes.
import * as vscode from 'vscode';
import { isWorkspaceReference } from '../core/catalog/validateGeneration';

const maxReferenceBytes = 20 * 1024 * 1024;

/** How the history names a workspace file: relative, with the folder's name first in multi-root workspaces. */
export function workspaceReference(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1) : undefined;
}

function uriOfReference(reference: string): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const named = folders.length > 1 ? folders.find((folder) => reference.startsWith(`${folder.name}/`)) : undefined;
  const folder = named ?? folders[0];
  if (!folder) {
    throw new Error(vscode.l10n.t('Open a folder first.'));
  }
  const inner = named ? reference.slice(named.name.length + 1) : reference;
  return vscode.Uri.joinPath(folder.uri, ...inner.split('/'));
}

/** What the provider gets for a reference: workspace files as data URIs, URLs unchanged. */
export async function referenceForRequest(reference: string): Promise<string> {
  if (!isWorkspaceReference(reference)) {
    return reference;
  }
  const uri = uriOfReference(reference);
  let bytes: Uint8Array;
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > maxReferenceBytes) {
      throw new RangeError();
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new Error(error instanceof RangeError ? vscode.l10n.t('{0} is larger than 20 MB.', reference) : vscode.l10n.t('The reference image {0} cannot be read.', reference));
  }
  const extension = uri.path.split('.').pop()?.toLowerCase();
  const mime = extension === 'png' ? 'image/png' : extension === 'webp' ? 'image/webp' : 'image/jpeg';
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** What the history keeps of a reference: never inline bytes. */
export function referenceForHistory(reference: string): string {
  return reference.startsWith('data:') ? `data:(${Math.round((reference.length * 3) / 4 / 1024)} KB inline image, not kept)` : reference;
}
