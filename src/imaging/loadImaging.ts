import { join } from 'node:path';
import { ImagingError, type Imaging } from './imaging';

/** What dist/imaging.js exports (src/imaging/sharpImaging.ts). */
interface ImagingModule {
  createImaging(): Promise<Imaging>;
}

let loading: Promise<Imaging> | undefined;

/**
 * Requires dist/imaging.js (sharp's WebAssembly build, ~9 MB of wasm) once, on the first
 * conversion: never at activation, and never in a generation that saves the provider's bytes as
 * they are. The computed path keeps esbuild from inlining it into the bundle that calls this.
 * A failed load is not cached, so a later conversion tries again; its error says what failed.
 */
export function loadImaging(file = join(__dirname, 'imaging.js')): Promise<Imaging> {
  loading ??= (async () => {
    let module: ImagingModule;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      module = require(file) as ImagingModule;
      return await module.createImaging();
    } catch (error) {
      throw new ImagingError('unavailable', `The image library could not be loaded (${file}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}
