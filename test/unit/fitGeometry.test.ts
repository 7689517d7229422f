// Fit maths: cover crops the centre with the target's ratio, contain scales and centres inside the
// target, fill stretches; whole pixels, never empty and never outside the image.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { PixelSize } from '../../src/core/catalog/sizes';
import { containPlacement, coverCrop, fitPlacement, sameRatio, type PixelRect } from '../../src/core/output/fitGeometry';

const s = (width: number, height: number): PixelSize => ({ width, height });
const r = (left: number, top: number, width: number, height: number): PixelRect => ({ left, top, width, height });

test('cover: the centred crop of the source with the target ratio', () => {
  const table: [PixelSize, PixelSize, PixelRect][] = [
    [s(1536, 864), s(1200, 630), r(0, 29, 1536, 806)],
    [s(2048, 2048), s(1200, 630), r(0, 486, 2048, 1075)],
    [s(1024, 1536), s(1920, 1080), r(0, 480, 1024, 576)],
    [s(1000, 500), s(100, 100), r(250, 0, 500, 500)],
    [s(1001, 500), s(100, 100), r(250, 0, 500, 500)],
    [s(1200, 630), s(1200, 630), r(0, 0, 1200, 630)],
    [s(3, 3), s(2, 1), r(0, 0, 3, 2)],
    [s(4000, 10), s(10, 4000), r(1999, 0, 1, 10)],
    [s(10, 4000), s(8192, 16), r(0, 1999, 10, 1)],
    [s(1, 1), s(8192, 16), r(0, 0, 1, 1)],
  ];
  for (const [source, target, expected] of table) {
    assert.deepEqual(coverCrop(source, target), expected, `${source.width}x${source.height} → ${target.width}x${target.height}`);
  }
});

test('contain: the scaled size and centred offsets inside the target', () => {
  const table: [PixelSize, PixelSize, PixelRect][] = [
    [s(1536, 864), s(512, 512), r(0, 112, 512, 288)],
    [s(1024, 1536), s(1200, 630), r(390, 0, 420, 630)],
    [s(1000, 1000), s(333, 100), r(116, 0, 100, 100)],
    [s(4000, 10), s(16, 16), r(0, 7, 16, 1)],
    [s(10, 4000), s(16, 16), r(7, 0, 1, 16)],
    [s(7, 3), s(7, 3), r(0, 0, 7, 3)],
  ];
  for (const [source, target, expected] of table) {
    assert.deepEqual(containPlacement(source, target), expected, `${source.width}x${source.height} in ${target.width}x${target.height}`);
  }
});

test('fill and the whole plan for each fit', () => {
  assert.deepEqual(fitPlacement(s(1536, 864), s(1200, 630), 'fill'), { fit: 'fill', crop: r(0, 0, 1536, 864), place: r(0, 0, 1200, 630), target: s(1200, 630) });
  assert.deepEqual(fitPlacement(s(1536, 864), s(1200, 630), 'cover').place, r(0, 0, 1200, 630), 'cover fills the whole target');
  assert.deepEqual(fitPlacement(s(1536, 864), s(512, 512), 'contain').crop, r(0, 0, 1536, 864), 'contain uses the whole source');
  assert.ok(sameRatio(s(2048, 1152), s(1600, 900)));
  assert.ok(!sameRatio(s(1536, 864), s(1200, 630)));
});

test('every size and ratio: rectangles are whole, non-empty, inside, centred and as close to the ratio as pixels allow', () => {
  const sides = [1, 2, 3, 7, 16, 17, 99, 630, 1001, 1024, 1536, 4095, 8192];
  for (const sw of sides) for (const sh of sides) for (const tw of sides) for (const th of sides) {
    const source = s(sw, sh);
    const target = s(tw, th);
    for (const [rect, outer] of [[coverCrop(source, target), source], [containPlacement(source, target), target]] as const) {
      const label = `${sw}x${sh} / ${tw}x${th}: ${JSON.stringify(rect)}`;
      assert.ok(Object.values(rect).every(Number.isInteger), label);
      assert.ok(rect.width >= 1 && rect.height >= 1, label);
      assert.ok(rect.left >= 0 && rect.top >= 0 && rect.left + rect.width <= outer.width && rect.top + rect.height <= outer.height, label);
      assert.ok(Math.abs(outer.width - rect.width - 2 * rect.left) <= 1 && Math.abs(outer.height - rect.height - 2 * rect.top) <= 1, `centred: ${label}`);
      assert.ok(rect.width === outer.width || rect.height === outer.height, `one side is whole: ${label}`);
    }
    const crop = coverCrop(source, target);
    // Rounding one side moves the ratio by at most half a pixel on that side (unless clamped to 1).
    if (crop.width > 1 && crop.height > 1) {
      const error = Math.abs(crop.width * th - tw * crop.height);
      assert.ok(error <= Math.max(tw, th) / 2 + 1e-9, `ratio: ${sw}x${sh} / ${tw}x${th}: ${JSON.stringify(crop)}`);
    }
  }
});

test('sizes that are not whole positive pixels are a programming error', () => {
  assert.throws(() => coverCrop(s(0, 10), s(10, 10)), RangeError);
  assert.throws(() => containPlacement(s(10, 10), s(10.5, 10)), RangeError);
  assert.throws(() => fitPlacement(s(10, 10), s(-1, 10), 'fill'), RangeError);
});
