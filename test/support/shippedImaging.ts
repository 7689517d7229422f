// The image library ImageGen ships (dist/imaging.js), for tests that read back what a host saved:
// the MCP server's and the command line's finished-output tests decode their files with it, and
// count their pixels' alpha with one reader.
import { join, resolve } from 'node:path';
import type { Imaging } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';

/** The repository, from a test bundle in out/test/<layer>/. */
const root = resolve(__dirname, '..', '..', '..');

export function shippedImaging(): Promise<Imaging> {
  return loadImaging(join(root, 'dist', 'imaging.js'), { inProcess: true });
}

/** How many pixels are fully transparent (alpha 0) and how many fully opaque (alpha 255), of all. */
export async function alphaCounts(bytes: Uint8Array): Promise<{ readonly clear: number; readonly opaque: number; readonly pixels: number }> {
  const raw = await (await shippedImaging()).toRaw(bytes);
  let clear = 0;
  let opaque = 0;
  for (let i = 3; i < raw.data.length; i += 4) {
    if (raw.data[i] === 0) clear++;
    else if (raw.data[i] === 255) opaque++;
  }
  return { clear, opaque, pixels: raw.width * raw.height };
}
