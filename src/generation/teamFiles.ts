// The team's file, .vscode/imagegen.json, as each workspace folder has it on disk: one reader for
// the budget, the status bar's cheap "may a budget be set" at activation and the presets store.
// Light on purpose (no jsonc-parser): activation loads it. What is in the file is the readers' own
// business; this one only tells a file that is not there from one that cannot be read.
import * as vscode from 'vscode';
import { presetsFileName } from '../core/presets/presetsFile';

export type TeamFileRead =
  | { readonly state: 'absent'; readonly uri: vscode.Uri }
  | { readonly state: 'read'; readonly uri: vscode.Uri; readonly text: string }
  /** There, but not readable (a directory, no permission, a broken remote): never "no file". */
  | { readonly state: 'unreadable'; readonly uri: vscode.Uri; readonly why: string };

export function teamFileOf(folder: vscode.WorkspaceFolder): vscode.Uri {
  return vscode.Uri.joinPath(folder.uri, ...presetsFileName.split('/'));
}

/** The file as users name it: `.vscode/imagegen.json`, with its folder's name in a multi-root workspace. */
export function teamFileName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

export async function readTeamFile(uri: vscode.Uri): Promise<TeamFileRead> {
  try {
    return { state: 'read', uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return { state: 'absent', uri };
    return { state: 'unreadable', uri, why: error instanceof Error ? error.message : String(error) };
  }
}

/** Every workspace folder's team file, in the folders' order. */
export async function readTeamFiles(): Promise<readonly TeamFileRead[]> {
  return Promise.all((vscode.workspace.workspaceFolders ?? []).map((folder) => readTeamFile(teamFileOf(folder))));
}
