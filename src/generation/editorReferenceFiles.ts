// Where a reference image named in the editor is: a workspace-relative path, with the folder's name
// first in a multi-root workspace; read through VS Code's file system. The engine's reader
// (engine/referenceReader.ts) confines it by real path and checks it is an image.
import * as vscode from 'vscode';
import type { ReferenceFiles } from '../engine/ports';

export const editorReferenceFiles: ReferenceFiles = {
  locate(reference) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const named = folders.length > 1 ? folders.find((folder) => reference.startsWith(`${folder.name}/`)) : undefined;
    const folder = named ?? folders[0];
    if (!folder) {
      throw new Error(vscode.l10n.t('Open a folder first.'));
    }
    const inner = named ? reference.slice(named.name.length + 1) : reference;
    const uri = vscode.Uri.joinPath(folder.uri, ...inner.split('/'));
    // A link inside the workspace that leads outside it (a symlink to ~/.aws, say) is never read and sent.
    return { file: uri.toString(), ...(uri.scheme === 'file' ? { confine: { path: uri.fsPath, root: folder.uri.fsPath } } : {}) };
  },
  size: async (file) => (await vscode.workspace.fs.stat(vscode.Uri.parse(file))).size,
  read: async (file) => vscode.workspace.fs.readFile(vscode.Uri.parse(file)),
};
