// The workspace's files as `imagegen unused` scans them, without VS Code's findFiles: every file
// under the folder whose extension is asked for, leaving out node_modules and version-control
// folders, and never following a link to a folder (it could lead out of the workspace, or in a circle).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const skipped = new Set(['node_modules', '.git', '.hg', '.svn']);

/** The files under `folder` with these extensions (lower case, no dot), in the order found. */
export async function workspaceFilesWith(folder: string, extensions: ReadonlySet<string>): Promise<string[]> {
  const found: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue; // A folder that cannot be read links nothing and holds nothing we can list.
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skipped.has(entry.name)) pending.push(join(current, entry.name));
      } else if (entry.isFile()) {
        const dot = entry.name.lastIndexOf('.');
        if (dot > 0 && extensions.has(entry.name.slice(dot + 1).toLowerCase())) found.push(join(current, entry.name));
      }
    }
  }
  return found;
}
