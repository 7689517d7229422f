// A partial image's base64 is decoded while its event arrives: the reader never holds both the
// whole base64 text and the decoded image. Measured: the live memory (after full collections) at
// every chunk the stream hands over, above what was live before.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readImageEventStream } from '../../src/providers/openai/imageEventStream';
import type { ImageSink, SavedImage } from '../../src/providers/provider';
import { gradientPng, noisePngOfSize } from '../simulator/png';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Live bytes after full collections, once freed buffers have been released (that runs after the collection). */
async function live(): Promise<number> {
  for (let round = 0; round < 2; round++) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** The stream's bytes (kept by the test, so part of the baseline) and the partial's size. */
function eventStreamOf(partialBytes: number): { text: Buffer; partialSize: number } {
  const partial = noisePngOfSize(partialBytes);
  const final = gradientPng(64, 64).toString('base64');
  const text = Buffer.from(
    `event: image_generation.partial_image\r\ndata: {"type":"image_generation.partial_image","partial_image_index":0,"b64_json":"${partial.toString('base64')}"}\r\n\r\n` +
      `event: image_generation.completed\ndata: {"type":"image_generation.completed","b64_json":"${final}"}\n\n`,
  );
  return { text, partialSize: partial.length };
}

const discardingSink = (): ImageSink => {
  let bytes = 0;
  return {
    take: (chunk) => void (bytes += chunk.length),
    finish: async () => ({ path: '/dev/null', bytes, format: 'png', width: 64, height: 64 }) as SavedImage,
    abort: async () => undefined,
  };
};

/**
 * The reader pulls the stream chunk by chunk; at each chunk boundary the memory above the
 * baseline is what it holds: the partial decoded so far, and never its base64 text (that alone
 * would be 4/3 of the partial). Decoded pieces go straight into blocks, so the preview handed
 * over is that same memory, not a joined copy; it is sampled there too.
 */
test('a partial image is decoded as it arrives: at no chunk boundary is more than the decoded partial held', async () => {
  const { text, partialSize } = eventStreamOf(4_000_000);
  const previews: number[] = [];
  const baseline = await live();
  let peak = 0;
  async function* body() {
    for (let offset = 0; offset < text.length; offset += 64 * 1024) {
      peak = Math.max(peak, (await live()) - baseline);
      yield text.subarray(offset, offset + 64 * 1024); // A view: the source adds nothing.
    }
  }
  let atPreview = 0;
  const result = await readImageEventStream(body(), {
    partialImages: 1,
    maxPreviewBytes: 50_000_000,
    openImage: async () => discardingSink(),
    onPreview: (preview) => {
      previews.push(preview.parts.reduce((sum, part) => sum + part.length, 0));
      // Synchronous: a full collection here shows what is held while the preview is handed over.
      collect();
      atPreview = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - baseline;
    },
  });
  assert.equal(result?.kind, 'completed');
  assert.deepEqual(previews, [partialSize]);
  const report = `peak ${peak} bytes above the baseline for a ${partialSize}-byte partial`;
  assert.ok(peak > 0.8 * partialSize, `the measurement sees the decoded partial (${report})`);
  assert.ok(peak < 1.2 * partialSize, `less than the partial's base64 text, let alone both (${report})`);
  assert.ok(atPreview < 1.3 * partialSize, `handing the preview over copies nothing whole (${atPreview} bytes held for a ${partialSize}-byte partial)`);
});
