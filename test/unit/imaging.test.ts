// The image library through the product's adapter (dist/imaging.js, sharp's WebAssembly build, as
// shipped): exact sizes, each format's bytes, alpha, provenance, icons and errors (issue 24).
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readPngText } from '../../src/core/png/pngText';
import { isImagingError, type Imaging, type OutputFormat, type RawImage } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';

const root = resolve(__dirname, '..', '..', '..');
const imaging = (): Promise<Imaging> => loadImaging(join(root, 'dist', 'imaging.js'));

/** RGBA pixels from a function of x, y. */
function pixels(width: number, height: number, at: (x: number, y: number) => [number, number, number, number]): RawImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(at(x, y), (y * width + x) * 4);
  return { data, width, height };
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return [...image.data.subarray(i, i + 4)];
}

/** A noisy picture (so lossy quality matters), opaque. */
const noisy = (size: number) => {
  let seed = 7;
  return pixels(size, size, (x, y) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return [(x * 3) & 255, (y * 5) & 255, seed >>> 24, 255];
  });
};

/** Left half transparent, right half opaque green. */
const halfTransparent = pixels(32, 32, (x) => (x < 16 ? [0, 0, 0, 0] : [0, 200, 0, 255]));

const magic: Record<OutputFormat, (bytes: Uint8Array) => boolean> = {
  png: (b) => Buffer.from(b.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  webp: (b) => Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP',
  avif: (b) => Buffer.from(b.subarray(4, 8)).toString('latin1') === 'ftyp' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'avif',
};

test('loadImaging is lazy and cached: the same instance twice, a library name with WebAssembly in it', async () => {
  const [a, b] = await Promise.all([imaging(), imaging()]);
  assert.equal(a, b);
  assert.match(a.version, /^sharp \d+\.\d+\.\d+ \(libvips \d+\.\d+\.\d+, WebAssembly\)$/);
});

test('each format: its magic bytes, the size asked for, and what inspect reads back', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(noisy(64), { format: 'png' });
  for (const format of ['png', 'webp', 'avif', 'jpeg'] as const) {
    const out = await lib.render(source, { format, resize: { width: 40, height: 24 } });
    assert.ok(magic[format](out), `${format} magic bytes`);
    const info = await lib.inspect(out);
    assert.deepEqual([info.format, info.width, info.height], [format, 40, 24]);
    const decoded = await lib.toRaw(out);
    assert.deepEqual([decoded.width, decoded.height, decoded.data.length], [40, 24, 40 * 24 * 4]);
  }
});

test('crop, resize and pad give exactly the sizes asked for, in that order, and the pixels land where the rectangles say', async () => {
  const lib = await imaging();
  // Red left of x = 50, blue from there: a crop of x 40–80 keeps a quarter red.
  const source = await lib.fromRaw(pixels(100, 60, (x) => (x < 50 ? [255, 0, 0, 255] : [0, 0, 255, 255])), { format: 'png' });
  assert.deepEqual(await lib.inspect(source), { width: 100, height: 60, format: 'png', hasAlpha: true });

  const cropped = await lib.toRaw(await lib.render(source, { format: 'png', crop: { left: 40, top: 10, width: 40, height: 30 } }));
  assert.deepEqual([cropped.width, cropped.height], [40, 30]);
  assert.deepEqual(pixel(cropped, 2, 15), [255, 0, 0, 255]);
  assert.deepEqual(pixel(cropped, 30, 15), [0, 0, 255, 255]);

  // resize ignores the aspect: the size maths already chose it.
  const resized = await lib.inspect(await lib.render(source, { format: 'png', crop: { left: 40, top: 10, width: 40, height: 30 }, resize: { width: 17, height: 91 } }));
  assert.deepEqual([resized.width, resized.height], [17, 91]);

  const padded = await lib.toRaw(await lib.render(source, { format: 'png', resize: { width: 50, height: 30 }, pad: { width: 64, height: 64, left: 7, top: 17, colour: '#00ff00' } }));
  assert.deepEqual([padded.width, padded.height], [64, 64]);
  assert.deepEqual(pixel(padded, 3, 3), [0, 255, 0, 255], 'pad colour above and left');
  assert.deepEqual(pixel(padded, 60, 60), [0, 255, 0, 255], 'pad colour below and right');
  assert.deepEqual(pixel(padded, 7 + 2, 17 + 15), [255, 0, 0, 255], 'image at left, top');
  assert.deepEqual(pixel(padded, 7 + 48, 17 + 15), [0, 0, 255, 255]);

  const transparentPad = await lib.toRaw(await lib.render(source, { format: 'png', resize: { width: 50, height: 30 }, pad: { width: 50, height: 50, left: 0, top: 10 } }));
  assert.equal(pixel(transparentPad, 25, 2)[3], 0, 'no colour: transparent');
  assert.equal(pixel(transparentPad, 25, 25)[3], 255);
});

test('alpha is kept in PNG, WebP and AVIF', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(halfTransparent, { format: 'png' });
  for (const format of ['png', 'webp', 'avif'] as const) {
    const out = await lib.render(source, { format });
    assert.equal((await lib.inspect(out)).hasAlpha, true, format);
    const decoded = await lib.toRaw(out);
    assert.ok(pixel(decoded, 4, 16)[3]! <= 8, `${format}: transparent half stays transparent (${pixel(decoded, 4, 16)})`);
    assert.ok(pixel(decoded, 28, 16)[3]! >= 247, `${format}: opaque half stays opaque (${pixel(decoded, 28, 16)})`);
  }
});

test('JPEG is opaque: transparency and the pad take the pad colour; a transparent pad is refused', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(halfTransparent, { format: 'png' });
  const jpeg = await lib.render(source, { format: 'jpeg', quality: 95, pad: { width: 32, height: 48, left: 0, top: 8, colour: '#2040e0' } });
  assert.equal((await lib.inspect(jpeg)).hasAlpha, false);
  const decoded = await lib.toRaw(jpeg);
  assert.deepEqual([decoded.width, decoded.height], [32, 48]);
  const near = (actual: number[], expected: number[]) => expected.every((value, i) => Math.abs(actual[i]! - value) <= 6);
  assert.ok(near(pixel(decoded, 16, 2), [0x20, 0x40, 0xe0, 255]), `pad: ${pixel(decoded, 16, 2)}`);
  assert.ok(near(pixel(decoded, 4, 24), [0x20, 0x40, 0xe0, 255]), `transparent source pixels: ${pixel(decoded, 4, 24)}`);
  assert.ok(near(pixel(decoded, 28, 24), [0, 200, 0, 255]), `opaque source pixels: ${pixel(decoded, 28, 24)}`);
  await assert.rejects(lib.render(source, { format: 'jpeg', pad: { width: 32, height: 48, left: 0, top: 8 } }), (error) => isImagingError(error) && error.kind === 'invalidOptions' && /JPEG/.test(error.message));
});

test('quality changes the size of WebP, AVIF and JPEG', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(noisy(96), { format: 'png' });
  for (const format of ['webp', 'avif', 'jpeg'] as const) {
    const low = await lib.render(source, { format, quality: 10 });
    const high = await lib.render(source, { format, quality: 90 });
    assert.ok(low.length * 1.5 < high.length, `${format}: q10 ${low.length} B, q90 ${high.length} B`);
  }
  await assert.rejects(lib.render(source, { format: 'webp', quality: 0 }), (error) => isImagingError(error) && error.kind === 'invalidOptions');
});

test('provenance: PNG text chunks and XMP in WebP, AVIF and JPEG are read back', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(noisy(24), { format: 'png' });
  const png = await lib.render(source, { format: 'png', pngText: { 'imagegen:prompt': 'a fox — 狐', Software: 'ImageGen' } });
  assert.deepEqual(readPngText(png), { 'imagegen:prompt': 'a fox — 狐', Software: 'ImageGen' });
  const xmp = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:imagegen="https://imagegen.dev/ns/1.0/" imagegen:prompt="a fox — 狐"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  for (const format of ['webp', 'avif', 'jpeg'] as const) {
    const out = Buffer.from(await lib.render(source, { format, xmp }));
    assert.ok(out.includes(Buffer.from('imagegen:prompt="a fox — 狐"')), `${format} carries the XMP packet`);
    assert.deepEqual((await lib.inspect(out)).format, format, `${format} still reads`);
  }
  // Without xmp nothing of the sort is written.
  assert.ok(!Buffer.from(await lib.render(source, { format: 'webp' })).includes(Buffer.from('imagegen:prompt')));
});

test('toRaw → a key-out on the pixels → fromRaw: the keyed pixels are transparent in the PNG', async () => {
  const lib = await imaging();
  const source = await lib.render(await lib.fromRaw(pixels(20, 20, (x) => (x < 10 ? [255, 255, 255, 255] : [10, 20, 30, 255])), { format: 'png' }), { format: 'jpeg', quality: 100 });
  const raw = await lib.toRaw(source);
  assert.deepEqual([raw.width, raw.height, raw.data.length], [20, 20, 20 * 20 * 4]);
  const data = new Uint8Array(raw.data);
  for (let i = 0; i < data.length; i += 4) if (data[i]! > 240 && data[i + 1]! > 240 && data[i + 2]! > 240) data[i + 3] = 0;
  const png = await lib.fromRaw({ ...raw, data }, { format: 'png', resize: { width: 10, height: 10 } });
  const back = await lib.toRaw(png);
  assert.deepEqual([back.width, back.height], [10, 10]);
  assert.equal(pixel(back, 1, 5)[3], 0);
  assert.equal(pixel(back, 8, 5)[3], 255);
  await assert.rejects(lib.fromRaw({ data: new Uint8Array(10), width: 20, height: 20 }, { format: 'png' }), (error) => isImagingError(error) && error.kind === 'invalidOptions');
});

test('writeIco: a 16/32/48 icon whose PNG entries decode at their sizes', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(halfTransparent, { format: 'png' });
  const sizes = [16, 32, 48];
  const pngs = await Promise.all(sizes.map(async (size) => ({ size, bytes: await lib.render(source, { format: 'png', resize: { width: size, height: size } }) })));
  const ico = lib.writeIco(pngs);
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  assert.deepEqual([view.getUint16(0, true), view.getUint16(2, true), view.getUint16(4, true)], [0, 1, 3]);
  for (let i = 0; i < 3; i++) {
    const entry = 6 + 16 * i;
    assert.equal(view.getUint8(entry), sizes[i]);
    assert.equal(view.getUint8(entry + 1), sizes[i]);
    assert.equal(view.getUint16(entry + 6, true), 32);
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    const image = ico.subarray(offset, offset + length);
    assert.deepEqual(await lib.inspect(image), { width: sizes[i], height: sizes[i], format: 'png', hasAlpha: true });
  }
  assert.equal(ico.length, 6 + 16 * 3 + pngs.reduce((sum, { bytes }) => sum + bytes.length, 0));
  assert.throws(() => lib.writeIco([{ size: 32, bytes: pngs[0]!.bytes }]), (error) => isImagingError(error) && /16×16/.test(error.message));
  assert.throws(() => lib.writeIco([{ size: 16, bytes: new Uint8Array(40) }]), (error) => isImagingError(error) && /not a PNG/.test(error.message));
  assert.throws(() => lib.writeIco([]), (error) => isImagingError(error) && error.kind === 'invalidOptions');
});

test('bytes that are not an image: a clear notAnImage error from inspect, render and toRaw', async () => {
  const lib = await imaging();
  const text = new TextEncoder().encode('<html>this is not an image</html>');
  for (const attempt of [() => lib.inspect(text), () => lib.render(text, { format: 'webp' }), () => lib.toRaw(text)]) {
    await assert.rejects(attempt(), (error) => isImagingError(error) && error.kind === 'notAnImage' && /^Not an image the library can read/.test(error.message));
  }
  const source = await lib.fromRaw(noisy(16), { format: 'png' });
  const truncated = source.subarray(0, source.length - 30);
  await assert.rejects(lib.render(truncated, { format: 'png' }), (error) => isImagingError(error) && error.kind !== 'failed');
});

test('rectangles that do not fit are refused before any work', async () => {
  const lib = await imaging();
  const source = await lib.fromRaw(noisy(16), { format: 'png' });
  const refused = (error: unknown) => isImagingError(error) && error.kind === 'invalidOptions';
  await assert.rejects(lib.render(source, { format: 'png', crop: { left: 8, top: 0, width: 9, height: 16 } }), refused);
  await assert.rejects(lib.render(source, { format: 'png', resize: { width: 0, height: 4 } }), refused);
  await assert.rejects(lib.render(source, { format: 'png', pad: { width: 20, height: 20, left: 5, top: 0 } }), refused);
  await assert.rejects(lib.render(source, { format: 'png', pad: { width: 20, height: 20, left: 0, top: 0, colour: 'red' } }), refused);
});

test('a library that cannot load: an unavailable error naming the file, not cached', async () => {
  const missing = join(root, 'dist', 'no-such-imaging.js');
  await assert.rejects(loadImaging(missing), (error) => isImagingError(error) && error.kind === 'unavailable' && error.message.includes(missing));
  // A later conversion tries again (and the real library still loads).
  await assert.rejects(loadImaging(missing), (error) => isImagingError(error) && error.kind === 'unavailable');
});

/** An EXIF APP1 segment with only an orientation, inserted after a JPEG's SOI marker. */
function withOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4); // IFD0 at 8
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = Buffer.alloc(4);
  segment.writeUInt16BE(0xffe1, 0);
  segment.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, payload, jpeg.subarray(2)]);
}

test('an EXIF-rotated JPEG: inspect gives the size as seen, and crop rectangles are in that image', async () => {
  const lib = await imaging();
  // Stored 60×20, red left third; orientation 6 (rotate 90° clockwise) shows it 20×60, red on top.
  const stored = await lib.fromRaw(pixels(60, 20, (x) => (x < 20 ? [255, 0, 0, 255] : [0, 0, 255, 255])), { format: 'jpeg', quality: 95 });
  const rotated = withOrientation(stored, 6);
  assert.deepEqual(await lib.inspect(rotated), { width: 20, height: 60, format: 'jpeg', hasAlpha: false });
  const top = await lib.toRaw(await lib.render(rotated, { format: 'png', crop: { left: 0, top: 0, width: 20, height: 15 } }));
  assert.deepEqual([top.width, top.height], [20, 15]);
  assert.ok(pixel(top, 10, 7)[0]! > 200 && pixel(top, 10, 7)[2]! < 60, `the seen top is red: ${pixel(top, 10, 7)}`);
  const raw = await lib.toRaw(rotated);
  assert.deepEqual([raw.width, raw.height], [20, 60]);
});

test('in this thread (inProcess) the same library answers the same way', async () => {
  const here = await loadImaging(join(root, 'dist', 'imaging.js'), { inProcess: true });
  assert.notEqual(here, await imaging());
  assert.equal(here.version, (await imaging()).version);
  const out = await here.render(await here.fromRaw(noisy(20), { format: 'png' }), { format: 'avif', resize: { width: 10, height: 6 } });
  assert.deepEqual(await here.inspect(out), await (await imaging()).inspect(out));
});
