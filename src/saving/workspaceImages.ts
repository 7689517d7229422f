// Where a task's image goes in the workspace, on the file system of the workspace's own host
// (extensionKind "workspace": Remote, WSL and Codespaces run us beside the files): the assets
// folder resolved with the platform's path rules, confined to the workspace through real paths,
// a file name from the prompt, and the PNG provenance. The bytes themselves go through
// ImageFileWriter; nothing here reads an image into memory.
import { mkdir } from 'node:fs/promises';
import { fileSystem } from './realFileSystem';
import * as vscode from 'vscode';
import { confineRealPath, pathRulesFor, resolveAssetsFolder } from '../core/assets/assetsFolder';
import { slugFromPrompt, timestamp } from '../core/assets/fileName';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { ImageFileOptions } from './imageFileWriter';

/** A reason the image cannot be saved, in words the user can act on (recognized by name across bundles). */
export class SaveError extends Error {
  override readonly name = 'SaveError';
}

export const pathRules = pathRulesFor(process.platform);


/** The workspace folder a document belongs to, or the first one; a SaveError when there is none. */
export function workspaceFolderFor(documentUri: vscode.Uri | undefined): vscode.WorkspaceFolder {
  const folder = (documentUri && vscode.workspace.getWorkspaceFolder(documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    throw new SaveError(vscode.l10n.t('Open a folder first: ImageGen saves images inside the workspace.'));
  }
  return folder;
}

/**
 * The assets folder for a document, checked through real paths and created: a file system path
 * inside the workspace folder, or a SaveError saying why not.
 */
export async function prepareAssetsFolder(setting: string, documentUri: vscode.Uri | undefined): Promise<string> {
  const folder = await checkAssetsFolder(setting, documentUri);
  await mkdir(folder, { recursive: true });
  return folder;
}

/** The assets folder for a document, checked but not created. */
export async function checkAssetsFolder(setting: string, documentUri: vscode.Uri | undefined): Promise<string> {
  const workspaceFolder = workspaceFolderFor(documentUri);
  const inside = documentUri?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(documentUri) ? documentUri.fsPath : undefined;
  const resolved = resolveAssetsFolder(setting, { workspaceFolder: workspaceFolder.uri.fsPath, ...(inside ? { documentPath: inside } : {}) }, pathRules);
  if (!resolved.ok) {
    throw new SaveError(resolved.message);
  }
  const confined = await confineRealPath(resolved.folder, workspaceFolder.uri.fsPath, fileSystem, pathRules);
  if (!confined.ok) {
    throw new SaveError(confined.message);
  }
  return resolved.folder;
}

/** Where and under what name a task's image is written, and what it carries. */
export function destinationFor(record: TaskRecord, folder: string, maxBytes: number, now = new Date()): ImageFileOptions {
  const { input } = record;
  return {
    folder,
    baseName: `${slugFromPrompt(input.prompt)}-${timestamp(now)}`,
    provider: providerLabel(input.modelKey),
    maxBytes,
    provenance: {
      prompt: input.prompt,
      model: input.modelKey,
      parameters: JSON.stringify({ aspectRatio: input.aspectRatio, resolution: input.resolution, size: input.size, quality: input.quality }),
      task: record.taskId ?? record.id,
      Software: 'ImageGen for VS Code',
    },
  };
}

const providerLabels: Record<string, string> = { aireiter: 'AIReiter', jimmyai: 'JimmyAI', openai: 'OpenAI-compatible endpoint' };

export function providerLabel(modelKey: string): string {
  const id = modelKey.split(':')[0] ?? '';
  return providerLabels[id] ?? id;
}

