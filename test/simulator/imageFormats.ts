// Small images in the other formats an image host may send, built here from the formats' own
// specifications (nothing from src): a baseline JPEG of one flat grey (one-symbol Huffman tables:
// every 8x8 block is "DC diff 0, EOB"), a lossless WebP (VP8L) of one colour (single-symbol
// prefix codes: the pixels take no bits at all), and an AVIF-shaped ISO-BMFF container (ftyp,
// meta, mdat) whose boxes are right but whose payload is not a real AV1 frame.

export type SimImageFormat = 'png' | 'jpeg' | 'webp' | 'avif';

function segment(marker: number, body: number[]): Buffer {
  const length = body.length + 2;
  return Buffer.from([0xff, marker, length >> 8, length & 0xff, ...body]);
}

/** A decodable baseline greyscale JPEG of `width` x `height`, flat mid-grey. */
export function flatJpeg(width: number, height: number): Buffer {
  const app0 = segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const dqt = segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]);
  const sof = segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]);
  // One code of length 1 in each table: DC symbol 0 (no difference), AC symbol 0x00 (end of block).
  const counts = [1, ...new Array<number>(15).fill(0)];
  const dhtDc = segment(0xc4, [0x00, ...counts, 0x00]);
  const dhtAc = segment(0xc4, [0x10, ...counts, 0x00]);
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  // Two zero bits a block; the last byte is padded with ones, as the standard asks.
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = Buffer.alloc(Math.ceil(bits / 8));
  if (bits % 8 !== 0) scan[scan.length - 1] = 0xff >> (bits % 8);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, dqt, sof, dhtDc, dhtAc, sos, scan, Buffer.from([0xff, 0xd9])]);
}

/** Writes bits least significant first, as VP8L reads them. */
class BitWriter {
  private readonly bytes: number[] = [];
  private bit = 0;
  write(value: number, count: number): void {
    for (let i = 0; i < count; i++) {
      if (this.bit === 0) this.bytes.push(0);
      this.bytes[this.bytes.length - 1]! |= ((value >>> i) & 1) << this.bit;
      this.bit = (this.bit + 1) % 8;
    }
  }
  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

function riffChunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(type, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data, data.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/**
 * A decodable lossless WebP of `width` x `height` in one colour; with `xmp`, in the extended
 * format (VP8X, then the image, then an XMP chunk), as a host that keeps metadata sends it.
 */
export function flatWebp(width: number, height: number, xmp?: string, [red, green, blue] = [200, 120, 40]): Buffer {
  const bits = new BitWriter();
  bits.write(0x2f, 8); // VP8L signature
  bits.write(width - 1, 14);
  bits.write(height - 1, 14);
  bits.write(0, 1); // no alpha
  bits.write(0, 3); // version 0
  bits.write(0, 1); // no transform
  bits.write(0, 1); // no colour cache
  bits.write(0, 1); // no meta prefix codes
  // Five simple prefix codes of one 8-bit symbol each: green, red, blue, alpha, distance.
  for (const symbol of [green, red, blue, 255, 0]) {
    bits.write(1, 1); // simple code
    bits.write(0, 1); // one symbol
    bits.write(1, 1); // an 8-bit symbol
    bits.write(symbol, 8);
  }
  const chunks = [riffChunk('VP8L', bits.buffer())];
  if (xmp !== undefined) {
    const vp8x = Buffer.alloc(10);
    vp8x[0] = 0x04; // XMP present
    vp8x.writeUIntLE(width - 1, 4, 3);
    vp8x.writeUIntLE(height - 1, 7, 3);
    chunks.unshift(riffChunk('VP8X', vp8x));
    chunks.push(riffChunk('XMP ', Buffer.from(xmp, 'utf8')));
  }
  const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), ...chunks]);
  const header = Buffer.alloc(8);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body]);
}

function box(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + data.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, data]);
}

/** An AVIF file's top-level boxes (ftyp, meta with the image's size, mdat); the payload is filler, not AV1. */
export function avifContainer(width: number, height: number, payloadBytes = 4096): Buffer {
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('avif', 'latin1'), Buffer.alloc(4), Buffer.from('avifmif1miaf', 'latin1')]));
  const ispeData = Buffer.alloc(12);
  ispeData.writeUInt32BE(width, 4);
  ispeData.writeUInt32BE(height, 8);
  const meta = box('meta', Buffer.concat([Buffer.alloc(4), box('hdlr', Buffer.concat([Buffer.alloc(8), Buffer.from('pict', 'latin1'), Buffer.alloc(13)])), box('iprp', box('ipco', box('ispe', ispeData)))]));
  return Buffer.concat([ftyp, meta, box('mdat', Buffer.alloc(payloadBytes, 0x5a))]);
}
