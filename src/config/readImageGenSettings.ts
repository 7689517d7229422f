// The `imagegen` settings of a scope (a document's folder, or the window), read through VS Code
// and validated by the pure reader in settings.ts. VS Code's markdown.copyFiles.destination is
// passed along when the user has not set imagegen.assetsFolder anywhere.
import * as vscode from 'vscode';
import { readSettings, settingKeys } from './settings';

export function readImageGenSettings(scope?: vscode.Uri): ReturnType<typeof readSettings> {
  const configuration = vscode.workspace.getConfiguration('imagegen', scope);
  // The manifest's defaults stand in for bad values where work must go on (a resumed task).
  return readSettings(
    (key) => configuration.get(key),
    assetsFolderIsSet(configuration) ? undefined : vscode.workspace.getConfiguration('markdown', scope).get('copyFiles.destination'),
    (key) => configuration.inspect(key)?.defaultValue,
  );
}

/** Whether the user chose ImageGen's folder at any level; its default defers to markdown.copyFiles.destination. */
function assetsFolderIsSet(configuration: vscode.WorkspaceConfiguration): boolean {
  const inspected = configuration.inspect(settingKeys.assetsFolder);
  return [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue, inspected?.globalLanguageValue, inspected?.workspaceLanguageValue, inspected?.workspaceFolderLanguageValue].some((value) => value !== undefined);
}
