// Contract bullet of issue 22: OpenAI's edits take up to 16 reference images, each less than 50 MB
// (openai-images.openapi.json), not 20 MB; JimmyAI and AIReiter keep 20 MB. The limit is checked
// where references are read (the MCP server's reader here; the extension's shares referenceFits)
// and by the OpenAI client itself; the message names the limit.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findModel } from '../../src/core/catalog/models';
import { readReference } from '../../src/engine/referenceReader';
import { workspaceReferenceFiles } from '../../src/hosts/standalone/standalonePorts';
import { HttpClient } from '../../src/providers/httpClient';
import { referenceImageBlob } from '../../src/providers/openai/referenceImages';
import { referenceFits } from '../../src/saving/referenceImage';

const MB = 1024 * 1024;
/** A file that is a PNG by its bytes, of `bytes` length. */
const pngOf = (bytes: number) => {
  const file = Buffer.alloc(bytes);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(file);
  return file;
};

test('reference size limits per provider: OpenAI under 50 MB, JimmyAI and AIReiter at most 20 MB', () => {
  assert.equal(referenceFits('openai', 30 * MB), true);
  assert.equal(referenceFits('openai', 50 * MB - 1), true);
  assert.equal(referenceFits('openai', 50 * MB), false);
  assert.equal(referenceFits('jimmyai', 20 * MB), true);
  assert.equal(referenceFits('jimmyai', 20 * MB + 1), false);
  assert.equal(referenceFits('aireiter', 20 * MB + 1), false);
  for (const key of ['openai:gpt-image-2', 'openai:gpt-image-1.5']) {
    const model = findModel(key);
    if (model) assert.equal(model.maxReferenceImages, 16, `${key} takes 16 references`);
  }
});

test('a 21 MB reference is read for OpenAI-compatible edits; for JimmyAI it is refused with a message naming 20 MB', async () => {
  const workspace = mkdtempSync(join(tmpdir(), 'imagegen-refs-'));
  try {
    writeFileSync(join(workspace, 'big.png'), pngOf(21 * MB));
    const dataUri = await readReference(workspaceReferenceFiles(workspace), 'big.png', 'openai');
    assert.match(dataUri.slice(0, 30), /^data:image\/png;base64,/);
    await assert.rejects(readReference(workspaceReferenceFiles(workspace), 'big.png', 'jimmyai'), /big\.png \(21\.0 MB\) is too large: JimmyAI takes reference images up to 20 MB/);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('the OpenAI client sends a 21 MB reference and refuses one of 50 MB, naming the limit', async () => {
  const config = { baseUrl: 'https://api.example/v1', http: new HttpClient({ userAgent: 'ImageGen-test/1.0', fetch: async () => new Response('', { status: 500 }) }) };
  const blob = await referenceImageBlob(config, `data:image/png;base64,${pngOf(21 * MB).toString('base64')}`);
  assert.equal(blob.size, 21 * MB);
  await assert.rejects(referenceImageBlob(config, `data:image/png;base64,${pngOf(50 * MB).toString('base64')}`), /under 50 MB/);
});
