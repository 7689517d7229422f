// The question asked when a task passes its deadline while the provider still reports it running:
// dropping it silently would leave the user paying for an image they never see.
import * as vscode from 'vscode';
import { truncateText } from '../core/text';

export type OverdueChoice = 'keepWaiting' | 'stopFollowing';

export async function askAboutOverdueTask(prompt: string, providerName: string, waitedMs: number): Promise<OverdueChoice | undefined> {
  const keep = vscode.l10n.t('Keep Waiting');
  const stop = vscode.l10n.t('Stop Following');
  const minutes = Math.max(1, Math.round(waitedMs / 60_000));
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} is still working on "{1}" after {2} min. It may still finish and be charged. ImageGen keeps checking, less often, until you decide.', providerName, truncateText(prompt, 80), minutes),
    keep,
    stop,
  );
  return choice === keep ? 'keepWaiting' : choice === stop ? 'stopFollowing' : undefined;
}
