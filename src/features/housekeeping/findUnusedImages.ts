// Find Unused Images (deferred code): the images ImageGen made that nothing in the workspace links
// to, scanned under a cancellable notification, listed with size and date with nothing picked,
// and moved to the trash only after the user picks them and says yes once more. Each image's
// sidecar (`x.jpg.imagegen.json`) goes with it, and the history forgets the image so the gallery
// shows the task without it. Nothing is deleted for good unless there is no trash and the user
// says so a third time.
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { dateText, sizeText } from '../../core/housekeeping/fileFactsText';
import { provenanceSidecarPath } from '../../core/images/provenance';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { pathRules } from '../../saving/pathRules';
import { scanUnusedImages, type ScanResult, type UnusedImage } from './unusedScan';
import { historyImages, workspaceImageFiles, workspaceTextFiles } from './workspaceSources';

/** What the command needs of the history: its records, and forgetting a deleted image. */
export interface ImageHistory {
  list(): TaskRecord[];
  forgetImage(id: string): void;
}

/** What a run did (host tests read it): the images listed (workspace-relative paths of their first file) and the image files removed. */
export interface FindUnusedResult {
  readonly listed: readonly string[];
  /** Removed: to the trash, or (among `deletedForGood`) permanently, where there was no trash and the user said so. */
  readonly moved: readonly string[];
  readonly deletedForGood: readonly string[];
}

type ImageItem = vscode.QuickPickItem & { readonly image: UnusedImage };

export async function runFindUnusedImages(history: ImageHistory): Promise<FindUnusedResult | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('ImageGen does not look for unused images in Restricted Mode: trust this workspace first.'));
    return undefined;
  }
  if (!vscode.workspace.workspaceFolders?.some((folder) => folder.uri.scheme === 'file')) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: ImageGen looks for unused images in the workspace.'));
    return undefined;
  }
  const scan = await scanWorkspace(history);
  if (!scan) return undefined;
  if (scan.unused.length === 0) {
    void vscode.window.showInformationMessage(
      scan.made === 0
        ? vscode.l10n.t('No images made by ImageGen were found in this workspace.')
        : scan.made === 1
          ? vscode.l10n.t('No unused images: the one image ImageGen made is linked from a file in the workspace.')
          : vscode.l10n.t('No unused images: each of the {0} images ImageGen made is linked from a file in the workspace.', scan.made),
    );
    return { listed: [], moved: [], deletedForGood: [] };
  }
  const listed = scan.unused.map((image) => relative(image.files[0]!.path));
  const picked = await pickImages(scan.unused);
  if (picked.length === 0) return { listed, moved: [], deletedForGood: [] };
  const files = picked.flatMap((image) => image.files);
  const move = vscode.l10n.t('Move to Trash');
  const question = picked.length === 1 ? vscode.l10n.t('Move 1 image to the trash?') : vscode.l10n.t('Move {0} images to the trash?', picked.length);
  const detail = [...files.map((file) => relative(file.path)).slice(0, 12), ...(files.length > 12 ? [vscode.l10n.t('and {0} more', files.length - 12)] : [])].join('\n');
  if ((await vscode.window.showWarningMessage(question, { modal: true, detail }, move)) !== move) return { listed, moved: [], deletedForGood: [] };
  return { listed, ...(await removeImages(picked, history)) };
}

async function scanWorkspace(history: ImageHistory): Promise<ScanResult | undefined> {
  const options = { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Looking for unused images'), cancellable: true };
  try {
    return await vscode.window.withProgress(options, async (progress, token) => {
      const controller = new AbortController();
      const cancelled = token.onCancellationRequested(() => controller.abort());
      try {
        const [textFiles, imageFiles] = await Promise.all([workspaceTextFiles(token), workspaceImageFiles(token)]);
        let shown = 0;
        return await scanUnusedImages({
          textFiles,
          imageFiles,
          history: historyImages(history.list()),
          workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
          rules: pathRules,
          signal: controller.signal,
          progress: (done, total) => {
            const percent = Math.floor((done / total) * 100);
            if (percent > shown) progress.report({ increment: percent - shown, message: vscode.l10n.t('{0} of {1} files', done, total) });
            shown = Math.max(shown, percent);
          },
        });
      } finally {
        cancelled.dispose();
      }
    });
  } catch (error) {
    if (error instanceof vscode.CancellationError || (error instanceof Error && error.name === 'AbortError')) return undefined; // Cancelled: nothing to say.
    void vscode.window.showErrorMessage(vscode.l10n.t('ImageGen could not look for unused images: {0}', error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

/** The list, nothing picked; resolves with what the user picked and accepted, nothing when the list is closed. */
function pickImages(images: readonly UnusedImage[]): Promise<UnusedImage[]> {
  const pick = vscode.window.createQuickPick<ImageItem>();
  pick.title = vscode.l10n.t('Unused images ImageGen made ({0})', images.length);
  pick.placeholder = vscode.l10n.t('Pick the images to move to the trash; nothing in the workspace links to them');
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  pick.items = images.map((image) => ({
    image,
    label: relative(image.files[0]!.path),
    description: [sizeText(image.bytes), dateText(image.modified), ...(image.files.length > 1 ? [vscode.l10n.t('a set of {0} files', image.files.length)] : [])].join(' · '),
    ...(image.prompt !== undefined ? { detail: image.prompt.replace(/\s+/g, ' ').slice(0, 200) } : {}),
  }));
  pick.selectedItems = [];
  return new Promise((resolve) => {
    let accepted: UnusedImage[] = [];
    pick.onDidAccept(() => {
      accepted = pick.selectedItems.map((item) => item.image);
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(accepted);
    });
    pick.show();
  });
}

/**
 * Each image's files and sidecars to the trash. Where there is none (a remote file system without
 * one), the user is asked again, as VS Code's explorer does, before anything is deleted for good.
 * The history forgets an image once all its files are gone.
 */
async function removeImages(images: readonly UnusedImage[], history: ImageHistory): Promise<Pick<FindUnusedResult, 'moved' | 'deletedForGood'>> {
  const entries: { path: string; image: UnusedImage; sidecar: boolean }[] = [];
  for (const image of images) {
    for (const file of image.files) {
      entries.push({ path: file.path, image, sidecar: false });
      const sidecar = provenanceSidecarPath(file.path);
      if (await exists(sidecar)) entries.push({ path: sidecar, image, sidecar: true });
    }
  }
  const remove = async (list: typeof entries, useTrash: boolean) => {
    const failed: (typeof entries[number] & { reason: string })[] = [];
    for (const entry of list) {
      try {
        await vscode.workspace.fs.delete(vscode.Uri.file(entry.path), { useTrash });
      } catch (error) {
        failed.push({ ...entry, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return failed;
  };
  const notTrashed = await remove(entries, true);
  let left = notTrashed;
  if (notTrashed.length > 0) {
    const forGood = vscode.l10n.t('Delete Permanently');
    const question = notTrashed.length === 1 ? vscode.l10n.t('{0} could not be moved to the trash. Delete it permanently instead?', relative(notTrashed[0]!.path)) : vscode.l10n.t('{0} files could not be moved to the trash. Delete them permanently instead?', notTrashed.length);
    const detail = [...new Set(notTrashed.map((entry) => entry.reason))].join('\n');
    if ((await vscode.window.showWarningMessage(question, { modal: true, detail }, forGood)) === forGood) left = await remove(notTrashed, false);
  }
  const kept = new Set(left.map((entry) => entry.path));
  const gone = (entry: (typeof entries)[number]) => !entry.sidecar && !kept.has(entry.path);
  for (const image of images) {
    if (image.files.every((file) => !kept.has(file.path))) image.taskIds.forEach((id) => history.forgetImage(id));
  }
  const notTrashedPaths = new Set(notTrashed.map((entry) => entry.path));
  const moved = entries.filter(gone).map((entry) => entry.path);
  if (left.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('These files were not deleted and are still there: {0}', left.map((entry) => `${relative(entry.path)} (${entry.reason})`).join('; ')));
    return { moved, deletedForGood: moved.filter((path) => notTrashedPaths.has(path)) };
  }
  const deletedForGood = moved.filter((path) => notTrashedPaths.has(path));
  if (deletedForGood.length > 0) void vscode.window.showInformationMessage(vscode.l10n.t('{0} files removed: {1} to the trash, {2} permanently.', moved.length, moved.length - deletedForGood.length, deletedForGood.length));
  else void vscode.window.showInformationMessage(moved.length === 1 ? vscode.l10n.t('1 file moved to the trash.') : vscode.l10n.t('{0} files moved to the trash.', moved.length));
  return { moved, deletedForGood };
}

const relative = (path: string) => vscode.workspace.asRelativePath(vscode.Uri.file(path), false);

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
