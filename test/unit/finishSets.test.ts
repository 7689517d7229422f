// Asset sets and a keyed-out background through the shipped image library (issue 24): the set's
// folder with every file at its size (favicon.ico's entries included), provenance in each file (the
// .ico's in its sidecar), the provider's file replaced; a flat background removed for a model that
// cannot make a transparent one; a background that is not flat keeps the image as generated.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { provenanceSidecarPath, readProvenanceSidecar } from '../../src/core/images/provenance';
import { readProvenanceXmp } from '../../src/core/images/provenanceXmp';
import { readPngText } from '../../src/core/png/pngText';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { finishDelivered } from '../../src/finishing/finishDelivered';
import { finishSteps } from '../../src/finishing/finishSteps';
import type { Imaging, RawImage } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';

const root = resolve(__dirname, '..', '..', '..');
const imaging = (): Promise<Imaging> => loadImaging(join(root, 'dist', 'imaging.js'));
const prompt = 'A fox logo, flat vector';
const provenance = { prompt, model: 'jimmyai:nano-banana', task: 't9', Software: 'ImageGen test' };

/** A red disc on a flat white background, with an antialiased edge. */
function logo(size: number): RawImage {
  const data = new Uint8Array(size * size * 4);
  const c = size / 2;
  const r = size * 0.3;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      const cover = Math.max(0, Math.min(1, r + 0.5 - d));
      data.set([Math.round(255 * (1 - cover) + 220 * cover), Math.round(255 * (1 - cover) + 30 * cover), Math.round(255 * (1 - cover) + 30 * cover), 255], (y * size + x) * 4);
    }
  return { data, width: size, height: size };
}

async function saved(raw: RawImage, format: 'png' | 'jpeg' = 'png') {
  const folder = mkdtempSync(join(tmpdir(), 'imagegen-sets-'));
  const path = join(folder, `fox.${format === 'jpeg' ? 'jpg' : 'png'}`);
  writeFileSync(path, await (await imaging()).fromRaw(raw, { format }));
  return { folder, saved: { path, width: raw.width, height: raw.height, format, bytes: 0 } as never as Parameters<typeof finishDelivered>[0] };
}

const record = (output: NonNullable<TaskRecord['input']['output']>, modelKey = 'jimmyai:nano-banana'): TaskRecord => ({ id: 't9', input: { modelKey, prompt, output }, state: 'running', createdAt: 0 });

test('favicon set: its own folder named from the prompt with favicon.ico (16, 32, 48), apple-touch-icon 180, icon-192, icon-512; provenance in each', async () => {
  const { folder, saved: image } = await saved(logo(1024));
  const delivered = await finishDelivered(image, record({ assetSet: 'favicon' }), provenance, imaging, finishSteps);
  assert.equal(delivered.note, undefined);
  assert.equal(delivered.assetSet, 'favicon');
  const setFolder = join(folder, 'a-fox-logo-flat-vector');
  assert.deepEqual(readdirSync(folder), ['a-fox-logo-flat-vector'], 'the provider file is replaced by the set');
  assert.deepEqual(readdirSync(setFolder).sort(), ['apple-touch-icon.png', 'favicon.ico', 'favicon.ico.imagegen.json', 'icon-192.png', 'icon-512.png']);
  for (const [name, size] of [['apple-touch-icon.png', 180], ['icon-192.png', 192], ['icon-512.png', 512]] as const) {
    const bytes = readFileSync(join(setFolder, name));
    const info = await (await imaging()).inspect(bytes);
    assert.deepEqual([info.width, info.height], [size, size], name);
    assert.equal(readPngText(bytes).prompt, prompt, name);
  }
  const ico = readFileSync(join(setFolder, 'favicon.ico'));
  assert.deepEqual([ico.readUInt16LE(2), ico.readUInt16LE(4)], [1, 3], 'an icon with three entries');
  assert.deepEqual([0, 1, 2].map((i) => ico[6 + i * 16] || 256), [16, 32, 48]);
  assert.equal(readProvenanceSidecar(readFileSync(provenanceSidecarPath(join(setFolder, 'favicon.ico')), 'utf8')).task, 't9');
  assert.equal(basename(delivered.primary.path), 'icon-512.png');
  assert.equal(delivered.files.length, 4);
});

test('responsive set from 1536 wide: 640 and 1280 WebP (+AVIF) and a PNG fallback; 1920 dropped with a note, never upscaled', async () => {
  const { folder, saved: image } = await saved({ ...logo(1536), height: 1536 });
  const delivered = await finishDelivered(image, record({ assetSet: 'responsive', avif: true }), provenance, imaging, finishSteps);
  const setFolder = join(folder, 'a-fox-logo-flat-vector');
  assert.deepEqual(readdirSync(setFolder).sort(), ['image-1280.avif', 'image-1280.png', 'image-1280.webp', 'image-640.avif', 'image-640.webp']);
  assert.match(delivered.note ?? '', /1920/);
  const webp = readFileSync(join(setFolder, 'image-640.webp'));
  assert.deepEqual([(await (await imaging()).inspect(webp)).width, readProvenanceXmp(webp).prompt], [640, prompt]);
  assert.equal(basename(delivered.primary.path), 'image-1280.webp');
});

test('og-card: one 1200×630 file in its folder', async () => {
  const { folder, saved: image } = await saved({ ...logo(1536), width: 1536, height: 1536 });
  const delivered = await finishDelivered(image, record({ assetSet: 'og-card', format: 'jpeg' }), provenance, imaging, finishSteps);
  assert.equal(delivered.primary.path, join(folder, 'a-fox-logo-flat-vector', 'og-image.jpg'));
  const info = await (await imaging()).inspect(readFileSync(delivered.primary.path));
  assert.deepEqual([info.format, info.width, info.height], ['jpeg', 1200, 630]);
});

test('two sets from the same prompt get two folders', async () => {
  const first = await saved(logo(600));
  await finishDelivered(first.saved, record({ assetSet: 'favicon' }), provenance, imaging, finishSteps);
  const second = join(first.folder, 'fox-2.png');
  writeFileSync(second, await (await imaging()).fromRaw(logo(600), { format: 'png' }));
  await finishDelivered({ ...first.saved, path: second } as never, record({ assetSet: 'favicon' }), provenance, imaging, finishSteps);
  assert.deepEqual(readdirSync(first.folder).sort(), ['a-fox-logo-flat-vector', 'a-fox-logo-flat-vector-2']);
});

test('transparent on a model without it: the flat background is keyed out into an RGBA PNG (edges soft, the disc opaque)', async () => {
  const { folder, saved: image } = await saved(logo(256));
  const delivered = await finishDelivered(image, record({ background: 'transparent' }), provenance, imaging, finishSteps);
  assert.equal(delivered.note, undefined);
  assert.deepEqual(readdirSync(folder), ['fox.png']);
  const raw = await (await imaging()).toRaw(readFileSync(delivered.primary.path));
  const alpha = (x: number, y: number) => raw.data[(y * raw.width + x) * 4 + 3]!;
  assert.equal(alpha(2, 2), 0, 'corner keyed out');
  assert.equal(alpha(128, 128), 255, 'subject kept');
  const edge = [...Array(256).keys()].map((x) => alpha(x, 128)).filter((a) => a > 0 && a < 255);
  assert.ok(edge.length >= 2, 'a soft edge, not a hard cut');
  assert.equal(readPngText(readFileSync(delivered.primary.path)).prompt, prompt);
});

test('transparent as WebP from a JPEG the model sent: keyed, written as WebP with alpha', async () => {
  const { folder, saved: image } = await saved(logo(256), 'jpeg');
  const delivered = await finishDelivered(image, record({ background: 'transparent', format: 'webp' }), provenance, imaging, finishSteps);
  assert.deepEqual(readdirSync(folder), ['fox.webp']);
  const info = await (await imaging()).inspect(readFileSync(delivered.primary.path));
  assert.equal(info.hasAlpha, true);
});

test('a background that is not flat is not keyed: the image is delivered as generated, the note says why', async () => {
  const noisy = logo(128);
  for (let i = 0; i < noisy.data.length; i += 4) noisy.data[i] = (i * 37) & 255;
  const { folder, saved: image } = await saved(noisy);
  const delivered = await finishDelivered(image, record({ background: 'transparent' }), provenance, imaging, finishSteps);
  assert.equal(delivered.primary.path, image.path);
  assert.match(delivered.note ?? '', /background could not be removed/);
  assert.ok(existsSync(image.path));
  assert.deepEqual(readdirSync(folder), ['fox.png']);
});

test('a background that is not flat, with a format asked too: the WebP is still made, on the background as it is, and the note says why', async () => {
  const noisy = logo(128);
  for (let i = 0; i < noisy.data.length; i += 4) noisy.data[i] = (i * 37) & 255;
  const { folder, saved: image } = await saved(noisy);
  const delivered = await finishDelivered(image, record({ background: 'transparent', format: 'webp', quality: 0 }), provenance, imaging, finishSteps);
  assert.deepEqual(readdirSync(folder), ['fox.webp'], 'quality 0 is written (at the encoder\'s lowest), not refused after the image was paid for');
  assert.match(delivered.note ?? '', /background could not be removed, so it is kept/);
  assert.equal((await (await imaging()).inspect(readFileSync(delivered.primary.path))).format, 'webp');
});

test('a set is written in a hidden part folder and appears under its name only whole; a failure leaves neither; a part folder left by a stopped host goes after an hour', async () => {
  const { folder, saved: file } = await saved(logo(512));
  // A part folder from a host that stopped mid-set two hours ago, and a fresh one (another host writing now).
  const { mkdirSync, utimesSync } = await import('node:fs');
  const stale = join(folder, '.a-fox-logo-flat-vector.part-0123456789ab');
  const fresh = join(folder, '.a-fox-logo-flat-vector.part-ba9876543210');
  mkdirSync(stale);
  mkdirSync(fresh);
  writeFileSync(join(stale, 'icon-192.png'), 'half');
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
  utimesSync(stale, twoHoursAgo, twoHoursAgo);
  // The library fails on the third file: nothing of the set stays, the image it came from does.
  const lib = await imaging();
  let renders = 0;
  const failing: Imaging = { ...lib, version: lib.version, inspect: (bytes) => lib.inspect(bytes), toRaw: (bytes) => lib.toRaw(bytes), fromRaw: (image, options) => lib.fromRaw(image, options), writeIco: (pngs) => lib.writeIco(pngs), render: (bytes, options) => (++renders === 5 ? Promise.reject(new Error('out of memory')) : lib.render(bytes, options)) };
  const delivered = await finishDelivered(file, record({ format: 'png', assetSet: 'favicon' }), provenance, async () => failing, finishSteps);
  assert.match(delivered.note ?? '', /saved as generated .* out of memory/);
  assert.deepEqual(readdirSync(folder).sort(), ['.a-fox-logo-flat-vector.part-ba9876543210', 'fox.png'], 'no set folder, no part folder of this set; the stale one removed, the fresh one left alone');
  // Whole: published under its name, and no part folder of its own remains.
  const done = await finishDelivered(file, record({ format: 'png', assetSet: 'favicon' }), provenance, imaging, finishSteps);
  assert.equal(dirname(done.primary.path), join(folder, 'a-fox-logo-flat-vector'));
  assert.deepEqual(readdirSync(folder).sort(), ['.a-fox-logo-flat-vector.part-ba9876543210', 'a-fox-logo-flat-vector']);
  assert.equal(readdirSync(join(folder, 'a-fox-logo-flat-vector')).length, 5);
});
