// The bench's baseline: the product's own adapter (src/imaging/sharpImaging.ts) on native sharp, a
// dev dependency for the bench only. The bench build keeps `sharp` external (esbuild.mjs), so here
// node_modules' native binary loads, while dist/imaging.js carries the WebAssembly build.
import sharp from 'sharp';
import type { Imaging } from '../src/imaging/imaging';
import { imagingWith } from '../src/imaging/sharpImaging';

/** `concurrency`: libvips' threads (sharp.concurrency); absent, sharp's own default. */
export function nativeImaging(concurrency?: number): Promise<Imaging> {
  if (concurrency !== undefined) sharp.concurrency(concurrency);
  return Promise.resolve(imagingWith(sharp, 'native'));
}
