// What the editor's workspace gives Find Unused Images to scan: its text files and images through
// findFiles (files.exclude applies, node_modules never counts), a document's unsaved text when it is
// open, and the images the history remembers (a task's image, its set's files).
import * as vscode from 'vscode';
import { excludeGlob } from '../../core/housekeeping/excludeGlob';
import { linkingExtensions } from '../../core/housekeeping/linkedPaths';
import type { MadeImage } from '../../core/housekeeping/unusedImages';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { madeImageExtensions, type TextFile } from './unusedScan';

const inNodeModules = (uri: vscode.Uri) => /(^|\/)node_modules\//.test(uri.path);

/** The workspace's files of these extensions, in file-scheme folders, outside node_modules. */
async function workspaceFiles(extensions: readonly string[], token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  // One exclude glob replaces files.exclude, so it says both; when it cannot, files.exclude applies and node_modules goes afterwards.
  const exclude = excludeGlob(vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'), ['**/node_modules/**']);
  const found = await vscode.workspace.findFiles(`**/*.{${extensions.join(',')}}`, exclude, undefined, token);
  return found.filter((uri) => uri.scheme === 'file' && !inNodeModules(uri) && vscode.workspace.getWorkspaceFolder(uri) !== undefined);
}

export async function workspaceTextFiles(token: vscode.CancellationToken): Promise<TextFile[]> {
  const open = new Map(vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => [document.uri.toString(), document]));
  const decoder = new TextDecoder();
  return (await workspaceFiles(linkingExtensions, token)).map((uri) => ({
    path: uri.fsPath,
    workspaceFolder: vscode.workspace.getWorkspaceFolder(uri)!.uri.fsPath,
    language: uri.path.slice(uri.path.lastIndexOf('.') + 1),
    read: async () => {
      const unsaved = open.get(uri.toString());
      if (unsaved) return unsaved.getText();
      try {
        return decoder.decode(await vscode.workspace.fs.readFile(uri));
      } catch {
        return undefined;
      }
    },
  }));
}

export async function workspaceImageFiles(token: vscode.CancellationToken): Promise<string[]> {
  return (await workspaceFiles(madeImageExtensions, token)).map((uri) => uri.fsPath);
}

/** The images the history remembers, in file-scheme URIs: a task's image and its set's files together. */
export function historyImages(records: readonly TaskRecord[]): MadeImage[] {
  const images: MadeImage[] = [];
  for (const record of records) {
    const uris = [...(record.imageUri ? [record.imageUri] : []), ...(record.assetSet?.files.map((file) => file.uri) ?? [])];
    const files = [...new Set(uris)].map((text) => vscode.Uri.parse(text)).filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath);
    if (files.length > 0) images.push({ files, taskIds: [record.id] });
  }
  return images;
}
