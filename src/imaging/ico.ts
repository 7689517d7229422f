// An .ico whose entries are PNG images (Windows Vista and every browser read them). No library is
// used for the container: the candidates (sharp-ico, to-ico, png-to-ico) pull native sharp or a
// second PNG codec to re-encode what sharp already encoded, and the container is only a 6-byte
// header and a 16-byte directory entry per image in front of the PNGs, unchanged.
import { ImagingError, type IcoEntry } from './imaging';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 24 || pngSignature.some((value, i) => bytes[i] !== value)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function writeIco(pngs: readonly IcoEntry[]): Uint8Array {
  if (pngs.length === 0 || pngs.length > 0xffff) throw new ImagingError('invalidOptions', 'An icon needs at least one image.');
  for (const { size, bytes } of pngs) {
    const actual = pngSize(bytes);
    if (!actual) throw new ImagingError('invalidOptions', `The ${size}×${size} icon entry is not a PNG.`);
    if (!Number.isInteger(size) || size < 1 || size > 256 || actual.width !== size || actual.height !== size) {
      throw new ImagingError('invalidOptions', `An icon entry must be a square PNG of 1–256 pixels; ${size} was given for ${actual.width}×${actual.height}.`);
    }
  }
  const headerBytes = 6 + 16 * pngs.length;
  const total = headerBytes + pngs.reduce((sum, { bytes }) => sum + bytes.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // 1 = icon
  view.setUint16(4, pngs.length, true);
  let offset = headerBytes;
  pngs.forEach(({ size, bytes }, i) => {
    const entry = 6 + 16 * i;
    view.setUint8(entry, size === 256 ? 0 : size); // 0 means 256
    view.setUint8(entry + 1, size === 256 ? 0 : size);
    view.setUint8(entry + 2, 0); // no palette
    view.setUint8(entry + 3, 0);
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, bytes.length, true);
    view.setUint32(entry + 12, offset, true);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}
