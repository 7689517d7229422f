// The message that says an image is ready, with what the user may want next.
import * as vscode from 'vscode';
import type { TaskRecord } from '../core/tasks/taskRecord';

/** Shows "Image ready" with Open / Reveal (and Insert when it was not inserted); opens it when it had no editor. */
export function notifySuccess(record: TaskRecord, uri: vscode.Uri, inserted: boolean, insertAt: (editor: vscode.TextEditor) => Promise<boolean>): void {
  const open = vscode.l10n.t('Open');
  const insert = vscode.l10n.t('Insert');
  const reveal = vscode.l10n.t('Reveal');
  const name = uri.path.split('/').pop() ?? '';
  if (!record.target) {
    // With no editor to insert into, the image opens instead.
    void vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }
  const actions = inserted ? [open, reveal] : [open, insert, reveal];
  void vscode.window.showInformationMessage(vscode.l10n.t('Image ready: {0}', name), ...actions).then(async (choice) => {
    if (choice === open) {
      await vscode.commands.executeCommand('vscode.open', uri);
    } else if (choice === reveal) {
      await vscode.commands.executeCommand('revealInExplorer', uri);
    } else if (choice === insert) {
      const editor = vscode.window.activeTextEditor;
      if (editor) {
        await insertAt(editor);
      }
    }
  });
}
