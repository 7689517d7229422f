// Asset sets: the folder name from the prompt, and which files each set is (names, sizes, formats,
// fits), with widths above the source dropped rather than upscaled.
import { strict as assert } from 'node:assert';
import { posix, win32 } from 'node:path';
import { test } from 'node:test';
import { planAssetSet, setFolderName, type AssetFile } from '../../src/core/output/assetSetPlan';
import { resolveOutput, type OutputOptions, type ResolvedOutput } from '../../src/core/output/outputOptions';

function resolved(options: OutputOptions): ResolvedOutput {
  const resolution = resolveOutput(options);
  assert.ok(resolution.ok, JSON.stringify(resolution));
  return resolution.output;
}

const summary = (files: readonly AssetFile[]) => files.map((file) => `${file.fileName} ${file.width}x${file.height} ${file.format} ${file.fit}${file.quality !== undefined ? ` q${file.quality}` : ''}`);

test('setFolderName: a lower-case ASCII slug of the prompt', () => {
  assert.equal(setFolderName('A Red Fox, jumping over the MOON!'), 'a-red-fox-jumping-over-the-moon');
  assert.equal(setFolderName('Café crème brûlée — Straße Łódź'), 'cafe-creme-brulee-strasse-lodz');
  assert.equal(setFolderName('logo [sim:transparent] for ACME'), 'logo-for-acme');
  assert.equal(setFolderName('../../etc/passwd'), 'etc-passwd');
  assert.equal(setFolderName('C:\\Windows\\System32'), 'c-windows-system32');
});

test('setFolderName: at most 40 characters, cut without a trailing dash', () => {
  const name = setFolderName('a very long prompt about a lighthouse on a cliff at dawn with gulls');
  assert.equal(name, 'a-very-long-prompt-about-a-lighthouse-on');
  assert.ok(name.length <= 40);
  const cutAtDash = setFolderName(`${'x'.repeat(39)} yz`);
  assert.equal(cutAtDash, 'x'.repeat(39));
});

test('setFolderName: never empty, never a device name, valid as one path segment on Windows and POSIX', () => {
  const prompts = ['🦊🌙', '東京の夜景', '////', '   ', '', 'CON', 'con.', 'Nul', 'com1', 'LPT9 ', 'aux?', 'logo...', 'trailing space ', '..', '.'];
  for (const prompt of prompts) {
    const name = setFolderName(prompt);
    assert.match(name, /^[a-z0-9_][a-z0-9-]*$/, `${JSON.stringify(prompt)} → ${name}`);
    assert.ok(name.length >= 1 && name.length <= 40, name);
    assert.doesNotMatch(name.split('.')[0]!, /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i, name);
    assert.doesNotMatch(name, /[. ]$/);
    for (const path of [win32, posix]) {
      // One segment: joined under a parent it stays a direct child, never climbing or splitting.
      const parent = path === win32 ? 'C:\\site\\images' : '/site/images';
      const joined = path.join(parent, name);
      assert.equal(path.dirname(joined), parent, `${name} under ${parent}`);
      assert.equal(path.basename(joined), name);
    }
  }
  assert.equal(setFolderName('🦊🌙'), 'image-set');
  assert.equal(setFolderName('東京の夜景'), 'image-set');
  assert.equal(setFolderName('CON'), '_con');
  assert.equal(setFolderName('com1'), '_com1');
  assert.equal(setFolderName('東京 fox 🦊'), 'fox');
});

test('favicon: favicon.ico with 16, 32 and 48, apple-touch-icon 180, icon-192 and icon-512, all square and cropped', () => {
  const plan = planAssetSet(resolved({ assetSet: 'favicon' }), { width: 1536, height: 1024 })!;
  assert.equal(plan.kind, 'favicon');
  assert.deepEqual(summary(plan.files), [
    'favicon.ico 48x48 ico cover',
    'apple-touch-icon.png 180x180 png cover',
    'icon-192.png 192x192 png cover',
    'icon-512.png 512x512 png cover',
  ]);
  assert.deepEqual(plan.files[0]!.icoSizes, [16, 32, 48]);
  assert.deepEqual(plan.notes, []);
});

test('favicon from a small source: kept, with a note that it is scaled up', () => {
  const plan = planAssetSet(resolved({ assetSet: 'favicon' }), { width: 300, height: 400 })!;
  assert.equal(plan.files.length, 4);
  assert.equal(plan.notes.length, 1);
  assert.match(plan.notes[0]!, /^icon-512\.png is 512×512 but the image gives only 300 pixels across/);
});

test('og-card: og-image in the output format at 1200×630, with its quality', () => {
  const source = { width: 1536, height: 1024 };
  assert.deepEqual(summary(planAssetSet(resolved({ assetSet: 'og-card' }), source)!.files), ['og-image.png 1200x630 png cover']);
  assert.deepEqual(summary(planAssetSet(resolved({ assetSet: 'og-card', format: 'webp', quality: 70 }), source)!.files), ['og-image.webp 1200x630 webp cover q70']);
  assert.deepEqual(summary(planAssetSet(resolved({ assetSet: 'og-card', format: 'jpeg', fit: 'contain' }), source)!.files), ['og-image.jpg 1200x630 jpeg contain q85']);
  assert.deepEqual(planAssetSet(resolved({ assetSet: 'og-card' }), source)!.notes, []);
  assert.equal(planAssetSet(resolved({ assetSet: 'og-card' }), { width: 1024, height: 1024 })!.notes.length, 1);
});

test('responsive: WebP at each width, the fallback at the largest, heights from the source ratio', () => {
  const plan = planAssetSet(resolved({ assetSet: 'responsive' }), { width: 2048, height: 1152 })!;
  assert.deepEqual(summary(plan.files), [
    'image-640.webp 640x360 webp cover q80',
    'image-1280.webp 1280x720 webp cover q80',
    'image-1920.webp 1920x1080 webp cover q80',
    'image-1920.png 1920x1080 png cover',
  ]);
  assert.deepEqual(plan.notes, []);
});

test('responsive with AVIF and a JPEG fallback; rounded heights; a chosen base name', () => {
  const plan = planAssetSet(resolved({ assetSet: 'responsive', avif: true, format: 'jpeg', quality: 70, widths: [1000, 333] }), { width: 1024, height: 1536 }, 'hero')!;
  assert.deepEqual(summary(plan.files), [
    'hero-333.avif 333x500 avif cover q60',
    'hero-1000.avif 1000x1500 avif cover q60',
    'hero-333.webp 333x500 webp cover q80',
    'hero-1000.webp 1000x1500 webp cover q80',
    'hero-1000.jpg 1000x1500 jpeg cover q70',
  ]);
  // 333 × 1536 / 1024 = 499.5 → 500; 1001 × 768 / 1024 = 750.75 → 751.
  const odd = planAssetSet(resolved({ assetSet: 'responsive', widths: [1001] }), { width: 1024, height: 768 })!;
  assert.equal(odd.files[0]!.height, 751);
});

test('responsive: widths above the source are dropped with a note, never upscaled', () => {
  const plan = planAssetSet(resolved({ assetSet: 'responsive' }), { width: 1536, height: 1024 })!;
  assert.deepEqual(
    plan.files.map((file) => file.fileName),
    ['image-640.webp', 'image-1280.webp', 'image-1280.png'],
  );
  assert.ok(plan.files.every((file) => file.width <= 1536));
  assert.equal(plan.notes.length, 1);
  assert.match(plan.notes[0]!, /1536 pixels wide, so the set has no 1920 pixel file: ImageGen never upscales/);
  const exact = planAssetSet(resolved({ assetSet: 'responsive', widths: [1536] }), { width: 1536, height: 1024 })!;
  assert.deepEqual(exact.notes, []);
});

test('responsive: when every width is above the source, one file at the source width', () => {
  const plan = planAssetSet(resolved({ assetSet: 'responsive', widths: [1280, 1920], avif: true }), { width: 1024, height: 1024 })!;
  assert.deepEqual(summary(plan.files), ['image-1024.avif 1024x1024 avif cover q60', 'image-1024.webp 1024x1024 webp cover q80', 'image-1024.png 1024x1024 png cover']);
  assert.equal(plan.notes.length, 2);
  assert.match(plan.notes[0]!, /no 1280, 1920 pixel files/);
  assert.match(plan.notes[1]!, /one width instead, the image's own 1024 pixels/);
});

test('no asset set: no plan', () => {
  assert.equal(planAssetSet(resolved({ format: 'webp' }), { width: 1024, height: 1024 }), undefined);
});
