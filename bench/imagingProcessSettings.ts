// The imaging child with the bench's settings: loadImaging forks this file as its child (the
// product's ProcessImaging, unchanged; the marker on the command line makes dist/imaging.js serve), which loads dist/imaging.js exactly as shipped and then sets
// libvips' thread count on the same WebAssembly module (require's cache gives dist/imaging.js's own
// instance) before the first call arrives. IMAGEGEN_BENCH_CONCURRENCY: a number; unset, as shipped.
import { join } from 'node:path';

const dist = join(__dirname, '..', '..', 'dist');
// eslint-disable-next-line @typescript-eslint/no-require-imports
require(join(dist, 'imaging.js'));
const concurrency = process.env.IMAGEGEN_BENCH_CONCURRENCY;
if (concurrency) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(join(dist, 'sharp-wasm32', 'sharp.node.js')) as { concurrency(value: number | null): number }).concurrency(Number(concurrency));
}
