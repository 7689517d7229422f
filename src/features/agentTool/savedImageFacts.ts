// What the agent is told of one saved image: its workspace path, the saved file's own pixels (the
// record keeps the pixels asked of the provider), an asset set's files, the Markdown link from the
// workspace folder, and the bytes with their type (read from the bytes: a name can be wrong).
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { formatSize } from '../../core/catalog/sizes';
import { imageMimeType, readImageInfo } from '../../core/images/imageInfo';
import { altTextFromPrompt, formatImageLink, relativeImagePath } from '../../core/insert/imageLink';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { pathRules } from '../../saving/pathRules';

export interface SavedImageFacts {
  readonly workspacePath: string;
  readonly pixels: string | undefined;
  /** ` The favicon set: a.png (16×16), ….` or empty. */
  readonly setFiles: string;
  readonly link: string;
  readonly bytes: Buffer;
  readonly mime: string;
}

export async function savedImageFacts(done: TaskRecord, imageUri: string): Promise<SavedImageFacts> {
  const uri = vscode.Uri.parse(imageUri);
  const workspacePath = vscode.workspace.asRelativePath(uri, false);
  const bytes = await readFile(uri.fsPath);
  const header = (() => {
    try {
      return readImageInfo(bytes.subarray(0, 64 * 1024));
    } catch {
      return undefined;
    }
  })();
  const primary = done.assetSet?.files.find((file) => file.uri === imageUri);
  const pixels = primary ? formatSize(primary) : header ? formatSize(header) : done.pixels;
  const setFiles = done.assetSet ? ` The ${done.assetSet.kind} set: ${done.assetSet.files.map((file) => `${vscode.workspace.asRelativePath(vscode.Uri.parse(file.uri), false)} (${formatSize(file)})`).join(', ')}.` : '';
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const linkPath = folder ? (relativeImagePath(folder.uri.fsPath, uri.fsPath, pathRules.path) ?? workspacePath) : workspacePath;
  return { workspacePath, pixels, setFiles, link: formatImageLink('markdown', linkPath, altTextFromPrompt(done.input.prompt)), bytes, mime: imageMimeType(bytes) };
}
