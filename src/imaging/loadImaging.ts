import { join } from 'node:path';
import { ImagingError, type Imaging } from './imaging';

/** What dist/imaging.js exports (src/imaging/sharpImaging.ts). */
interface ImagingModule {
  createImaging(): Promise<Imaging>;
}

const loading = new Map<string, Promise<Imaging>>();

/**
 * Requires dist/imaging.js (sharp's WebAssembly build) once, on the first conversion: never at
 * activation, and never for a generation that saves the provider's bytes as they are. The computed
 * path keeps esbuild from inlining the library into the bundle that calls this (extension, MCP
 * server, command line: all in dist/, beside imaging.js). A failed load is not cached, so a later
 * conversion tries again; its error says which file failed and why.
 */
export function loadImaging(file = join(__dirname, 'imaging.js')): Promise<Imaging> {
  let pending = loading.get(file);
  if (!pending) {
    pending = (async () => {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(file) as ImagingModule;
        return await module.createImaging();
      } catch (error) {
        throw new ImagingError('unavailable', `The image library could not be loaded (${file}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    })();
    loading.set(file, pending);
    pending.catch(() => loading.delete(file));
  }
  return pending;
}
