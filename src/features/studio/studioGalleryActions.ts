// What the gallery's buttons do with a saved image: open, insert at the cursor of the last editor,
// reveal, copy its path, run again with the same settings, delete (to the trash, on the user's word).
import * as vscode from 'vscode';
import type { InsertionTarget } from '../../generation/delivery/insertionTracker';
import type { galleryActions } from '../../protocol/studioMessages';
import type { StudioDependencies } from './studioController';

export async function runGalleryAction(deps: Pick<StudioDependencies, 'generation' | 'lastEditor'>, action: (typeof galleryActions)[number], taskId: string, target: InsertionTarget | undefined): Promise<{ message?: string }> {
  const record = deps.generation.get(taskId);
  if (!record) {
    throw new Error(vscode.l10n.t('That task is no longer in the history.'));
  }
  const image = record.imageUri ? vscode.Uri.parse(record.imageUri) : undefined;
  switch (action) {
    case 'rerun': {
      const again = await deps.generation.generate(record.input, target);
      return again.ok ? { message: again.handle.record.id } : {};
    }
    case 'open':
      if (image) await vscode.commands.executeCommand('vscode.open', image);
      return {};
    case 'insert': {
      const editor = deps.lastEditor.editor;
      if (!editor) {
        throw new Error(vscode.l10n.t('Open a document to insert the image into.'));
      }
      await deps.generation.insertLink(record, editor.document.uri, editor.selection.active);
      return {};
    }
    case 'reveal':
      if (image) await vscode.commands.executeCommand('revealInExplorer', image);
      return {};
    case 'copyPath':
      if (image) await vscode.env.clipboard.writeText(vscode.workspace.asRelativePath(image, false));
      return {};
    case 'delete': {
      if (!image) return {};
      const remove = vscode.l10n.t('Delete');
      const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Delete {0}?', vscode.workspace.asRelativePath(image, false)), { modal: true }, remove);
      if (choice === remove) {
        await vscode.workspace.fs.delete(image, { useTrash: true });
        await deps.generation.forgetImage(taskId);
      }
      return {};
    }
  }
}
