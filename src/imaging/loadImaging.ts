import { join } from 'node:path';
import { ImagingError, type Imaging } from './imaging';
import { ProcessImaging } from './processImaging';

/** What dist/imaging.js exports (src/imaging/sharpImaging.ts). */
interface ImagingModule {
  createImaging(): Promise<Imaging>;
}

export interface LoadOptions {
  /** In this process instead of a child that ends when idle (its memory then stays for good). */
  readonly inProcess?: boolean;
  /** How long an idle child waits for the next call before it ends and frees its memory. */
  readonly idleMs?: number;
}

const loading = new Map<string, Promise<Imaging>>();

/**
 * Loads dist/imaging.js (sharp's WebAssembly build) on the first conversion: never at activation,
 * and never for a generation that saves the provider's bytes as they are. By default it runs in a
 * child process (processImaging.ts says why). The computed path keeps esbuild from inlining the
 * library into the bundle that calls this (extension, MCP server, command line: all in dist/,
 * beside imaging.js). A failed load is not cached, so a later conversion tries again; its error
 * says which file failed and why.
 */
export function loadImaging(file = join(__dirname, 'imaging.js'), options: LoadOptions = {}): Promise<Imaging> {
  const key = `${options.inProcess ? 'in-process' : `child ${options.idleMs ?? ''}`} ${file}`;
  let pending = loading.get(key);
  if (!pending) {
    pending = options.inProcess ? loadHere(file) : ProcessImaging.start(file, options.idleMs ?? 30_000);
    loading.set(key, pending);
    pending.catch(() => loading.delete(key));
  }
  return pending;
}

async function loadHere(file: string): Promise<Imaging> {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(file) as ImagingModule;
    return await module.createImaging();
  } catch (error) {
    throw new ImagingError('unavailable', `The image library could not be loaded (${file}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
