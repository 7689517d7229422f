// The palette's way to choose among candidates (issue 25): a quick pick of one request's
// candidates, each with its image as the item's icon and its file name; Open shows it beside
// (the list stays open to compare), Enter picks it: its link goes where the request's link was to
// go, one undoable edit. Deferred code, loaded when first shown.
import * as vscode from 'vscode';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { GenerationPipeline, PickResult } from '../generation/generationPipeline';

interface CandidateItem extends vscode.QuickPickItem {
  readonly record: TaskRecord;
}

/** The candidates of `group`, or of the latest group when none is given, in their order. */
export function candidatesOf(records: readonly TaskRecord[], group?: string): TaskRecord[] {
  const chosen = group ?? [...records].filter((record) => record.candidate).sort((a, b) => b.createdAt - a.createdAt)[0]?.candidate?.group;
  return chosen === undefined ? [] : records.filter((record) => record.candidate?.group === chosen).sort((a, b) => a.candidate!.index - b.candidate!.index);
}

const fileName = (uri: string) => vscode.Uri.parse(uri).path.split('/').pop() ?? uri;

export class CandidatePicker {
  constructor(private readonly generation: GenerationPipeline) {}

  /** Shows the group's candidates; resolves with what picking did, or undefined when the user left without picking. */
  async show(group?: string): Promise<PickResult | undefined> {
    const candidates = candidatesOf(this.generation.list(), group);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No candidates to pick from yet. On the Generate Image confirmation, choose "Candidates" to make several.'));
      return undefined;
    }
    const open = { iconPath: new vscode.ThemeIcon('go-to-file'), tooltip: vscode.l10n.t('Open') };
    const items: CandidateItem[] = candidates.map((record) => {
      const { index, count, picked } = record.candidate!;
      const ready = record.state === 'succeeded' && record.imageUri !== undefined;
      return {
        record,
        label: ready ? fileName(record.imageUri!) : vscode.l10n.t('Candidate {0} of {1}', index, count),
        description: [`${index}/${count}`, record.pixels, picked ? vscode.l10n.t('picked') : undefined, ready ? undefined : record.state].filter(Boolean).join(' · '),
        detail: record.state === 'failed' ? record.error?.message : record.input.prompt,
        ...(ready ? { iconPath: vscode.Uri.parse(record.imageUri!), buttons: [open] } : {}),
      };
    });
    const quickPick = vscode.window.createQuickPick<CandidateItem>();
    quickPick.title = vscode.l10n.t('Pick a Candidate');
    quickPick.placeholder = vscode.l10n.t('Enter inserts the chosen image where the link was to go; Open shows one beside');
    quickPick.items = items;
    quickPick.ignoreFocusOut = true; // Open moves the focus to the image; the list stays to go on comparing.
    const ready = items.find((item) => item.record.state === 'succeeded' && !item.record.candidate?.picked) ?? items[0];
    if (ready) quickPick.activeItems = [ready];
    return new Promise<PickResult | undefined>((resolve) => {
      let result: PickResult | undefined;
      quickPick.onDidTriggerItemButton(({ item }) => void vscode.commands.executeCommand('vscode.open', vscode.Uri.parse(item.record.imageUri!), { preview: true, preserveFocus: true, viewColumn: vscode.ViewColumn.Beside }));
      quickPick.onDidAccept(async () => {
        const item = quickPick.selectedItems[0];
        if (!item) return;
        if (item.record.state !== 'succeeded') {
          void vscode.window.showInformationMessage(vscode.l10n.t('That candidate has no image ({0}): pick another.', item.record.state));
          return;
        }
        quickPick.busy = true;
        const editor = vscode.window.activeTextEditor;
        result = await this.generation.pick(item.record.id, editor ? { uri: editor.document.uri, at: editor.selection.active } : undefined);
        quickPick.busy = false;
        if (!result.ok) void vscode.window.showWarningMessage(result.message);
        quickPick.hide();
      });
      quickPick.onDidHide(() => {
        quickPick.dispose();
        resolve(result);
      });
      quickPick.show();
    });
  }
}
