// Real, decodable PNG files of an exact pixel size. Gradients compress well and encode fast
// (Sub filter: a row is almost all zeros); noise is incompressible, for large-file tests; a
// transparent one (RGBA) is what OpenAI sends for `background: transparent`.
import { randomFillSync } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

function header(width: number, height: number, colourType: 2 | 6 = 2): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = colourType; // 2 truecolour RGB, 6 truecolour with alpha
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)]);
}

function textChunks(text: Record<string, string>): Buffer[] {
  return Object.entries(text).map(([key, value]) => chunk('tEXt', Buffer.from(`${key}\0${value}`, 'latin1')));
}

/** A horizontal/vertical colour gradient: red grows left to right, green top to bottom. */
export function gradientPng(width: number, height: number, text: Record<string, string> = {}): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    raw[row] = 1; // Sub filter: each byte is stored as the difference to the pixel on its left.
    raw[row + 1] = 0;
    raw[row + 2] = Math.floor((y * 255) / Math.max(1, height - 1));
    raw[row + 3] = 160;
    let previousRed = 0;
    for (let x = 1; x < width; x++) {
      const red = Math.floor((x * 255) / Math.max(1, width - 1));
      raw[row + 1 + x * 3] = red - previousRed;
      previousRed = red;
    }
  }
  return Buffer.concat([header(width, height), ...textChunks(text), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * A subject on a truly transparent background (colour type 6): a centred disc (the gradient's
 * colours, opaque) with a one-pixel soft edge (alpha between 0 and 255), and every pixel outside
 * it transparent black (alpha 0). Filter None: outside the disc a row is all zeros.
 */
export function transparentPng(width: number, height: number): Buffer {
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(stride * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const radius = Math.min(width, height) * 0.3;
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    if (Math.abs(dy) > radius + 1) continue; // A row of transparent pixels: left at zero.
    const reach = Math.sqrt((radius + 1) ** 2 - dy * dy);
    const row = y * stride;
    const green = Math.floor((y * 255) / Math.max(1, height - 1));
    for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(width - 1, Math.ceil(cx + reach)); x++) {
      const distance = Math.hypot(x - cx, dy);
      const alpha = Math.round(Math.min(1, Math.max(0, radius + 0.5 - distance)) * 255);
      if (alpha === 0) continue;
      const at = row + 1 + x * 4;
      raw[at] = Math.floor((x * 255) / Math.max(1, width - 1));
      raw[at + 1] = green;
      raw[at + 2] = 160;
      raw[at + 3] = alpha;
    }
  }
  return Buffer.concat([header(width, height, 6), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * What a model paints when a prompt asks for its subject "on a plain, uniform, solid white
 * background": a centred disc in the gradient's colours with a soft edge, on flat white (RGB, no
 * alpha) with a faint ±3 grain, as a model's "pure white" is never exactly 255 everywhere.
 */
export function flatBackgroundPng(width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const radius = Math.min(width, height) * 0.3;
  let seed = 11;
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const grain = (seed >>> 29) - 3;
      const cover = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(x - cx, y - cy)));
      const subject = [Math.floor((x * 255) / Math.max(1, width - 1)), Math.floor((y * 255) / Math.max(1, height - 1)), 160];
      for (let c = 0; c < 3; c++) raw[row + 1 + x * 3 + c] = Math.max(0, Math.min(255, Math.round(subject[c]! * cover + (252 + grain) * (1 - cover))));
    }
  }
  return Buffer.concat([header(width, height), chunk('IDAT', deflateSync(raw, { level: 1 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Whether a prompt asks for a flat background a caller can key out. */
export const asksForFlatBackground = (prompt: string) => /plain,? uniform,? solid (pure )?white background/i.test(prompt);

/** Incompressible pixels: the file is about width × height × 3 bytes. */
export function noisePng(width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.alloc(stride * height);
  randomFillSync(raw);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0;
  }
  return Buffer.concat([header(width, height), chunk('IDAT', deflateSync(raw, { level: 0 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The smallest square noise PNG of at least `bytes` bytes. */
export function noisePngOfSize(bytes: number): Buffer {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  return noisePng(side, side);
}
