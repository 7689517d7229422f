// A partial image is gathered in blocks that each own their ArrayBuffer: VS Code sends a typed
// array's whole buffer to a webview, so a view into Node's shared pool would carry other bytes.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { PreviewParts } from '../../src/providers/openai/previewParts';

const pieces = (bytes: Buffer, sizes: number[]) => {
  const result: Buffer[] = [];
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    // Small decoded pieces are views into Node's pool, as Buffer.from(text, 'base64') makes them.
    result.push(Buffer.from(bytes.subarray(offset, offset + size).toString('base64'), 'base64'));
    offset += size;
  }
  return result;
};

for (const [name, total, sizes] of [
  ['one small piece', 100, [100]],
  ['pooled pieces across block edges', 700_000, [1, 4095, 300, 2048]],
  ['exactly one block', 256 * 1024, [1000]],
  ['large pieces', 3_000_000, [100_000, 700_000]],
] as const) {
  test(`preview parts: ${name} — in order, whole, each part owning exactly its buffer`, () => {
    const source = randomBytes(total);
    const parts = new PreviewParts(10_000_000);
    const input = pieces(source, [...sizes]);
    for (const piece of input) parts.push(piece);
    assert.equal(parts.byteLength, total);
    const out = parts.finish();
    assert.ok(Buffer.concat(out).equals(source));
    for (const part of out) {
      assert.equal(part.byteOffset, 0);
      assert.equal(part.byteLength, part.buffer.byteLength, 'no pool slab, no unfilled tail travels with a part');
    }
  });
}

test('preview parts: a preview past its cap is dropped, not cut', () => {
  const parts = new PreviewParts(1000);
  parts.push(randomBytes(600));
  parts.push(randomBytes(600));
  parts.push(randomBytes(10));
  assert.deepEqual(parts.finish(), []);
});

test('preview parts: nothing pushed gives no parts', () => {
  assert.deepEqual(new PreviewParts(1000).finish(), []);
});
