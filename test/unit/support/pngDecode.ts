// Decodes a PNG far enough to prove it is a whole, valid image: signature, every chunk's CRC,
// IHDR, IEND, and the inflated IDAT stream of exactly the size the header promises (8-bit RGB
// or RGBA, no interlace, as the simulator and OpenAI write them). Returns the scanlines.
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedPng {
  readonly width: number;
  readonly height: number;
  /** IHDR's colour type: 2 truecolour RGB, 6 truecolour with alpha (RGBA). */
  readonly colourType: 2 | 6;
  /** The filtered scanlines: equal for two files of the same pixels from the same encoder. */
  readonly scanlines: Buffer;
}

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function decodePng(bytes: Uint8Array): DecodedPng {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!file.subarray(0, 8).equals(signature)) throw new Error('not a PNG signature');
  let offset = 8;
  let header: { width: number; height: number; channels: number; colourType: 2 | 6 } | undefined;
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
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), channels: colourType === 6 ? 4 : 3, colourType };
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
  }
  if (!header) throw new Error('no IHDR');
  const scanlines = inflateSync(Buffer.concat(idat));
  if (scanlines.length !== header.height * (1 + header.width * header.channels)) throw new Error('IDAT does not hold the pixels IHDR promises');
  return { width: header.width, height: header.height, colourType: header.colourType, scanlines };
}

/** The pixels with every row's filter undone (PNG's five filters), 3 or 4 bytes a pixel, no filter bytes. */
export function unfilteredPixels(png: DecodedPng): Buffer {
  const channels = png.colourType === 6 ? 4 : 3;
  const rowBytes = png.width * channels;
  const out = Buffer.alloc(rowBytes * png.height);
  for (let y = 0; y < png.height; y++) {
    const filter = png.scanlines[y * (rowBytes + 1)]!;
    const line = png.scanlines.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const left = i >= channels ? out[row + i - channels]! : 0;
      const up = y > 0 ? out[row - rowBytes + i]! : 0;
      const upLeft = y > 0 && i >= channels ? out[row - rowBytes + i - channels]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter}`);
      out[row + i] = (line[i]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
