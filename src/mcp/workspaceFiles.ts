// The standalone server's reads and writes, confined to its workspace folder by the same rules as
// the extension: paths relative to the workspace (checked in core/agent), real paths compared with
// the platform's rules (a link that leads out is refused), references that are images.
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { confineRealPath, isInside } from '../core/assets/assetsFolder';
import { fileSystem } from '../saving/realFileSystem';
import { pathRules } from '../saving/pathRules';
import type { ProviderId } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { megabytes, referenceDataUri, referenceFits, referenceMegabytes } from '../saving/referenceImage';

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

/** A reference image as `provider` gets it: a data URI of a file inside the workspace that is an image, within its size limit. */
export async function readWorkspaceReference(workspace: string, relative: string, provider: ProviderId): Promise<string> {
  const file = join(workspace, ...relative.split('/'));
  let real: string;
  try {
    real = await fileSystem.realpath(file);
  } catch {
    throw new WorkspacePathError(`The reference image ${relative} does not exist in the workspace.`);
  }
  if (!isInside(workspace, real, pathRules)) {
    throw new WorkspacePathError(`The reference image ${relative} leads outside the workspace (a link); only files inside it are sent.`);
  }
  const { size } = await stat(real);
  if (!referenceFits(provider, size)) {
    throw new WorkspacePathError(`The reference image ${relative} (${megabytes(size)} MB) is too large: ${providerNames[provider]} takes reference images up to ${referenceMegabytes[provider]} MB.`);
  }
  const dataUri = referenceDataUri(await readFile(real));
  if (!dataUri) {
    throw new WorkspacePathError(`The reference ${relative} is not an image; only PNG, JPEG or WebP files are sent.`);
  }
  return dataUri;
}
