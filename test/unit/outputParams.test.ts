// The output options as hosts receive them (tool JSON, MCP arguments, command-line strings):
// read into OutputOptions, or refused with every problem at once, naming the caller's parameter.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseOutputParams, type OutputParamNames, type OutputParams } from '../../src/core/output/outputParams';
import { resolveOutput } from '../../src/core/output/outputOptions';

const problems = (params: OutputParams, names?: OutputParamNames): readonly string[] => {
  const result = parseOutputParams(params, names);
  assert.ok(!result.ok, `expected ${JSON.stringify(params)} to be refused`);
  return result.problems;
};
const options = (params: OutputParams) => {
  const result = parseOutputParams(params);
  assert.ok(result.ok, `expected ${JSON.stringify(params)} to be read: ${result.ok ? '' : result.problems.join(' ')}`);
  return result.output;
};

test('nothing given: no output, so the provider image is saved as it is', () => {
  assert.deepEqual(parseOutputParams({}), { ok: true, output: undefined });
  assert.deepEqual(parseOutputParams({ format: undefined, widths: undefined }), { ok: true, output: undefined });
});

test('strings and numbers as hosts send them become typed options', () => {
  assert.deepEqual(options({ format: 'webp', quality: 75, size: '1200x630', fit: 'contain', background: 'opaque' }), {
    format: 'webp',
    quality: 75,
    size: { width: 1200, height: 630 },
    fit: 'contain',
    background: 'opaque',
  });
  // The command line gives every value as a string.
  assert.deepEqual(options({ format: 'JPG', quality: '90', size: ' 800×600 ' }), { format: 'jpeg', quality: 90, size: { width: 800, height: 600 } });
  assert.deepEqual(options({ assetSet: 'responsive', widths: '1280, 640', avif: 'true', format: 'jpeg' }), { assetSet: 'responsive', widths: [1280, 640], avif: true, format: 'jpeg' });
  assert.deepEqual(options({ assetSet: 'responsive', widths: [640, '1920'], avif: false }), { assetSet: 'responsive', widths: [640, 1920], avif: false });
  assert.deepEqual(options({ assetSet: 'og-card' }), { assetSet: 'og-card' });
  const read = options({ assetSet: 'favicon', background: 'transparent' });
  assert.ok(read && resolveOutput(read).ok, 'what is read resolves');
});

test('an unreadable value names the parameter as the caller typed it and the allowed values', () => {
  assert.deepEqual(problems({ format: 'gif' }), ['Output format "gif" is not one of png, webp, avif, jpeg.']);
  assert.deepEqual(problems({ format: 'gif' }, { format: 'outputFormat' }), ['outputFormat "gif" is not one of png, webp, avif, jpeg.']);
  assert.deepEqual(problems({ size: 'big' }, { size: '--output-size' }), ['--output-size "big" is not WIDTHxHEIGHT, for example 1200x630.']);
  assert.deepEqual(problems({ fit: 'crop' }, { fit: 'fit' }), ['fit "crop" is not one of cover, contain, fill.']);
  assert.deepEqual(problems({ background: 'white' }), ['Background "white" is not one of transparent, opaque, auto.']);
  assert.deepEqual(problems({ assetSet: 'icons' }, { assetSet: 'asset_set' }), ['asset_set "icons" is not one of favicon, og-card, responsive.']);
  assert.deepEqual(problems({ format: 'webp', quality: 'high' }, { quality: 'output_quality' }), ['output_quality "high" is not a number: give a whole number from 0 to 100.']);
  assert.deepEqual(problems({ assetSet: 'responsive', widths: '640,wide' }, { widths: '--widths' }), ['--widths "640,wide" is not a list of whole numbers, for example 640,1280,1920.']);
  assert.deepEqual(problems({ assetSet: 'responsive', avif: 'maybe' }), ['avif "maybe" is not true or false.']);
  assert.deepEqual(problems({ size: 1200 }), ['Output size "1200" is not WIDTHxHEIGHT, for example 1200x630.'], 'a number is no size');
});

test('every problem at once: the unreadable values, then the rules of resolveOutput in its own words', () => {
  const all = problems({ format: 'gif', size: 'huge', background: 'transparent', assetSet: 'favicon', widths: [640] });
  assert.deepEqual(all, [
    'Output format "gif" is not one of png, webp, avif, jpeg.',
    'Output size "huge" is not WIDTHxHEIGHT, for example 1200x630.',
    ...(resolveOutput({ background: 'transparent', assetSet: 'favicon', widths: [640] }) as { problems: readonly string[] }).problems,
  ]);
  assert.ok(all.some((problem) => problem.startsWith('Widths are for the responsive set')), all.join('\n'));
  assert.deepEqual(problems({ format: 'jpeg', quality: 150, background: 'transparent' }), ['Quality 150 is not a whole number from 0 to 100.', 'JPEG has no transparency: use png or webp.']);
  assert.deepEqual(problems({ size: '10x10' }), ['10×10 is outside what ImageGen delivers: both sides from 16 to 8192 pixels.']);
});

test('a value that cannot be read is not judged again through the rules that depend on it', () => {
  // Without its format a quality would be judged against PNG, which takes none.
  assert.deepEqual(problems({ format: 'gif', quality: 80 }), ['Output format "gif" is not one of png, webp, avif, jpeg.']);
  // Without their set, widths and avif would be said to need the responsive set.
  assert.deepEqual(problems({ assetSet: 'srcset', widths: [640], avif: true }), ['Asset set "srcset" is not one of favicon, og-card, responsive.']);
});
