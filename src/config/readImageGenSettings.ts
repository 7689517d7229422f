// The `imagegen` settings of a scope (a document's folder, or the window), read through VS Code
// and validated by the pure reader in settings.ts.
import * as vscode from 'vscode';
import { readSettings } from './settings';

export function readImageGenSettings(scope?: vscode.Uri): ReturnType<typeof readSettings> {
  const configuration = vscode.workspace.getConfiguration('imagegen', scope);
  return readSettings((key) => configuration.get(key));
}
