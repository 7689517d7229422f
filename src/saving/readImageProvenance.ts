// Reads an image file's provenance (core/images/imageProvenance.ts decides where it is): a small
// file whole, a large one by its head and tail (PNG text sits right after the header; WebP and
// AVIF keep XMP after the pixels), and the sidecar beside it, bounded, since it is text.
import { open, readFile, stat } from 'node:fs/promises';
import { readImageInfo, type ImageInfo } from '../core/images/imageInfo';
import { imageProvenance } from '../core/images/imageProvenance';
import { provenanceSidecarPath } from '../core/images/provenance';

/** The part of a large file read from each end; ImageGen's text and an XMP packet are a few KB. */
const partBytes = 512 * 1024;

export interface FileProvenance {
  /** ImageGen's entries (prompt, model, parameters, task …); empty for an image it did not make. */
  readonly text: Record<string, string>;
  /** Format and size from the header (PNG, JPEG, WebP); undefined for others (AVIF) or a bad header. */
  readonly info: ImageInfo | undefined;
}

/** The provenance of the image at `file`; undefined when the file cannot be read. */
export async function readImageProvenance(file: string): Promise<FileProvenance | undefined> {
  let parts: Uint8Array[];
  try {
    parts = await headAndTail(file);
  } catch {
    return undefined;
  }
  let info: ImageInfo | undefined;
  try {
    info = readImageInfo(parts[0]!);
  } catch {
    info = undefined;
  }
  return { text: imageProvenance(parts, await sidecarJson(file)), info };
}

async function headAndTail(file: string): Promise<Uint8Array[]> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.subarray(0, bytesRead);
    };
    if (size <= 2 * partBytes) return [await read(0, size)];
    return [await read(0, partBytes), await read(size - partBytes, partBytes)];
  } finally {
    await handle.close();
  }
}

async function sidecarJson(file: string): Promise<string | undefined> {
  try {
    const sidecar = provenanceSidecarPath(file);
    if ((await stat(sidecar)).size > partBytes) return undefined;
    return await readFile(sidecar, 'utf8');
  } catch {
    return undefined;
  }
}
