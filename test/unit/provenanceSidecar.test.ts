// A JPEG or WebP has no PNG text chunks: its provenance goes into a sidecar beside it
// (`x.jpg.imagegen.json`), written with the image, never over another file; a PNG keeps it inside.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { provenanceSidecarPath, provenanceText, readProvenanceSidecar } from '../../src/core/images/provenance';
import { readPngText } from '../../src/core/png/pngText';
import { ImageFileWriter } from '../../src/saving/imageFileWriter';
import { gradientPng } from '../simulator/png';

const dir = mkdtempSync(join(tmpdir(), 'imagegen-sidecar-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  // A scan (SOS header, then its data) before EOI: a JPEG without one is not a whole image.
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 1, 0x00, 2, 0x11, 3, 0x11, 0x00, 0x3f, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, sos, Buffer.alloc(2048, 7), Buffer.from([0xff, 0xd9])]);
}

const provenance = provenanceText({ input: { modelKey: 'jimmyai:nano-banana', prompt: 'A "quoted" fox', aspectRatio: '1:1' }, task: 'task-1', estimatedCredits: 3, software: 'test' }, new Date('2026-11-23T10:00:00Z'));

async function save(bytes: Buffer, baseName: string): Promise<string> {
  const writer = await ImageFileWriter.create({ folder: dir, baseName, provider: 'test', maxBytes: 1e9, provenance });
  await writer.write(bytes);
  return (await writer.finish()).path;
}

test('a JPEG is saved as it came, with its provenance in a sidecar beside it', async () => {
  const bytes = jpeg(640, 480);
  const path = await save(bytes, 'fox');
  assert.equal(path, join(dir, 'fox.jpg'));
  assert.ok(readFileSync(path).equals(bytes), 'the image bytes are untouched');
  const sidecar = readProvenanceSidecar(readFileSync(provenanceSidecarPath(path), 'utf8'));
  assert.equal(sidecar.prompt, 'A "quoted" fox');
  assert.equal(sidecar.model, 'jimmyai:nano-banana');
  assert.equal(sidecar.task, 'task-1');
  assert.equal(sidecar.credits, '3');
});

test('a second image of the same name gets its own name and its own sidecar; an existing sidecar is never overwritten', async () => {
  writeFileSync(join(dir, 'owl-2.jpg.imagegen.json'), '{"prompt":"someone else\'s"}');
  await save(jpeg(10, 10), 'owl');
  const second = await save(jpeg(20, 20), 'owl');
  assert.equal(second, join(dir, 'owl-2.jpg'));
  assert.equal(readProvenanceSidecar(readFileSync(join(dir, 'owl-2.jpg.imagegen.json'), 'utf8')).prompt, "someone else's", 'left as it was');
  assert.equal(readProvenanceSidecar(readFileSync(join(dir, 'owl.jpg.imagegen.json'), 'utf8')).prompt, 'A "quoted" fox');
});

test('a PNG keeps its provenance inside and gets no sidecar', async () => {
  const path = await save(gradientPng(8, 8), 'cat');
  assert.equal(readPngText(readFileSync(path)).prompt, 'A "quoted" fox');
  assert.equal(existsSync(provenanceSidecarPath(path)), false);
});

test('a sidecar is read leniently: strings only; broken JSON gives nothing', () => {
  assert.deepEqual(readProvenanceSidecar('{"prompt":"p","credits":3,"nested":{"a":1}}'), { prompt: 'p' });
  assert.deepEqual(readProvenanceSidecar('[1,2]'), {});
  assert.deepEqual(readProvenanceSidecar('{not json'), {});
});
