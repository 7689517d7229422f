// One reader for how an image was made (issue 24): PNG text, the XMP ImageGen embeds in WebP,
// JPEG and AVIF (written here through the shipped library, dist/imaging.js), the sidecar beside a
// provider's JPEG or WebP; large files are read by head and tail, since WebP and AVIF keep XMP last.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { embeddedProvenance, imageProvenance, isImageGenProvenance } from '../../src/core/images/imageProvenance';
import { provenanceSidecarPath, provenanceText } from '../../src/core/images/provenance';
import { provenanceXmp } from '../../src/core/images/provenanceXmp';
import { addPngText } from '../../src/core/png/pngText';
import type { Imaging, RawImage } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';
import { readImageProvenance } from '../../src/saving/readImageProvenance';

const root = resolve(__dirname, '..', '..', '..');
const imaging = (): Promise<Imaging> => loadImaging(join(root, 'dist', 'imaging.js'));
const dir = mkdtempSync(join(tmpdir(), 'imagegen-provenance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const provenance = provenanceText({ input: { modelKey: 'openai:gpt-image-2', prompt: 'A <lighthouse> & "fog"', aspectRatio: '16:9' }, task: 'task-9', estimatedCredits: 4, software: 'ImageGen test' }, new Date('2026-11-23T10:00:00Z'));

/** Noise, so a lossy encoder cannot make it small: the file is larger than what is read from each end. */
function noise(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 4);
  let seed = 7;
  for (let i = 0; i < data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    data[i] = i % 4 === 3 ? 255 : seed >> 16;
  }
  return { data, width, height };
}

for (const format of ['webp', 'jpeg', 'avif'] as const) {
  test(`${format}: the XMP ImageGen embeds is read back whole, from the file`, async () => {
    const bytes = await (await imaging()).fromRaw(noise(96, 64), { format, xmp: provenanceXmp(provenance) });
    assert.deepEqual(embeddedProvenance([bytes]), provenance);
    const file = join(dir, `small.${format}`);
    writeFileSync(file, bytes);
    const read = await readImageProvenance(file);
    assert.deepEqual(read?.text, provenance);
    assert.ok(isImageGenProvenance(read!.text));
  });
}

test('a large WebP keeps its XMP after the pixels: found in the tail the reader reads', async () => {
  const bytes = await (await imaging()).fromRaw(noise(1024, 1024), { format: 'webp', quality: 100, xmp: provenanceXmp(provenance) });
  assert.ok(bytes.length > 1024 * 1024, `the file (${bytes.length} bytes) is larger than head and tail together`);
  assert.ok(Buffer.from(bytes).indexOf('<x:xmpmeta') > 512 * 1024, 'the packet is past the head');
  const file = join(dir, 'large.webp');
  writeFileSync(file, bytes);
  const read = await readImageProvenance(file);
  assert.deepEqual(read?.text, provenance);
  assert.deepEqual([read?.info?.format, read?.info?.width, read?.info?.height], ['webp', 1024, 1024]);
});

test('a PNG: its text chunks; a sidecar beside it is not needed', async () => {
  const png = addPngText(await (await imaging()).fromRaw(noise(32, 16), { format: 'png' }), provenance);
  const file = join(dir, 'texted.png');
  writeFileSync(file, png);
  writeFileSync(provenanceSidecarPath(file), JSON.stringify({ prompt: 'the sidecar', model: 'x:y' }));
  const read = await readImageProvenance(file);
  assert.deepEqual(read?.text, provenance, 'what the file carries comes first');
  assert.deepEqual([read?.info?.format, read?.info?.width, read?.info?.height], ['png', 32, 16]);
});

test('a provider’s JPEG without XMP: the sidecar beside it; without one, nothing', async () => {
  const jpeg = await (await imaging()).fromRaw(noise(40, 30), { format: 'jpeg' });
  const file = join(dir, 'delivered.jpg');
  writeFileSync(file, jpeg);
  assert.deepEqual((await readImageProvenance(file))?.text, {}, 'no XMP, no sidecar: an image ImageGen did not make');
  writeFileSync(provenanceSidecarPath(file), JSON.stringify({ ...provenance, stray: 42 }));
  assert.deepEqual((await readImageProvenance(file))?.text, provenance, 'string values only, from the sidecar');
  assert.equal(await readImageProvenance(join(dir, 'missing.png')), undefined, 'a file that cannot be read');
});

test('imageProvenance: embedded first, then the sidecar; unreadable sidecars give nothing', () => {
  const xmpOnly = Buffer.from(`junk${provenanceXmp({ prompt: 'p', model: 'm' })}junk`);
  assert.deepEqual(imageProvenance([Buffer.from('head'), xmpOnly], '{"prompt":"sidecar","model":"m"}'), { prompt: 'p', model: 'm' }, 'the tail is searched too');
  assert.deepEqual(imageProvenance([Buffer.from('head')], '{"prompt":"sidecar","model":"m"}'), { prompt: 'sidecar', model: 'm' });
  assert.deepEqual(imageProvenance([Buffer.from('head')], 'not json'), {});
  assert.deepEqual(imageProvenance([], undefined), {});
  assert.equal(isImageGenProvenance({ prompt: 'p' }), false, 'a model is needed too');
});
