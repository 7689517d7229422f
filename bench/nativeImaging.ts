// The bench's baseline: the product's own adapter (src/imaging/sharpImaging.ts) on native sharp, a
// dev dependency for the bench only. The bench build keeps `sharp` external (esbuild.mjs), so here
// node_modules' native binary loads, while dist/imaging.js carries the WebAssembly build.
import type { Imaging } from '../src/imaging/imaging';
import { createImaging } from '../src/imaging/sharpImaging';

export function nativeImaging(): Promise<Imaging> {
  return createImaging();
}
