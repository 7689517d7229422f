// The standalone server's reads and writes, confined to its workspace folder by the same rules as
// the extension: paths relative to the workspace (checked in core/agent), real paths compared with
// the platform's rules (a link that leads out is refused). References are read by the engine's
// one reader (engine/referenceReader.ts) through hosts/standalone's workspace files.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { confineRealPath } from '../core/assets/assetsFolder';
import { fileSystem } from '../saving/realFileSystem';
import { pathRules } from '../saving/pathRules';

/** A problem with a path the caller gave: said to the agent as it is. */
export class WorkspacePathError extends Error {
  override readonly name = 'WorkspacePathError';
}

/** The workspace's real path; the server refuses to start without one. */
export async function realWorkspace(folder: string): Promise<string> {
  try {
    const real = await fileSystem.realpath(folder);
    if (!(await stat(real)).isDirectory()) throw new Error('not a folder');
    return real;
  } catch {
    throw new WorkspacePathError(`--workspace ${folder} is not a folder that exists.`);
  }
}

/** The folder an image is saved into, `relative` to the workspace (checked, `/` separated), created if needed. */
export async function outputFolder(workspace: string, relative: string): Promise<string> {
  const folder = join(workspace, ...relative.split('/').filter((part) => part !== '' && part !== '.'));
  const confined = await confineRealPath(folder, workspace, fileSystem, pathRules);
  if (!confined.ok) throw new WorkspacePathError(confined.message);
  await mkdir(folder, { recursive: true });
  return folder;
}
