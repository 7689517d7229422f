// The output line of Convert / Resize Image…: the hosts' output words, checked against the image
// (never upscale; a set only where one can be written; nothing to do is said).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversionNote, readConvertLine, suggestedConvertLine } from '../../src/core/output/convertLine';

const hero = { name: 'hero.png', size: { width: 1536, height: 864 }, format: 'png' };

test('a format, quality, size and fit the image can give', () => {
  const result = readConvertLine('1200x630 webp q70 contain', hero, false);
  assert.ok(result.ok);
  assert.deepEqual([result.output.format, result.output.quality, result.output.size, result.output.fit], ['webp', 70, { width: 1200, height: 630 }, 'contain']);
  const same = readConvertLine('1536x864 jpeg', hero, false);
  assert.ok(same.ok, 'the image’s own size is not an upscale');
});

test('larger than the image in either side is refused, naming the image’s size', () => {
  for (const line of ['2048x864 webp', '1536x900 webp', '4000x4000']) {
    const result = readConvertLine(line, hero, false);
    assert.equal(result.ok, false, line);
    assert.match(result.ok ? '' : result.problems.join(' '), /hero\.png is 1536×864, so .* would be upscaled: choose a size no larger than 1536×864\./);
  }
});

test('the output words’ own problems come through unchanged', () => {
  const result = readConvertLine('webp q80 sparkly', hero, false);
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.problems[0]!, /"sparkly" is not an output word/);
  const png = readConvertLine('png q80', hero, false);
  assert.match(png.ok ? '' : png.problems[0]!, /PNG is lossless/);
});

test('sets: refused with plain words while no set can be written here; passed on once one can', () => {
  const refused = readConvertLine('og-card', hero, false);
  assert.match(refused.ok ? '' : refused.problems.join(' '), /The og-card set cannot be made from an existing image yet: ask for it when you generate the image/);
  const offered = readConvertLine('og-card webp', hero, true);
  assert.ok(offered.ok && offered.output.assetSet === 'og-card');
});

test('nothing to do (the same format, no size, no quality) and "opaque" are said, not silently ignored', () => {
  assert.match(JSON.stringify(readConvertLine('png', hero, false)), /hero\.png already is PNG/);
  assert.ok(readConvertLine('webp q50', { ...hero, format: 'webp' }, false).ok, 're-encoding at another quality is something to do');
  assert.match(JSON.stringify(readConvertLine('webp opaque', hero, false)), /leave out \\"opaque\\"/);
});

test('the suggested line is valid for the image it is offered for; the note says what came from what', () => {
  for (const format of ['png', 'jpeg', 'webp', 'avif']) {
    assert.ok(readConvertLine(suggestedConvertLine(format), { ...hero, format }, false).ok, format);
  }
  const line = readConvertLine('1200x630 webp q80', hero, false);
  assert.ok(line.ok);
  assert.equal(conversionNote(hero, line.output, { width: 1200, height: 630 }, new Date('2026-01-02T03:04:05Z')), '2026-01-02T03:04:05.000Z: 1200×630 webp q80 (cover) from hero.png (1536×864)');
});
