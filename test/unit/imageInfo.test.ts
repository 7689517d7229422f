import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readImageInfo, sniffFormat } from '../../src/core/images/imageInfo';
import { gradientPng } from '../simulator/png';

function jpegHeader(width: number, height: number): Buffer {
  // SOI, an APP0 segment to skip, then SOF0 with the frame size.
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

function webp(chunk: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(32, 4);
  b.write('WEBP', 8, 'latin1');
  b.write(chunk, 12, 'latin1');
  if (chunk === 'VP8 ') {
    b.set([0x9d, 0x01, 0x2a], 23);
    b.writeUInt16LE(width, 26);
    b.writeUInt16LE(height, 28);
  } else if (chunk === 'VP8L') {
    b[20] = 0x2f;
    b.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  } else {
    b.writeUIntLE(width - 1, 24, 3);
    b.writeUIntLE(height - 1, 27, 3);
  }
  return b;
}

test('PNG: the real size comes from IHDR', () => {
  assert.deepEqual(readImageInfo(gradientPng(37, 21)), { format: 'png', width: 37, height: 21 });
});

test('JPEG: segments before the frame header are skipped; a short head asks for more bytes', () => {
  const header = jpegHeader(1672, 941);
  assert.deepEqual(readImageInfo(header), { format: 'jpeg', width: 1672, height: 941 });
  assert.equal(readImageInfo(header.subarray(0, 10)), undefined);
});

test('WebP: lossy, lossless and extended headers', () => {
  assert.deepEqual(readImageInfo(webp('VP8 ', 1536, 864)), { format: 'webp', width: 1536, height: 864 });
  assert.deepEqual(readImageInfo(webp('VP8L', 1254, 1254)), { format: 'webp', width: 1254, height: 1254 });
  assert.deepEqual(readImageInfo(webp('VP8X', 3840, 2160)), { format: 'webp', width: 3840, height: 2160 });
});

test('anything else is not an image; corrupt headers throw', () => {
  assert.equal(sniffFormat(Buffer.from('<!DOCTYPE html><html>')), undefined);
  assert.equal(sniffFormat(Buffer.from('GIF89a......')), undefined);
  const png = gradientPng(4, 4);
  png.write('XXXX', 12, 'latin1');
  assert.throws(() => readImageInfo(png), /IHDR/);
  const zero = gradientPng(4, 4);
  zero.writeUInt32BE(0, 16);
  assert.throws(() => readImageInfo(zero), /implausible/);
});
