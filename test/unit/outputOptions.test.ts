// The output options every host resolves the same way: defaults, the rules with their words, and
// the one editable line the wizard shows, read back to the same output.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeOutput, parseOutputLine } from '../../src/core/output/outputLine';
import { defaultQuality, outputOptionsSchema, parseOutputSize, resolveOutput, type OutputOptions, type ResolvedOutput } from '../../src/core/output/outputOptions';

const resolved = (options: OutputOptions): ResolvedOutput => {
  const result = resolveOutput(options);
  assert.ok(result.ok, `expected ${JSON.stringify(options)} to resolve: ${result.ok ? '' : result.problems.join(' ')}`);
  return result.output;
};
const problems = (options: OutputOptions): readonly string[] => {
  const result = resolveOutput(options);
  assert.ok(!result.ok, `expected ${JSON.stringify(options)} to be refused`);
  return result.problems;
};

test('sizes and default qualities', () => {
  assert.deepEqual(parseOutputSize('1200x630'), { width: 1200, height: 630 });
  assert.deepEqual(parseOutputSize('1200×630'), { width: 1200, height: 630 });
  assert.equal(parseOutputSize('1200 by 630'), undefined);
  assert.equal(parseOutputSize('0x630'), undefined);
  assert.deepEqual((['png', 'webp', 'avif', 'jpeg'] as const).map(defaultQuality), [undefined, 80, 60, 85]);
});

test('defaults are filled in: png, auto background, cover only with a size, og-card at 1200×630, responsive widths sorted', () => {
  assert.deepEqual(resolved({}), { format: 'png', background: 'auto', avif: false });
  assert.deepEqual(resolved({ format: 'webp', size: { width: 1600, height: 900 } }), { format: 'webp', quality: 80, size: { width: 1600, height: 900 }, fit: 'cover', background: 'auto', avif: false });
  assert.deepEqual(resolved({ assetSet: 'og-card', format: 'jpeg', quality: 70 }), { format: 'jpeg', quality: 70, size: { width: 1200, height: 630 }, fit: 'cover', background: 'auto', assetSet: 'og-card', avif: false });
  assert.deepEqual(resolved({ assetSet: 'responsive' }).widths, [640, 1280, 1920]);
  assert.deepEqual(resolved({ assetSet: 'responsive', widths: [1920, 640, 640], avif: true }).widths, [640, 1920]);
  assert.equal(resolved({ quality: 0, format: 'avif' }).quality, 0);
});

test('each rule is refused with an actionable sentence', () => {
  const table: [OutputOptions, RegExp][] = [
    [{ format: 'webp', quality: 101 }, /Quality 101 is not a whole number from 0 to 100/],
    [{ format: 'jpeg', quality: -1 }, /0 to 100/],
    [{ format: 'webp', quality: 80.5 }, /whole number/],
    [{ quality: 80 }, /PNG is lossless.*choose webp, avif or jpeg/],
    [{ format: 'jpeg', background: 'transparent' }, /^JPEG has no transparency: use png or webp\.$/],
    [{ size: { width: 8, height: 630 } }, /both sides from 16 to 8192/],
    [{ size: { width: 9000, height: 630 } }, /both sides from 16 to 8192/],
    [{ assetSet: 'favicon', size: { width: 64, height: 64 } }, /favicon set has its own sizes/],
    [{ assetSet: 'favicon', format: 'webp' }, /always ICO and PNG/],
    [{ assetSet: 'og-card', size: { width: 1600, height: 900 } }, /An OG card is 1200×630.*1600×900/],
    [{ assetSet: 'responsive', size: { width: 1600, height: 900 } }, /give widths instead of a size/],
    [{ assetSet: 'responsive', format: 'webp' }, /fallback: png or jpeg/],
    [{ assetSet: 'responsive', widths: [640, 10, 9000] }, /Widths 10, 9000 are out of range: each width from 16 to 8192/],
    [{ assetSet: 'responsive', widths: [] }, /at least one width/],
    [{ widths: [640] }, /Widths are for the responsive set/],
    [{ avif: true }, /for one AVIF image choose the format avif/],
    [{ assetSet: 'responsive', format: 'jpeg', background: 'transparent' }, /JPEG has no transparency/],
    // Never dropped without a word: a fit with nothing to fit, an OG card no link preview shows.
    [{ fit: 'contain' }, /^A fit says how an exact size is reached: give the size too \(for example 1200x630\), or leave the fit out\.$/],
    [{ assetSet: 'favicon', fit: 'contain' }, /^The favicon set sizes its files itself: leave out the fit\.$/],
    [{ assetSet: 'og-card', format: 'avif' }, /^Link previews do not show AVIF: an OG card is png, jpeg or webp\.$/],
  ];
  for (const [options, expected] of table) {
    const found = problems(options);
    assert.ok(found.some((problem) => expected.test(problem)), `${JSON.stringify(options)}: ${found.join(' | ')}`);
  }
  assert.equal(problems({ format: 'jpeg', quality: 200, background: 'transparent' }).length, 2, 'every problem at once');
  assert.deepEqual(resolved({ assetSet: 'og-card', size: { width: 1200, height: 630 } }).size, { width: 1200, height: 630 }, 'the card size itself is no conflict');
});

test('the schema takes the camelCase shape and refuses other types', () => {
  assert.ok(outputOptionsSchema.safeParse({ format: 'webp', quality: 80, size: { width: 1200, height: 630 }, fit: 'cover', background: 'transparent', assetSet: 'og-card', widths: [640], avif: true }).success);
  assert.ok(!outputOptionsSchema.safeParse({ format: 'gif' }).success);
  assert.ok(!outputOptionsSchema.safeParse({ size: { width: 12.5, height: 630 } }).success);
  assert.ok(!outputOptionsSchema.safeParse({ assetSet: 'og_card' }).success);
});

test('describeOutput writes one line', () => {
  const table: [OutputOptions, string][] = [
    [{}, 'png'],
    [{ format: 'webp', size: { width: 1200, height: 630 } }, '1200×630 webp q80, cropped'],
    [{ size: { width: 512, height: 512 }, fit: 'contain', background: 'transparent' }, '512×512 png, padded, transparent'],
    [{ format: 'jpeg', quality: 90, size: { width: 800, height: 800 }, fit: 'fill' }, '800×800 jpeg q90, stretched'],
    [{ assetSet: 'favicon', background: 'transparent' }, 'favicon set, transparent'],
    [{ assetSet: 'og-card', format: 'webp' }, 'og-card 1200×630 webp q80, cropped'],
    [{ assetSet: 'responsive', avif: true }, 'responsive 640,1280,1920 +avif, png fallback'],
    [{ assetSet: 'responsive', format: 'jpeg', widths: [480, 960] }, 'responsive 480,960, jpeg fallback q85'],
  ];
  for (const [options, line] of table) {
    const output = resolved(options);
    assert.equal(describeOutput(output), line);
    const back = parseOutputLine(line);
    assert.ok(back.ok, `${line}: ${back.ok ? '' : back.problems.join(' ')}`);
    assert.deepEqual(back.output, output, `"${line}" reads back to the same output`);
  }
});

test('parseOutputLine reads what a user types, and says what it cannot', () => {
  const line = parseOutputLine('1600x900 webp q80 cover');
  assert.ok(line.ok);
  assert.deepEqual(line.output, resolved({ size: { width: 1600, height: 900 }, format: 'webp', quality: 80, fit: 'cover' }));
  const synonyms: [string, OutputOptions][] = [
    ['', {}],
    ['  JPG  q70 ', { format: 'jpeg', quality: 70 }],
    ['512×512 contain transparent background', { size: { width: 512, height: 512 }, fit: 'contain', background: 'transparent' }],
    ['og webp', { assetSet: 'og-card', format: 'webp' }],
    ['responsive 640w,1280w', { assetSet: 'responsive', widths: [640, 1280] }],
  ];
  for (const [text, options] of synonyms) {
    const result = parseOutputLine(text);
    assert.ok(result.ok, text);
    assert.deepEqual(result.output, resolved(options), text);
  }
  const refused: [string, RegExp][] = [
    ['1600x900 gif', /"gif" is not an output word.*for example "1600x900 webp q80 cover"/],
    ['png webp', /"webp" contradicts "png"/],
    ['jpeg transparent', /JPEG has no transparency/],
    ['webp q150', /0 to 100/],
  ];
  for (const [text, expected] of refused) {
    const result = parseOutputLine(text);
    assert.ok(!result.ok && result.problems.some((problem) => expected.test(problem)), `${text}: ${JSON.stringify(result)}`);
  }
  assert.ok(parseOutputLine('webp webp').ok, 'a repeated word is no contradiction');
});

test('a responsive set takes at most 16 widths, in every host (each width is a file)', () => {
  const widths = Array.from({ length: 17 }, (_, i) => 100 + i * 10);
  const refused = resolveOutput({ assetSet: 'responsive', widths });
  assert.deepEqual(refused, { ok: false, problems: ['A responsive set takes at most 16 widths (each is a file); 17 were given.'] });
  assert.equal(resolveOutput({ assetSet: 'responsive', widths: widths.slice(0, 16) }).ok, true);
});
