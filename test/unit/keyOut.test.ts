// "Remove a flat background" on synthetic RGBA images: antialiased edges get coverage alpha with the
// background taken out of their colour, background enclosed by the subject stays, noise is keyed,
// a border that is not one colour is refused, and the image keeps its size.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { flatBackgroundPrompt, flatBackgroundSentence, keyOutBackground, type RgbaPixels } from '../../src/core/output/keyOut';

type Rgb = readonly [number, number, number];
const white: Rgb = [255, 255, 255];
const red: Rgb = [200, 30, 40];

/** An image where `coverage(x, y)` (0–1) of each pixel is `subject`, the rest `background`, plus optional noise. */
function paint(width: number, height: number, background: Rgb, subject: Rgb, coverage: (x: number, y: number) => number, noise = 0): RgbaPixels {
  const data = new Uint8Array(width * height * 4);
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = coverage(x, y);
      const p = (y * width + x) * 4;
      for (let k = 0; k < 3; k++) data[p + k] = Math.min(255, Math.max(0, Math.round(c * subject[k]! + (1 - c) * background[k]! + noise * random())));
      data[p + 3] = 255;
    }
  }
  return { data, width, height };
}

/** The share of a pixel inside a disc, by 8×8 supersampling: what antialiasing paints. */
const disc = (cx: number, cy: number, radius: number) => (x: number, y: number) => {
  let inside = 0;
  for (let sy = 0; sy < 8; sy++) for (let sx = 0; sx < 8; sx++) if ((x + (sx + 0.5) / 8 - cx) ** 2 + (y + (sy + 0.5) / 8 - cy) ** 2 <= radius * radius) inside++;
  return inside / 64;
};

const pixel = (image: RgbaPixels, x: number, y: number) => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));
const keyed = (image: RgbaPixels) => {
  const result = keyOutBackground(image);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result;
};

test('a disc on white: outside transparent, inside opaque and unchanged, the rim partly transparent with the white taken out', () => {
  const coverage = disc(32, 32, 20);
  const source = paint(64, 64, white, red, coverage);
  const before = new Uint8Array(source.data);
  const result = keyed(source);
  assert.equal(result.image.width, 64);
  assert.equal(result.image.height, 64);
  assert.equal(result.image.data.length, source.data.length);
  assert.deepEqual(source.data, before, 'the input is not changed');
  assert.deepEqual(result.background, white);
  let rimPixels = 0;
  for (let y = 0; y < 64; y++) {
    for (let x = 0; x < 64; x++) {
      const c = coverage(x, y);
      const [r, g, b, a] = pixel(result.image, x, y);
      if (c === 0) assert.equal(a, 0, `outside ${x},${y}`);
      else if (c === 1) assert.deepEqual([r, g, b, a], [...red, 255], `inside ${x},${y}`);
      else if (c >= 0.15 && c <= 0.85) {
        rimPixels++;
        assert.ok(Math.abs(a! / 255 - c) < 0.1, `alpha ${a} for coverage ${c} at ${x},${y}`);
        // De-spilled: the subject's colour, not the pink of red mixed with white.
        for (let k = 0; k < 3; k++) assert.ok(Math.abs([r, g, b][k]! - red[k]!) <= 8, `colour ${[r, g, b]} at ${x},${y}`);
      }
    }
  }
  assert.ok(rimPixels > 40, `${rimPixels} rim pixels checked`);
  const outsideShare = Array.from({ length: 64 * 64 }, (_, i) => coverage(i % 64, Math.floor(i / 64))).filter((c) => c === 0).length / (64 * 64);
  assert.ok(Math.abs(result.removedFraction - outsideShare) < 0.01, `${result.removedFraction} vs ${outsideShare}`);
});

test('background colour enclosed by the subject stays opaque: only what the border reaches is removed', () => {
  // A dark ring with a white inside, and a white dot inside a red square.
  const ring = (x: number, y: number) => {
    const d = Math.hypot(x + 0.5 - 24, y + 0.5 - 24);
    return d <= 16 && d >= 11 ? 1 : 0;
  };
  const square = (x: number, y: number) => (x >= 44 && x < 60 && y >= 8 && y < 24 && !(x >= 50 && x < 54 && y >= 14 && y < 18) ? 1 : 0);
  const source = paint(64, 48, white, [20, 20, 30], (x, y) => Math.max(ring(x, y), square(x, y)));
  const result = keyed(source);
  assert.deepEqual(pixel(result.image, 24, 24), [255, 255, 255, 255], 'the inside of the ring');
  assert.deepEqual(pixel(result.image, 51, 15), [255, 255, 255, 255], 'the hole in the square');
  assert.equal(pixel(result.image, 2, 2)[3], 0);
  assert.equal(pixel(result.image, 40, 40)[3], 0);
  assert.equal(pixel(result.image, 24, 10)[3], 255, 'the ring itself');
});

test('a background with ±6 of noise is keyed; any background colour, read from the border', () => {
  const green: Rgb = [30, 170, 70];
  const coverage = disc(40, 30, 15);
  const result = keyed(paint(80, 60, green, [240, 220, 40], coverage, 6));
  for (const [r, g, b] of [[result.background[0], result.background[1], result.background[2]]]) {
    assert.ok(Math.abs(r! - 30) <= 3 && Math.abs(g! - 170) <= 3 && Math.abs(b! - 70) <= 3, `${result.background}`);
  }
  for (let y = 0; y < 60; y++) {
    for (let x = 0; x < 80; x++) {
      const c = coverage(x, y);
      const alpha = pixel(result.image, x, y)[3];
      if (c === 0 && Math.hypot(x + 0.5 - 40, y + 0.5 - 30) > 17) assert.equal(alpha, 0, `background ${x},${y}`);
      if (c === 1) assert.equal(alpha, 255, `subject ${x},${y}`);
    }
  }
});

test('a border that is not one colour is refused: a gradient, a photo-like texture', () => {
  const gradient = paint(64, 64, [0, 0, 0], [255, 255, 255], (_x, y) => y / 63);
  const photo = paint(64, 64, [128, 128, 128], [128, 128, 128], () => 0, 120);
  for (const image of [gradient, photo]) {
    const result = keyOutBackground(image);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'notFlat');
    assert.match(!result.ok ? result.message : '', /% of the image's border is one colour/);
  }
  // A subject covering a third of the border is not a flat background either.
  const wide = paint(64, 64, white, red, (x) => (x < 22 ? 1 : 0));
  assert.equal(keyOutBackground(wide).ok, false);
});

test('a subject touching the border on one side: its border pixels stay, the background around it goes', () => {
  const coverage = disc(0, 32, 14);
  const result = keyed(paint(64, 64, white, red, coverage));
  assert.deepEqual(pixel(result.image, 0, 32), [...red, 255]);
  assert.deepEqual(pixel(result.image, 5, 32), [...red, 255]);
  assert.equal(pixel(result.image, 0, 5)[3], 0);
  assert.equal(pixel(result.image, 63, 32)[3], 0);
  assert.equal(pixel(result.image, 30, 32)[3], 0);
});

test('refusals: already transparent, nothing but background, too small', () => {
  const transparent = paint(16, 16, white, red, disc(8, 8, 4));
  for (let p = 3; p < transparent.data.length; p += 4) transparent.data[p] = 0;
  const clear = keyOutBackground(transparent);
  assert.equal(!clear.ok && clear.reason, 'alreadyTransparent');
  const empty = keyOutBackground(paint(32, 32, white, red, () => 0, 4));
  assert.equal(!empty.ok && empty.reason, 'noSubject');
  const tiny = keyOutBackground(paint(2, 2, white, red, () => 0));
  assert.equal(!tiny.ok && tiny.reason, 'tooSmall');
});

test('existing partial alpha is kept and multiplied, not replaced', () => {
  const source = paint(32, 32, white, red, disc(16, 16, 8));
  source.data[(16 * 32 + 16) * 4 + 3] = 100;
  const result = keyed(source);
  assert.equal(pixel(result.image, 16, 16)[3], 100);
});

// Its time is the bench's to measure (timed unit tests on a shared machine only flake).
test('2048×2048: the removed share is the area outside the disc', () => {
  const source = paint(2048, 2048, white, red, (x, y) => ((x - 1024) ** 2 + (y - 1024) ** 2 <= 700 ** 2 ? 1 : 0), 5);
  const result = keyed(source);
  assert.ok(Math.abs(result.removedFraction - (1 - (Math.PI * 700 ** 2) / 2048 ** 2)) < 0.01);
});

test('flatBackgroundPrompt: the sentence after the prompt, once', () => {
  assert.equal(flatBackgroundPrompt('A fox logo'), `A fox logo. ${flatBackgroundSentence}`);
  assert.equal(flatBackgroundPrompt('A fox logo!  '), `A fox logo! ${flatBackgroundSentence}`);
  assert.equal(flatBackgroundPrompt(flatBackgroundPrompt('A fox logo')), flatBackgroundPrompt('A fox logo'));
  assert.equal(flatBackgroundPrompt(''), flatBackgroundSentence);
  assert.match(flatBackgroundSentence, /plain, uniform, solid pure white background/);
});
