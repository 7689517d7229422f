// Recognizes PNG, JPEG and WebP by their magic bytes and reads the real pixel size from the
// header, so a file is never trusted by its name or the provider's word.

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ImageInfo {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

export const imageExtensions: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp' };

/** The format implied by the first bytes, or undefined; needs at most 12 bytes. */
export function sniffFormat(head: Uint8Array): ImageFormat | undefined {
  if (head.length >= 8 && head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47 && head[4] === 0x0d && head[5] === 0x0a && head[6] === 0x1a && head[7] === 0x0a) {
    return 'png';
  }
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return 'jpeg';
  }
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') {
    return 'webp';
  }
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);

/** The image's MIME type from its bytes (AVIF is an ISO-BMFF file whose brand says so); PNG when unknown. */
export function imageMimeType(bytes: Uint8Array): string {
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 12)) === 'ftypavif') return 'image/avif';
  return `image/${sniffFormat(bytes.subarray(0, 64)) ?? 'png'}`;
}

/**
 * Width and height from the header bytes. Returns undefined when `head` is too short to tell
 * (call again with more bytes) and throws when the header is malformed.
 */
export function readImageInfo(head: Uint8Array): ImageInfo | undefined {
  const format = sniffFormat(head);
  switch (format) {
    case 'png':
      if (head.length < 24) {
        return undefined;
      }
      if (ascii(head, 12, 4) !== 'IHDR') {
        throw new Error('PNG without an IHDR header');
      }
      return checked({ format, width: u32be(head, 16), height: u32be(head, 20) });
    case 'jpeg':
      return readJpeg(head);
    case 'webp':
      return readWebp(head);
    default:
      return undefined;
  }
}

function checked(info: ImageInfo): ImageInfo {
  if (info.width <= 0 || info.height <= 0 || info.width > 65_535 || info.height > 65_535) {
    throw new Error(`implausible image size ${info.width}x${info.height}`);
  }
  return info;
}

function readJpeg(b: Uint8Array): ImageInfo | undefined {
  let i = 2;
  while (true) {
    if (i + 4 > b.length) {
      return undefined;
    }
    if (b[i] !== 0xff) {
      throw new Error('JPEG marker expected');
    }
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // Fill byte.
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      i += 2;
      continue;
    }
    const length = u16be(b, i + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > b.length) {
        return undefined;
      }
      return checked({ format: 'jpeg', height: u16be(b, i + 5), width: u16be(b, i + 7) });
    }
    if (marker === 0xd9 || marker === 0xda) {
      throw new Error('JPEG without a frame header');
    }
    i += 2 + length;
  }
}

function readWebp(b: Uint8Array): ImageInfo | undefined {
  if (b.length < 30) {
    return undefined;
  }
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) {
      throw new Error('WebP VP8 frame tag missing');
    }
    return checked({ format: 'webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff });
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) {
      throw new Error('WebP VP8L signature missing');
    }
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return checked({ format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
  }
  if (chunk === 'VP8X') {
    return checked({ format: 'webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 });
  }
  throw new Error(`unknown WebP chunk ${chunk}`);
}
