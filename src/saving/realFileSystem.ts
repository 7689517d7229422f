// The real file system as the containment check sees it (`RealFileSystem` in core/assets).
import { realpath as realpathCallback } from 'node:fs';
import { access, realpath } from 'node:fs/promises';
import type { RealFileSystem } from '../core/assets/assetsFolder';

/**
 * Node's native realpath fails with EISDIR on some Windows drives (RAM disks, some virtual and
 * network drives); its JavaScript implementation walks the path itself and works there.
 */
async function realpathOnAnyDrive(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'UNKNOWN' && code !== 'EPERM') {
      throw error;
    }
    return new Promise((resolve, reject) => realpathCallback(path, (failure, resolved) => (failure ? reject(failure) : resolve(resolved))));
  }
}

export const fileSystem: RealFileSystem = { realpath: realpathOnAnyDrive, exists: (p: string) => access(p).then(() => true, () => false) };
