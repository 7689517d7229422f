import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { Base64JsonError, extractBase64Images } from '../../src/providers/base64JsonStream';

async function extract(text: string | Buffer, chunkSize: number) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const chunks = (async function* () {
    for (let i = 0; i < bytes.length; i += chunkSize) {
      yield bytes.subarray(i, i + chunkSize);
    }
  })();
  const images: Buffer[][] = [];
  const closed: number[] = [];
  const result = await extractBase64Images(chunks, {
    openImage: async (index) => {
      images[index] = [];
      return { write: async (chunk) => void images[index]!.push(Buffer.from(chunk)) };
    },
    closeImage: async (index) => void closed.push(index),
  });
  return { ...result, images: images.map((parts) => Buffer.concat(parts)), closed };
}

test('images are decoded exactly, whatever the chunk boundaries, and the skeleton keeps the rest', async () => {
  const first = randomBytes(1001);
  const second = randomBytes(64);
  const body = JSON.stringify({ created: 1, data: [{ b64_json: first.toString('base64'), revised_prompt: 'a "b64_json": trap' }, { b64_json: second.toString('base64') }], usage: { n: 1 } });
  for (const size of [1, 2, 3, 5, 7, 64, 4096, body.length]) {
    const result = await extract(body, size);
    assert.equal(result.images.length, 2, `chunk size ${size}`);
    assert.ok(result.images[0]!.equals(first), `first image, chunk size ${size}`);
    assert.ok(result.images[1]!.equals(second), `second image, chunk size ${size}`);
    assert.deepEqual(result.closed, [0, 1]);
    const skeleton = JSON.parse(result.skeletonText);
    assert.deepEqual(skeleton.data, [{ b64_json: '', revised_prompt: 'a "b64_json": trap' }, { b64_json: '' }]);
    assert.deepEqual(skeleton.usage, { n: 1 });
  }
});

test('escaped slashes and line breaks inside the base64 are handled; a key named b64_json in a value is not', async () => {
  // Many random images, so escapes and wraps fall on every position relative to chunk edges.
  for (let round = 0; round < 40; round++) {
    const image = randomBytes(300 + round);
    // Wrap every 76 characters first, then escape slashes, so a wrap never splits an escape.
    const b64 = image.toString('base64').replace(/(.{76})/g, '$1\u0000').replace(/\//g, '\\/').replace(/\u0000/g, '\\n');
    // Two images, so one large chunk holds both (the next quote is searched for again after the first).
    const body = `{"note":"b64_json","data":[ { "b64_json" : "${b64}" }, { "b64_json": "${b64}" } ]}`;
    for (const size of [1, 3, 13, 1000, body.length]) {
      const result = await extract(body, size);
      assert.equal(result.images.length, 2);
      assert.ok(result.images[0]!.equals(image) && result.images[1]!.equals(image), `round ${round}, chunk size ${size}`);
      assert.equal(JSON.parse(result.skeletonText).note, 'b64_json');
    }
  }
});

test('garbage inside b64_json and bodies that end mid-string are errors', async () => {
  await assert.rejects(extract('{"data":[{"b64_json":"abc$def"}]}', 4), Base64JsonError);
  await assert.rejects(extract('{"data":[{"b64_json":"abcd', 4), Base64JsonError);
  await assert.rejects(extract('{"data":[{"b64_json":"abcde"}]}', 4), Base64JsonError);
});

test('answers without images pass through untouched', async () => {
  const result = await extract('{"error":{"message":"nope"}}', 3);
  assert.equal(result.images.length, 0);
  assert.deepEqual(JSON.parse(result.skeletonText), { error: { message: 'nope' } });
});
