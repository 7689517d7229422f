// The Show Tasks quick pick: deferred code, loaded when it is first opened.
import * as vscode from 'vscode';
import { formatElapsed } from '../core/tasks/statusBarText';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { GenerationPipeline } from '../generation/generationPipeline';
import { retryLabel } from '../generation/notifier';

interface TaskItem extends vscode.QuickPickItem {
  readonly record: TaskRecord;
}

const icons: Record<TaskRecord['state'], string> = { queued: '$(clock)', running: '$(sync~spin)', succeeded: '$(check)', failed: '$(error)', cancelled: '$(circle-slash)' };

/** Running and recent tasks in a quick pick, with cancel, open, insert and retry. */
export class TaskList {
  constructor(private readonly generation: GenerationPipeline) {}

  async show(): Promise<void> {
    const cancel = { iconPath: new vscode.ThemeIcon('stop-circle'), tooltip: vscode.l10n.t('Cancel Task') };
    const open = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Open') };
    const insert = { iconPath: new vscode.ThemeIcon('insert'), tooltip: vscode.l10n.t('Insert at Cursor') };
    const retry = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: retryLabel(false) };
    const retryMayCharge = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: retryLabel(true) };
    const keepWaiting = { iconPath: new vscode.ThemeIcon('watch'), tooltip: vscode.l10n.t('Keep Waiting') };
    const stopFollowing = { iconPath: new vscode.ThemeIcon('debug-disconnect'), tooltip: vscode.l10n.t('Stop Following') };
    const now = Date.now();
    const items: TaskItem[] = this.generation.list().map((record) => ({
      record,
      label: `${record.overdue ? '$(warning)' : icons[record.state]} ${record.input.prompt}`,
      description: `${record.input.modelKey} · ${record.state}${record.progress !== undefined && record.state === 'running' ? ` ${record.progress}%` : ''}${record.pixels ? ` · ${record.pixels}` : ''}`,
      detail: record.error?.message ?? `${formatElapsed((record.finishedAt ?? now) - record.createdAt)}${record.imageUri ? ` · ${vscode.workspace.asRelativePath(vscode.Uri.parse(record.imageUri))}` : ''}`,
      buttons: record.overdue ? [keepWaiting, stopFollowing] : record.state === 'queued' || record.state === 'running' ? [cancel] : record.state === 'succeeded' ? [open, insert, retry] : [record.error?.mayHaveCharged ? retryMayCharge : retry],
    }));
    const pick = vscode.window.createQuickPick<TaskItem>();
    pick.title = vscode.l10n.t('ImageGen Tasks');
    pick.items = items;
    pick.matchOnDescription = true;
    pick.placeholder = items.length === 0 ? vscode.l10n.t('No running or recent tasks.') : vscode.l10n.t('Select a task');
    pick.onDidTriggerItemButton(async ({ item, button }) => {
      pick.hide();
      if (button === cancel) {
        this.generation.cancel(item.record.id);
      } else if (button === keepWaiting) {
        this.generation.keepWaiting(item.record.id);
      } else if (button === stopFollowing) {
        this.generation.stopFollowing(item.record.id);
      } else if (button === retry || button === retryMayCharge) {
        await this.generation.retry(item.record.id);
      } else if (button === open && item.record.imageUri) {
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(item.record.imageUri));
      } else if (button === insert) {
        const editor = vscode.window.activeTextEditor;
        if (editor) {
          await this.generation.insertLink(item.record, editor.document.uri, editor.selection.active);
        }
      }
    });
    pick.onDidAccept(async () => {
      const record = pick.activeItems[0]?.record;
      pick.hide();
      if (record?.imageUri) {
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(record.imageUri));
      }
    });
    pick.onDidHide(() => pick.dispose());
    pick.show();
  }
}
