import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, realpath, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { confineRealPath, resolveAssetsFolder } from '../core/assets/assetsFolder';
import { partialFileName, slugFromPrompt, timestamp, uniqueFileName } from '../core/assets/fileName';
import { imageExtensions } from '../core/images/imageInfo';
import { addPngText } from '../core/png/pngText';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { HttpClient } from '../providers/httpClient';
import type { ImageResult } from '../providers/provider';
import { loadEngine } from '../engineLoader';

export class SaveError extends Error {}

/**
 * Saves a finished image into the workspace assets folder: downloaded (or taken from staging)
 * outside the workspace first, tagged with how it was made, then written with workspace.fs under
 * a name that does not exist yet, by rename from a hidden partial file. Nothing partial ever
 * appears under an image's name.
 */
export class ImageSaver {
  constructor(readonly stagingDir: string) {}

  /** The assets folder for a document (or the first workspace folder), or a SaveError saying why not. */
  assetsFolderFor(setting: string, documentUri: vscode.Uri | undefined): vscode.Uri {
    const workspaceFolder = (documentUri && vscode.workspace.getWorkspaceFolder(documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!workspaceFolder) {
      throw new SaveError(vscode.l10n.t('Open a folder first: ImageGen saves images inside the workspace.'));
    }
    const documentPath = documentUri && vscode.workspace.getWorkspaceFolder(documentUri) ? documentUri.path : undefined;
    const resolved = resolveAssetsFolder(setting, { workspaceFolder: workspaceFolder.uri.path, ...(documentPath ? { documentPath } : {}) });
    if (!resolved.ok) {
      throw new SaveError(resolved.message);
    }
    return workspaceFolder.uri.with({ path: resolved.folder });
  }

  async save(record: TaskRecord, image: ImageResult, http: HttpClient, options: { assetsFolder: vscode.Uri; maxBytes: number; signal?: AbortSignal }): Promise<vscode.Uri> {
    await mkdir(this.stagingDir, { recursive: true });
    const staged = join(this.stagingDir, `${record.id}-${randomUUID().slice(0, 8)}.img`);
    const saved = await loadEngine().retrieveImage(http, image, staged, { provider: record.input.modelKey.split(':')[0]!, maxBytes: options.maxBytes, ...(options.signal ? { signal: options.signal } : {}) });
    try {
      let bytes: Uint8Array = await readFile(saved.path);
      if (saved.format === 'png') {
        bytes = addPngText(bytes, {
          prompt: record.input.prompt,
          model: record.input.modelKey,
          parameters: JSON.stringify({ aspectRatio: record.input.aspectRatio, resolution: record.input.resolution, size: record.input.size, quality: record.input.quality }),
          task: record.taskId ?? record.id,
          Software: 'ImageGen for VS Code',
        });
      }
      if (options.assetsFolder.scheme === 'file') {
        const workspaceFolder = vscode.workspace.getWorkspaceFolder(options.assetsFolder);
        const confined = workspaceFolder
          ? await confineRealPath(options.assetsFolder.fsPath, workspaceFolder.uri.fsPath, realpath, (path) => access(path).then(() => true, () => false))
          : { ok: false as const, message: vscode.l10n.t('The assets folder is outside the workspace.') };
        if (!confined.ok) {
          throw new SaveError(confined.message);
        }
      }
      await vscode.workspace.fs.createDirectory(options.assetsFolder);
      const base = `${slugFromPrompt(record.input.prompt)}-${timestamp(new Date())}`;
      const name = await uniqueFileName(base, imageExtensions[saved.format], async (candidate) => {
        try {
          await vscode.workspace.fs.stat(vscode.Uri.joinPath(options.assetsFolder, candidate));
          return true;
        } catch {
          return false;
        }
      });
      const target = vscode.Uri.joinPath(options.assetsFolder, name);
      // writeFile creates the file and then fills it: anyone watching the folder (a Markdown
      // preview, a file watcher, git) could read half an image. Write under a hidden name and
      // rename: the image appears under its name complete or not at all.
      const partial = vscode.Uri.joinPath(options.assetsFolder, partialFileName(name, randomUUID().slice(0, 8)));
      await vscode.workspace.fs.writeFile(partial, bytes);
      try {
        await vscode.workspace.fs.rename(partial, target, { overwrite: false });
      } catch (error) {
        await Promise.resolve(vscode.workspace.fs.delete(partial)).catch(() => undefined);
        throw error;
      }
      return target;
    } finally {
      await unlink(saved.path).catch(() => undefined);
    }
  }
}
