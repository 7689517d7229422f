// Whether an image's bytes reached the format's end (core/images/imageCompleteness.ts), fed as a
// stream: every cut short of the end is refused, the whole file passes whatever the chunking.
// Fixtures are built inline from the formats' specifications.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { completenessFormatOf, completenessTracker, type CompletenessFormat } from '../../src/core/images/imageCompleteness';

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed) >>> 0, 8 + data.length);
  return out;
}

const ihdr = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0]);
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', ihdr), pngChunk('tEXt', Buffer.from('prompt\0a fox')), pngChunk('IDAT', deflateSync(Buffer.alloc(6))), pngChunk('IEND', Buffer.alloc(0))]);

const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
// An EXIF-like APP1 holding a thumbnail with its own SOI…EOI: that EOI is not the file's end.
const thumbnail = [0xff, 0xd8, 0xff, 0xd9];
const jpeg = Buffer.from([
  0xff, 0xd8,
  ...seg(0xe1, [0x45, 0x78, 0x69, 0x66, 0, 0, ...thumbnail]),
  ...seg(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]),
  ...seg(0xc4, [0x00, 1, ...new Array<number>(15).fill(0), 0x00]),
  ...seg(0xda, [1, 1, 0x00, 0, 63, 0]),
  // Scan data with a stuffed FF00 and a restart marker: neither ends the image.
  0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0x00, 0x78,
  0xff, 0xd9,
]);

// 'RIFF' size 'WEBP' 'VP8L' and a lossless one-colour 30x20 bitstream.
const webp = Buffer.from('524946461a000000574542505650384c0d0000002f1dc00400285e918bd2ff020000', 'hex');

function isoBox(type: string, data: Buffer, { large = false, toEnd = false } = {}): Buffer {
  const header = Buffer.alloc(large ? 16 : 8);
  header.writeUInt32BE(toEnd ? 0 : large ? 1 : 8 + data.length, 0);
  header.write(type, 4, 'latin1');
  if (large) header.writeBigUInt64BE(BigInt(16 + data.length), 8);
  return Buffer.concat([header, data]);
}
const ftyp = isoBox('ftyp', Buffer.from('avif\0\0\0\0avifmif1', 'latin1'));
const meta = isoBox('meta', Buffer.alloc(40, 1));
const avif = Buffer.concat([ftyp, meta, isoBox('mdat', Buffer.alloc(300, 2))]);

function verdictOf(format: CompletenessFormat, bytes: Buffer, chunkSize = bytes.length) {
  const tracker = completenessTracker(format);
  for (let offset = 0; offset < bytes.length; offset += chunkSize) tracker.push(bytes.subarray(offset, offset + chunkSize));
  assert.equal(tracker.bytes, bytes.length);
  return tracker.verdict();
}

/** The whole file passes in one piece, byte by byte and split at every offset; every shorter prefix fails. */
function assertEndsExactly(format: CompletenessFormat, bytes: Buffer, missing: RegExp, end = bytes.length): void {
  assert.deepEqual(verdictOf(format, bytes), { complete: true });
  assert.deepEqual(verdictOf(format, bytes, 1), { complete: true });
  for (let split = 1; split < bytes.length; split++) {
    const tracker = completenessTracker(format);
    tracker.push(bytes.subarray(0, split));
    tracker.push(bytes.subarray(split));
    assert.deepEqual(tracker.verdict(), { complete: true }, `split at ${split}`);
  }
  for (let cut = 0; cut < end; cut++) {
    const verdict = verdictOf(format, bytes.subarray(0, cut), 3);
    assert.equal(verdict.complete, false, `cut at ${cut} of ${bytes.length}`);
    if (cut > 40 && !verdict.complete) assert.match(verdict.missing, missing);
  }
}

test('each format is told from its first bytes, AVIF by its ftyp brand', () => {
  assert.equal(completenessFormatOf(png), 'png');
  assert.equal(completenessFormatOf(jpeg), 'jpeg');
  assert.equal(completenessFormatOf(webp), 'webp');
  assert.equal(completenessFormatOf(avif), 'avif');
  assert.equal(completenessFormatOf(Buffer.from('<!DOCTYPE html><html>')), undefined);
});

test('PNG ends with its IEND chunk (and its CRC); anything after it is not needed', () => {
  assertEndsExactly('png', png, /no IEND chunk|IEND chunk is cut short/);
  assert.deepEqual(verdictOf('png', Buffer.concat([png, Buffer.from('trailing')])), { complete: true });
  const withoutEnd = png.subarray(0, png.length - 12);
  assert.deepEqual(verdictOf('png', withoutEnd), { complete: false, missing: 'no IEND chunk' });
});

test('JPEG ends with the EOI after its scan: a thumbnail\'s EOI inside a segment, stuffed FF00 and restart markers do not end it', () => {
  assertEndsExactly('jpeg', jpeg, /no end-of-image marker|no image data/);
  const noScan = Buffer.from([0xff, 0xd8, ...seg(0xc0, [8, 0, 16, 0, 16, 1, 1, 0x11, 0]), 0xff, 0xd9]);
  assert.deepEqual(verdictOf('jpeg', noScan), { complete: false, missing: 'no image data (no scan)' });
});

test('JPEG: a second image appended after the first (MPF) must reach its own EOI; other trailing bytes are ignored', () => {
  assert.deepEqual(verdictOf('jpeg', Buffer.concat([jpeg, jpeg])), { complete: true });
  assert.equal(verdictOf('jpeg', Buffer.concat([jpeg, jpeg.subarray(0, jpeg.length - 2)])).complete, false);
  assert.deepEqual(verdictOf('jpeg', Buffer.concat([jpeg, Buffer.from([0, 0, 0, 0x41])])), { complete: true });
});

test('WebP ends where its RIFF header says', () => {
  assertEndsExactly('webp', webp, /RIFF header declares 34 bytes|no RIFF header/);
});

test('AVIF (ISO-BMFF) ends on its last top-level box\'s last byte once meta and mdat came, also with a 64-bit size; a size-0 box runs to the end', () => {
  assertEndsExactly('avif', avif, /last box is cut short|no mdat box/);
  const large = Buffer.concat([ftyp, meta, isoBox('mdat', Buffer.alloc(200, 3), { large: true })]);
  assertEndsExactly('avif', large, /last box is cut short|no mdat box/);
  const toEnd = Buffer.concat([ftyp, meta, isoBox('mdat', Buffer.alloc(50, 4), { toEnd: true })]);
  assert.deepEqual(verdictOf('avif', toEnd), { complete: true });
  assert.deepEqual(verdictOf('avif', toEnd.subarray(0, ftyp.length + meta.length + 8 + 10)), { complete: true }, 'nothing tells where a size-0 box ends');
  const broken = Buffer.concat([ftyp, Buffer.from([0, 0, 0, 4]), Buffer.from('mdat', 'latin1')]);
  assert.deepEqual(verdictOf('avif', broken), { complete: false, missing: 'a box declares 4 bytes, less than its own header' });
});

test('a long scan streams through without being held: megabytes of JPEG data in small chunks', () => {
  const scanData = Buffer.alloc(8 * 1024 * 1024, 0x5a);
  const big = Buffer.concat([jpeg.subarray(0, jpeg.length - 2), scanData, Buffer.from([0xff, 0xd9])]);
  const started = Date.now();
  assert.deepEqual(verdictOf('jpeg', big, 64 * 1024), { complete: true });
  assert.equal(verdictOf('jpeg', big.subarray(0, big.length - 1), 64 * 1024).complete, false);
  assert.ok(Date.now() - started < 5_000, 'linear in the bytes');
});
