import * as vscode from 'vscode';
import { sweepPartFiles } from './partSweeper';

/** Delay before the sweep, so it never competes with the window's start-up. */
const sweepDelayMs = 5_000;

/**
 * Finds `.part` files ImageGen left in the workspace (a window closed or a host crashed mid-write)
 * and removes those older than a day, shortly after start-up.
 */
export function sweepLeftoverParts(log: vscode.LogOutputChannel, globalStorage: vscode.Uri): void {
  setTimeout(() => {
    // Versions before 0.2 downloaded into a staging folder first; whatever they left goes.
    void Promise.resolve(vscode.workspace.fs.delete(vscode.Uri.joinPath(globalStorage, 'staging'), { recursive: true })).catch(() => undefined);
    void (async () => {
      if (!vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) {
        return;
      }
      const found = await vscode.workspace.findFiles('**/.*.part', '**/node_modules/**', 500);
      const swept = await sweepPartFiles(found.filter((uri) => uri.scheme === 'file').map((uri) => uri.fsPath));
      if (swept.length > 0) {
        log.info(`Removed ${swept.length} unfinished image file(s) older than a day: ${swept.map((path) => vscode.workspace.asRelativePath(path)).join(', ')}`);
      }
    })().catch((error: unknown) => log.warn(`Could not sweep unfinished image files: ${error instanceof Error ? error.message : String(error)}`));
  }, sweepDelayMs).unref?.();
}

/**
 * ImageGen starts with the window (so interrupted tasks resume); a workspace it was never used in
 * (`used`: it has tasks) is not searched for leftovers until it is (`firstUse` fires).
 */
export function sweepLeftoverPartsOnceUsed(log: vscode.LogOutputChannel, globalStorage: vscode.Uri, used: boolean, firstUse: (listener: () => void) => vscode.Disposable): vscode.Disposable {
  if (used) {
    sweepLeftoverParts(log, globalStorage);
    return { dispose: () => undefined };
  }
  const waiting = firstUse(() => {
    waiting.dispose();
    sweepLeftoverParts(log, globalStorage);
  });
  return waiting;
}
