import { join } from 'node:path';
import type * as Engine from './engine';

let engine: typeof Engine | undefined;

/** Loads dist/engine.js once, on first use; the computed path keeps esbuild from inlining it. */
export function loadEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require(join(__dirname, 'engine.js')) as typeof Engine;
  return engine;
}
