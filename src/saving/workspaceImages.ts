// Where a task's image goes in the workspace, on the file system of the workspace's own host
// (extensionKind "workspace": Remote, WSL and Codespaces run us beside the files): the assets
// folder resolved with the platform's path rules, confined to the workspace through real paths,
// a file name from the prompt, and the PNG provenance. The bytes themselves go through
// ImageFileWriter; nothing here reads an image into memory.
import { taskProvenance } from '../core/images/provenance';
import { mkdir } from 'node:fs/promises';
import { fileSystem } from './realFileSystem';
import * as vscode from 'vscode';
import { confineRealPath, isInside, resolveAssetsFolder } from '../core/assets/assetsFolder';
import { pathRules } from './pathRules';
import { copyFilesLocation } from '../core/assets/copyFilesDestination';
import type { Settings } from '../config/settings';
import { counterMark } from '../core/assets/fileName';
import { expandFileName } from '../core/assets/fileNameTemplate';
import { providerNameOf } from '../core/catalog/providerNames';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { ImageFileOptions } from './imageFileWriter';

/** A reason the image cannot be saved, in words the user can act on (recognized by name across bundles). */
export class SaveError extends Error {
  override readonly name = 'SaveError';
}


export type SaveLocationSettings = Pick<Settings, 'assetsFolder' | 'copyFilesDestination'>;


/** The workspace folder a document belongs to, or the first one; a SaveError when there is none. */
export function workspaceFolderFor(documentUri: vscode.Uri | undefined): vscode.WorkspaceFolder {
  const folder = (documentUri && vscode.workspace.getWorkspaceFolder(documentUri)) ?? vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    throw new SaveError(vscode.l10n.t('Open a folder first: ImageGen saves images inside the workspace.'));
  }
  return folder;
}

/** Where one image goes: a folder inside the workspace and a file name without extension. */
export interface SaveLocation {
  readonly folder: string;
  readonly baseName: string;
}

/**
 * Where an image named `baseName` goes for a document, checked through real paths and created:
 * inside the workspace folder, or a SaveError saying why not.
 */
export async function prepareSaveLocation(settings: SaveLocationSettings, documentUri: vscode.Uri | undefined, baseName: string): Promise<SaveLocation> {
  const location = await checkSaveLocation(settings, documentUri, baseName);
  await mkdir(location.folder, { recursive: true });
  return location;
}

/** Where an image named `baseName` goes for a document, checked but not created. */
export async function checkSaveLocation(settings: SaveLocationSettings, documentUri: vscode.Uri | undefined, baseName: string): Promise<SaveLocation> {
  const workspaceFolder = workspaceFolderFor(documentUri);
  const inside = documentUri?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(documentUri) ? documentUri : undefined;
  const copied =
    inside && settings.copyFilesDestination !== undefined
      ? copyFilesLocation(settings.copyFilesDestination, {
          documentPath: inside.path,
          workspaceFolderPaths: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.path),
          workspaceFolderPath: workspaceFolder.uri.path,
          workspaceFolder: workspaceFolder.uri.fsPath,
          toFsPath: (path) => inside.with({ path }).fsPath,
          now: new Date(),
        }, baseName.replaceAll(counterMark, '${n}'), pathRules)
      : undefined;
  const resolved = copied ?? resolveAssetsFolder(settings.assetsFolder, { workspaceFolder: workspaceFolder.uri.fsPath, ...(inside ? { documentPath: inside.fsPath } : {}) }, pathRules);
  if (!resolved.ok) {
    throw new SaveError(resolved.message);
  }
  const confined = await confineRealPath(resolved.folder, workspaceFolder.uri.fsPath, fileSystem, pathRules);
  if (!confined.ok) {
    throw new SaveError(confined.message);
  }
  // The `${n}` of imagegen.fileName went through the Markdown setting as text; it counts again here.
  return { folder: resolved.folder, baseName: copied?.ok ? copied.baseName.replaceAll('${n}', counterMark) : baseName };
}

/** A checked location as a task remembers it (no absolute path of another machine's making: re-derived and re-confined when used). */
export type SavePlace = NonNullable<TaskRecord['savePlace']>;

/** Writes down a location `checkSaveLocation` returned for `documentUri`, relative to the same workspace folder. */
export function savePlaceOf(location: SaveLocation, documentUri: vscode.Uri | undefined): SavePlace {
  const workspaceFolder = workspaceFolderFor(documentUri);
  return { workspaceFolder: workspaceFolder.uri.toString(), folder: pathRules.path.relative(workspaceFolder.uri.fsPath, location.folder), baseName: location.baseName };
}

/** The remembered location, inside its workspace folder by real path again, and created; a SaveError says why not. */
export async function prepareSavePlace(place: SavePlace): Promise<SaveLocation> {
  const workspaceFolder = vscode.workspace.workspaceFolders?.find((candidate) => candidate.uri.toString() === place.workspaceFolder);
  if (!workspaceFolder || workspaceFolder.uri.scheme !== 'file') {
    throw new SaveError(vscode.l10n.t('The workspace folder this image was to be saved in is no longer open ({0}); open it again and retry.', vscode.Uri.parse(place.workspaceFolder).fsPath));
  }
  const root = workspaceFolder.uri.fsPath;
  const folder = pathRules.path.resolve(root, place.folder);
  const confined = isInside(root, folder, pathRules) ? await confineRealPath(folder, root, fileSystem, pathRules) : { ok: false as const, message: vscode.l10n.t('The image folder {0} is outside the workspace folder; images are only written inside the workspace.', folder) };
  if (!confined.ok) {
    throw new SaveError(confined.message);
  }
  await mkdir(folder, { recursive: true });
  return { folder, baseName: place.baseName };
}

/** The name an image gets from imagegen.fileName (by default its prompt and the time), before any folder rule renames it. */
export function imageBaseName(record: TaskRecord, template: string, documentUri: vscode.Uri | undefined, now = new Date()): string {
  return expandFileName(template, { prompt: record.input.prompt, modelKey: record.input.modelKey, ...(documentUri?.scheme === 'file' ? { documentPath: documentUri.fsPath } : {}), now });
}

/** Where and under what name a task's image is written, and what it carries. */
export function destinationFor(record: TaskRecord, location: SaveLocation, maxBytes: number): ImageFileOptions {
  return { ...location, provider: providerNameOf(record.input.modelKey), maxBytes, provenance: provenanceOf(record) };
}

/** What an image the editor saves carries about how it was made. */
export function provenanceOf(record: TaskRecord): Record<string, string> {
  return taskProvenance(record, 'ImageGen for VS Code');
}
