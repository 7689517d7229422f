// Decodes a PNG far enough to prove it is a whole, valid image: signature, every chunk's CRC,
// IHDR, IEND, and the inflated IDAT stream of exactly the size the header promises (8-bit RGB
// or RGBA, no interlace, as the simulator and OpenAI write them). Returns the scanlines.
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** The filtered scanlines: equal for two files of the same pixels from the same encoder. */
  readonly scanlines: Buffer;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(bytes: Uint8Array): DecodedPng {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!file.subarray(0, 8).equals(signature)) throw new Error('not a PNG signature');
  let offset = 8;
  let header: { width: number; height: number; channels: number } | undefined;
  const idat: Buffer[] = [];
  for (;;) {
    if (offset + 12 > file.length) throw new Error('the PNG ends before IEND');
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    if (offset + 12 + length > file.length) throw new Error(`the ${type} chunk is cut off`);
    if ((crc32(file.subarray(offset + 4, offset + 8 + length)) >>> 0) !== file.readUInt32BE(offset + 8 + length)) throw new Error(`bad CRC in ${type}`);
    offset += 12 + length;
    if (type === 'IHDR') {
      const colourType = data[9];
      if (data[8] !== 8 || (colourType !== 2 && colourType !== 6) || data[12] !== 0) throw new Error('unsupported PNG layout');
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), channels: colourType === 6 ? 4 : 3 };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  if (!header) throw new Error('no IHDR');
  const scanlines = inflateSync(Buffer.concat(idat));
  if (scanlines.length !== header.height * (1 + header.width * header.channels)) throw new Error('IDAT does not hold the pixels IHDR promises');
  return { width: header.width, height: header.height, scanlines };
}
