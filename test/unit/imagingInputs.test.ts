// Large inputs cross to the image library's process once: the same bytes (or a RawImage's pixels)
// go as an id the second time; small ones always go whole; the child keeps the latest few.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { InputSender, InputStore, keptInputs } from '../../src/imaging/imagingInputs';

test('the same large bytes are sent once, then by id; a RawImage\'s data too; small bytes always whole', () => {
  const sender = new InputSender();
  const store = new InputStore();
  const large = new Uint8Array(300 * 1024).fill(7);
  const small = new Uint8Array(10).fill(1);
  const raw = { data: new Uint8Array(512 * 1024).fill(9), width: 512, height: 256 };
  const first = sender.encode([large, { format: 'webp' }]);
  assert.ok((first[0] as { bytes?: Uint8Array }).bytes === large, 'the bytes go the first time');
  const second = sender.encode([large, { format: 'avif' }]);
  assert.deepEqual(second[0], { imagegenInput: (first[0] as { imagegenInput: number }).imagegenInput }, 'then the id alone');
  assert.equal(sender.encode([small])[0], small);
  const rawFirst = sender.encode([raw])[0] as { data: { bytes?: Uint8Array } };
  const rawSecond = sender.encode([raw])[0] as { data: { bytes?: Uint8Array }; width: number };
  assert.ok(rawFirst.data.bytes === raw.data);
  assert.equal(rawSecond.data.bytes, undefined);
  assert.equal(rawSecond.width, 512);
  // The child side gives the same bytes back each time.
  assert.equal(store.decode(first)[0], large);
  assert.equal(store.decode(second)[0], large);
  assert.deepEqual(store.decode([rawFirst])[0], raw);
  assert.equal((store.decode([rawSecond])[0] as typeof raw).data, raw.data);
});

test('the child keeps the latest few inputs; an evicted one is a clear error, never wrong bytes', () => {
  const sender = new InputSender();
  const store = new InputStore();
  const inputs = Array.from({ length: keptInputs + 1 }, (_, index) => new Uint8Array(300 * 1024).fill(index));
  const wires = inputs.map((bytes) => sender.encode([bytes])[0]);
  wires.forEach((wire) => store.decode([wire]));
  const again = inputs.map((bytes) => sender.encode([bytes])[0]);
  assert.throws(() => store.decode([again[0]]), /input 1 is no longer kept by the image library's process/);
  assert.equal(store.decode([again[keptInputs]])[0], inputs[keptInputs]);
});

test('through the real child: more inputs at once than it keeps are sent again whole, every call answers', async () => {
  const { join, resolve } = await import('node:path');
  const { loadImaging } = await import('../../src/imaging/loadImaging');
  const lib = await loadImaging(join(resolve(__dirname, '..', '..', '..'), 'dist', 'imaging.js'), { idleMs: 500 });
  // keptInputs + 2 different images of 512×512 (over the shared threshold as raw pixels), each rendered twice, all at once.
  const images = Array.from({ length: keptInputs + 2 }, (_, index) => ({ data: new Uint8Array(512 * 512 * 4).fill(index * 20), width: 512, height: 512 }));
  const calls = [...images, ...images].map((image) => lib.fromRaw(image, { format: 'png' }));
  const outputs = await Promise.all(calls);
  for (const [index, bytes] of outputs.entries()) {
    const info = await lib.inspect(bytes);
    assert.deepEqual([info.format, info.width, info.height], ['png', 512, 512], `call ${index}`);
  }
  const back = await lib.toRaw(outputs[keptInputs + 1]!);
  assert.equal(back.data[0], (keptInputs + 1) * 20, 'each answer is of its own input, none of another');
});
