// Where images are saved: `imagegen.assetsFolder` resolved against the document and its
// workspace folder, and refused unless it stays inside that workspace folder.
import { posix } from 'node:path';

export interface AssetsContext {
  /** Absolute POSIX path of the workspace folder that holds the document (or the first one). */
  readonly workspaceFolder: string;
  /** Absolute POSIX path of the document, when there is one. */
  readonly documentPath?: string;
}

export type AssetsResolution = { readonly ok: true; readonly folder: string } | { readonly ok: false; readonly message: string };

/** Containment by path segments, never by string prefix (`/ws-other` is not inside `/ws`). */
export function isInside(parent: string, child: string): boolean {
  const relative = posix.relative(posix.normalize(parent), posix.normalize(child));
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative));
}

export function resolveAssetsFolder(setting: string, context: AssetsContext): AssetsResolution {
  const raw = setting.trim() || 'assets';
  if (raw.startsWith('~')) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" points into the home folder; use a folder inside the workspace, such as "assets".` };
  }
  const documentDir = context.documentPath ? posix.dirname(context.documentPath) : undefined;
  if (/\$\{document(Dir|DirName|BaseName)\}/.test(raw) && !documentDir) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" refers to the document, but no document is open; open one or use a workspace-relative folder.` };
  }
  const documentBaseName = context.documentPath ? posix.basename(context.documentPath).replace(/\.[^.]*$/, '') : '';
  const expanded = raw
    .replace(/\$\{workspaceFolder\}/g, context.workspaceFolder)
    .replace(/\$\{documentDir\}/g, documentDir ?? '')
    .replace(/\$\{documentDirName\}/g, documentDir ?? '')
    .replace(/\$\{documentBaseName\}/g, documentBaseName)
    .replace(/\\/g, '/');
  const folder = posix.normalize(posix.isAbsolute(expanded) ? expanded : posix.join(context.workspaceFolder, expanded)).replace(/\/+$/, '') || '/';
  if (!isInside(context.workspaceFolder, folder)) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" resolves to ${folder}, outside the workspace folder ${context.workspaceFolder}. Images are only written inside the workspace.` };
  }
  return { ok: true, folder };
}

/**
 * The folder as the file system will really resolve it: the deepest existing ancestor is passed
 * through `realpath` (following symlinks) and the rest appended. A symlink inside the workspace
 * that points outside it is refused.
 */
export async function confineRealPath(folder: string, workspaceFolder: string, realpath: (path: string) => Promise<string>, exists: (path: string) => Promise<boolean>): Promise<AssetsResolution> {
  let existing = posix.normalize(folder);
  const rest: string[] = [];
  while (!(await exists(existing)) && existing !== posix.dirname(existing)) {
    rest.unshift(posix.basename(existing));
    existing = posix.dirname(existing);
  }
  const [realWorkspace, realExisting] = await Promise.all([realpath(workspaceFolder), realpath(existing)]);
  const real = posix.join(realExisting, ...rest);
  if (!isInside(realWorkspace, real)) {
    return { ok: false, message: `The assets folder ${folder} leads to ${real} through a symbolic link, outside the workspace folder ${workspaceFolder}. Images are only written inside the workspace.` };
  }
  return { ok: true, folder };
}
