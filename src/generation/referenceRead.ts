// Reading a reference image when a request is sent: a workspace file, confined to the workspace
// through its real path and checked to be an image, becomes a data URI; a URL stays as it is.
// Loaded with the engine: nothing here runs at activation.
import * as vscode from 'vscode';
import { isInside } from '../core/assets/assetsFolder';
import { isWorkspaceReference } from '../core/catalog/validateGeneration';
import { pathRules } from '../saving/pathRules';
import { fileSystem } from '../saving/realFileSystem';
import type { ProviderId } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { megabytes, referenceDataUri, referenceFits, referenceMegabytes } from '../saving/referenceImage';

function locateReference(reference: string): { readonly uri: vscode.Uri; readonly folder: vscode.WorkspaceFolder } {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const named = folders.length > 1 ? folders.find((folder) => reference.startsWith(`${folder.name}/`)) : undefined;
  const folder = named ?? folders[0];
  if (!folder) {
    throw new Error(vscode.l10n.t('Open a folder first.'));
  }
  const inner = named ? reference.slice(named.name.length + 1) : reference;
  return { uri: vscode.Uri.joinPath(folder.uri, ...inner.split('/')), folder };
}

/** A link inside the workspace that leads outside it (a symlink to ~/.aws, say) is never read and sent. */
async function confined(uri: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<boolean> {
  if (uri.scheme !== 'file') {
    return true;
  }
  try {
    const [real, root] = await Promise.all([fileSystem.realpath(uri.fsPath), fileSystem.realpath(folder.uri.fsPath)]);
    return isInside(root, real, pathRules);
  } catch {
    return false;
  }
}

/** What `provider` gets for a reference: workspace files (within its size limit) as data URIs, URLs unchanged. */
export async function referenceForRequest(reference: string, provider: ProviderId): Promise<string> {
  if (!isWorkspaceReference(reference)) {
    return reference;
  }
  const { uri, folder } = locateReference(reference);
  if (!(await confined(uri, folder))) {
    throw new Error(vscode.l10n.t('The reference image {0} leads outside the workspace (a link); ImageGen only sends files inside it.', reference));
  }
  let bytes: Uint8Array;
  let size = 0;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
    if (!referenceFits(provider, size)) {
      throw new RangeError();
    }
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    throw new Error(error instanceof RangeError ? vscode.l10n.t('The reference image {0} ({1} MB) is too large: {2} takes reference images up to {3} MB.', reference, megabytes(size), providerNames[provider], referenceMegabytes[provider]) : vscode.l10n.t('The reference image {0} cannot be read.', reference));
  }
  const dataUri = referenceDataUri(bytes);
  if (!dataUri) {
    throw new Error(vscode.l10n.t('The reference {0} is not an image; ImageGen only sends PNG, JPEG or WebP files.', reference));
  }
  return dataUri;
}
