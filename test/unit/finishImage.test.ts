// The finished asset from a saved image, through the shipped image library (dist/imaging.js):
// format, exact size by fit, provenance inside the file, the provider's file replaced only once the
// finished one is named, and kept (with words) when anything fails (issue 24).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { readPngText } from '../../src/core/png/pngText';
import { readProvenanceXmp } from '../../src/core/images/provenanceXmp';
import type { TaskRecord } from '../../src/core/tasks/taskRecord';
import { finishDelivered, taskKeysOutBackground as keysOutBackground } from '../../src/finishing/finishDelivered';
import { geometryFor, needsFinishing } from '../../src/finishing/finishImage';
import { finishSteps } from '../../src/finishing/finishSteps';
import type { Imaging, RawImage } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';

const root = resolve(__dirname, '..', '..', '..');
const imaging = (): Promise<Imaging> => loadImaging(join(root, 'dist', 'imaging.js'));
const provenance = { prompt: 'a lighthouse at dusk', model: 'openai:gpt-image-2', task: 't1', Software: 'ImageGen test' };

function picture(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 7) & 255, (y * 3) & 255, 128, 255], (y * width + x) * 4);
  return { data, width, height };
}

async function savedPng(width: number, height: number, name = 'lighthouse.png') {
  const folder = mkdtempSync(join(tmpdir(), 'imagegen-finish-'));
  const path = join(folder, name);
  writeFileSync(path, await (await imaging()).fromRaw(picture(width, height), { format: 'png' }));
  return { folder, saved: { path, width, height, format: 'png', bytes: 0, mimeType: 'image/png', extension: 'png' } as never as Parameters<typeof finishDelivered>[0] };
}

const record = (output: TaskRecord['input']['output'], modelKey = 'openai:gpt-image-2'): TaskRecord => ({ id: 't1', input: { modelKey, prompt: provenance.prompt, ...(output ? { output } : {}) }, state: 'running', createdAt: 0 });

test('1536×864 PNG → 1200×630 WebP, cropped: one .webp of exactly that size with XMP provenance; the PNG is gone', async () => {
  const { folder, saved } = await savedPng(1536, 864);
  const delivered = await finishDelivered(saved, record({ format: 'webp', size: { width: 1200, height: 630 } }), provenance, imaging, finishSteps);
  assert.equal(delivered.note, undefined);
  assert.equal(delivered.primary.path, join(folder, 'lighthouse.webp'));
  assert.deepEqual(readdirSync(folder), ['lighthouse.webp']);
  const bytes = readFileSync(delivered.primary.path);
  const info = await (await imaging()).inspect(bytes);
  assert.deepEqual([info.format, info.width, info.height], ['webp', 1200, 630]);
  assert.deepEqual(readProvenanceXmp(bytes), provenance);
});

test('PNG → smaller PNG keeps its name (the provider file is replaced in place), text chunks kept', async () => {
  const { folder, saved } = await savedPng(1024, 1024);
  const delivered = await finishDelivered(saved, record({ size: { width: 512, height: 512 } }), provenance, imaging, finishSteps);
  assert.equal(delivered.primary.path, saved.path);
  assert.deepEqual(readdirSync(folder), ['lighthouse.png']);
  const bytes = readFileSync(saved.path);
  assert.deepEqual([(await (await imaging()).inspect(bytes)).width, readPngText(bytes).prompt], [512, provenance.prompt]);
});

test('contain pads: transparent in PNG, white in JPEG', async () => {
  const { saved } = await savedPng(400, 200);
  const png = await finishDelivered(saved, record({ size: { width: 300, height: 300 }, fit: 'contain' }), provenance, imaging, finishSteps);
  const raw = await (await imaging()).toRaw(readFileSync(png.primary.path));
  assert.deepEqual([raw.width, raw.height, raw.data[3]], [300, 300, 0], 'top-left corner is padding, transparent');
  const second = await savedPng(400, 200, 'second.png');
  const jpeg = await finishDelivered(second.saved, record({ format: 'jpeg', size: { width: 300, height: 300 }, fit: 'contain' }), provenance, imaging, finishSteps);
  assert.match(jpeg.primary.path, /second\.jpg$/);
  const jpegRaw = await (await imaging()).toRaw(readFileSync(jpeg.primary.path));
  assert.ok(jpegRaw.data[0]! > 245 && jpegRaw.data[1]! > 245 && jpegRaw.data[2]! > 245, 'JPEG padding is white');
  assert.deepEqual(readProvenanceXmp(readFileSync(jpeg.primary.path)).task, 't1');
});

test('a file that is not an image is delivered as it is, with a note that says so and what to do; nothing else is written', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'imagegen-finish-'));
  const path = join(folder, 'broken.png');
  writeFileSync(path, 'not an image at all');
  const saved = { path, width: 10, height: 10, format: 'png', bytes: 19 } as never as Parameters<typeof finishDelivered>[0];
  const delivered = await finishDelivered(saved, record({ format: 'webp' }), provenance, imaging, finishSteps);
  assert.equal(delivered.primary.path, path);
  assert.match(delivered.note ?? '', /saved as generated \(broken\.png\)/);
  assert.deepEqual(readdirSync(folder), ['broken.png']);
});

test('no output, or the output the file already is: nothing is converted and the library is never loaded', async () => {
  const { saved } = await savedPng(64, 64);
  const never = () => Promise.reject(new Error('loaded'));
  assert.equal((await finishDelivered(saved, record(undefined), provenance, never, finishSteps)).note, undefined);
  assert.equal((await finishDelivered(saved, record({ format: 'png', size: { width: 64, height: 64 } }), provenance, never, finishSteps)).note, undefined);
  assert.ok(existsSync(saved.path));
  assert.equal(needsFinishing(undefined, { format: 'png', width: 1, height: 1 }, false), false);
  assert.equal(needsFinishing({ format: 'jpeg', background: 'auto', avif: false }, { format: 'jpg', width: 1, height: 1 }, false), false);
  assert.equal(needsFinishing({ format: 'png', background: 'auto', avif: false }, { format: 'jpeg', width: 1, height: 1 }, false), true);
});

test('the library failing to load: the image is delivered as generated, the note says why', async () => {
  const { saved } = await savedPng(64, 64);
  const delivered = await finishDelivered(saved, record({ format: 'avif' }), provenance, () => Promise.reject(new Error('dist/imaging.js is missing')), finishSteps);
  assert.equal(delivered.primary.path, saved.path);
  assert.match(delivered.note ?? '', /dist\/imaging\.js is missing/);
});

test('a transparent background is keyed out only where the model cannot make it', () => {
  assert.equal(keysOutBackground({ modelKey: 'openai:gpt-image-2', prompt: 'p', output: { background: 'transparent' } }), false);
  assert.equal(keysOutBackground({ modelKey: 'jimmyai:nano-banana', prompt: 'p', output: { background: 'transparent' } }), true);
  assert.equal(keysOutBackground({ modelKey: 'jimmyai:nano-banana', prompt: 'p', output: { background: 'opaque' } }), false);
});

test('geometry: cover crops centred and resizes, contain pads (JPEG with white), fill stretches', () => {
  assert.deepEqual(geometryFor({ width: 1536, height: 864 }, { width: 1200, height: 630 }, 'cover', 'webp'), { crop: { left: 0, top: 29, width: 1536, height: 806 }, resize: { width: 1200, height: 630 } });
  assert.deepEqual(geometryFor({ width: 400, height: 200 }, { width: 300, height: 300 }, 'contain', 'jpeg'), { resize: { width: 300, height: 150 }, pad: { left: 0, top: 75, width: 300, height: 300, colour: '#ffffff' } });
  assert.deepEqual(geometryFor({ width: 400, height: 200 }, { width: 300, height: 300 }, 'fill', 'png'), { resize: { width: 300, height: 300 } });
});

test('the model sent a smaller image than its catalog size: the exact size is still delivered, never scaled up without a word', async () => {
  // nano-banana's 16:9 is "about 1344×768" in the catalog; a 1024×576 answer is scaled up to 1200×630.
  const { folder, saved } = await savedPng(1024, 576);
  const delivered = await finishDelivered(saved, record({ format: 'png', size: { width: 1200, height: 630 } }), provenance, imaging, finishSteps);
  assert.deepEqual(readdirSync(folder), ['lighthouse.png']);
  assert.equal(delivered.note, 'lighthouse.png is 1200×630 but the image gives only 1024 pixels across for it, so it is scaled up and may look soft: start from a larger image for a sharp one.');
  // Smaller than what arrived: no note.
  const larger = await savedPng(1536, 864);
  assert.equal((await finishDelivered(larger.saved, record({ format: 'png', size: { width: 1200, height: 630 } }), provenance, imaging, finishSteps)).note, undefined);
});
