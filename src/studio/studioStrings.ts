import * as vscode from 'vscode';

/** Localized strings for the webview: it cannot call `vscode.l10n` itself. */
export function studioStrings(): Record<string, string> {
  return {
    tasksHeading: vscode.l10n.t('Tasks'),
    noTasks: vscode.l10n.t('No running or recent tasks.'),
    showTasks: vscode.l10n.t('Show Tasks'),
    commandFailed: vscode.l10n.t('The command failed: {0}'),
  };
}
