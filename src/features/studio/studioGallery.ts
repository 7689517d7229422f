// The gallery as the page gets it: every saved image the history holds (the page searches and
// filters them itself), with its candidate mark and the image it was made from, for Compare.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { GalleryItem } from '../../protocol/studioMessages';

/** As many as the history keeps (historyStore's 200): a search must reach every one. */
const maxGalleryItems = 200;

/** The image a record was made from, when it is a workspace file that is still there (the webview may load it). */
export function basedOnImage(record: TaskRecord): vscode.Uri | undefined {
  if (!record.basedOn) return undefined;
  const uri = vscode.Uri.parse(record.basedOn);
  if (!vscode.workspace.getWorkspaceFolder(uri)) return undefined;
  return uri.scheme !== 'file' || existsSync(uri.fsPath) ? uri : undefined;
}

/** A record's candidate mark as the page gets it (the engine's `viaTask` stays in the host). */
export function candidateMarkOf(candidate: NonNullable<TaskRecord['candidate']>): NonNullable<GalleryItem['candidate']> {
  return { group: candidate.group, index: candidate.index, count: candidate.count, ...(candidate.picked ? { picked: true } : {}) };
}

export function galleryItems(records: readonly TaskRecord[], webview: vscode.Webview): GalleryItem[] {
  return records
    .filter((record) => record.state === 'succeeded' && record.imageUri)
    .slice(0, maxGalleryItems)
    .map((record) => {
      const uri = vscode.Uri.parse(record.imageUri!);
      const before = basedOnImage(record);
      return {
        id: record.id,
        prompt: record.input.prompt,
        model: record.input.modelKey,
        imageSrc: webview.asWebviewUri(uri).toString(),
        path: vscode.workspace.asRelativePath(uri, false),
        createdAt: record.createdAt,
        ...(record.pixels ? { pixels: record.pixels } : {}),
        ...(record.candidate ? { candidate: candidateMarkOf(record.candidate) } : {}),
        ...(before ? { basedOn: { imageSrc: webview.asWebviewUri(before).toString(), path: vscode.workspace.asRelativePath(before, false) } } : {}),
      };
    });
}
