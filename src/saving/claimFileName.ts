// Gives a finished `.part` its image name without ever replacing a file: the first free name
// (`base.png`, `base-2.png` …) is claimed atomically.
import * as fsPromises from 'node:fs/promises';
import { constants } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { candidateFileName, counterMark } from '../core/assets/fileName';
import { renameWithRetry } from './renameWithRetry';

export interface NamingCalls {
  link(existing: string, created: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Copies `from` to a new file `to`, failing with EEXIST rather than replacing one. */
  copy(from: string, to: string): Promise<void>;
}

export const realNaming: NamingCalls = {
  link: (a, b) => fsPromises.link(a, b),
  rename: (a, b) => fsPromises.rename(a, b),
  copy: (a, b) => fsPromises.copyFile(a, b, constants.COPYFILE_EXCL),
};

const maxNameAttempts = 10_000;

export interface ClaimRequest {
  readonly partPath: string;
  readonly folder: string;
  readonly baseName: string;
  readonly extension: string;
  readonly naming: NamingCalls;
}

/**
 * Gives the finished `.part` the first free name. If neither a link nor a rename can name it (a
 * scanner holding the file, a share refusing renames), the bytes are copied to the first free name
 * instead: the image was paid for, so it gets a visible name and a history entry, not a hidden
 * `.part` the user must find. Only when even that fails is the `.part` kept — the only copy — and
 * the error (`unnamed`) says where it is; the start-up sweep leaves complete images alone.
 */
export async function claimFileName(request: ClaimRequest, unnamed: (error: unknown) => Error): Promise<string> {
  try {
    return await linkOrRename(request);
  } catch (error) {
    return copyToFreeName(request).catch(() => Promise.reject(unnamed(error)));
  }
}

async function copyToFreeName({ partPath, folder, baseName, extension, naming }: ClaimRequest): Promise<string> {
  for (let attempt = 1; attempt <= maxNameAttempts; attempt++) {
    const candidate = join(folder, candidateFileName(baseName, extension, attempt));
    try {
      await naming.copy(partPath, candidate);
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
  }
  throw new Error('no free file name');
}

/**
 * Links the finished `.part` to the first name that does not exist. link() fails with EEXIST
 * instead of replacing, so two tasks finishing at once can never take the same name. Where the
 * file system has no hard links, the name is claimed by creating it exclusively and the `.part`
 * renamed over that empty claim (any link error but EEXIST counts as "no hard links": FAT and
 * exFAT answer EISDIR, SMB shares EPERM).
 */
async function linkOrRename({ partPath, folder, baseName, extension, naming }: ClaimRequest): Promise<string> {
  let hardLinks = true;
  for (let attempt = 1; attempt <= maxNameAttempts; attempt++) {
    const candidate = join(folder, candidateFileName(baseName, extension, attempt));
    if (hardLinks) {
      try {
        await naming.link(partPath, candidate);
        return candidate;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          continue;
        }
        hardLinks = false;
      }
    }
    try {
      await (await open(candidate, 'wx')).close();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        continue;
      }
      throw error;
    }
    try {
      // Any refusal is tried again (a share's rename errors are not only the held-file codes).
      await renameWithRetry(partPath, candidate, naming.rename, () => true);
      return candidate;
    } catch (error) {
      await unlink(candidate).catch(() => undefined); // The empty claim, never an image.
      throw error;
    }
  }
  throw new Error(`no free file name for ${baseName.replaceAll(counterMark, 'n')}.${extension}`);
}
