// The output as a form and a file write it: the studio's fields and an output block (a preset's, a
// scripted command's) become the same output options, and what cannot be read is named.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readOutputBlock } from '../../src/core/output/outputBlock';
import { defaultOutputFields, outputFieldsOf, outputOptionsOf } from '../../src/core/output/outputFields';
import { parseOutputLine } from '../../src/core/output/outputLine';

test('untouched fields ask for no output; each field set becomes its option', () => {
  assert.deepEqual(outputOptionsOf(defaultOutputFields), { ok: true, options: undefined });
  assert.deepEqual(outputOptionsOf({ ...defaultOutputFields, format: 'webp', quality: '70', size: '1200x630', fit: 'contain', background: 'opaque' }), {
    ok: true,
    options: { format: 'webp', quality: 70, size: { width: 1200, height: 630 }, fit: 'contain', background: 'opaque' },
  });
  assert.deepEqual(outputOptionsOf({ ...defaultOutputFields, quality: '70' }), { ok: true, options: undefined }, 'a quality typed for PNG is not sent: the field is hidden for lossless PNG');
  assert.deepEqual(outputOptionsOf({ ...defaultOutputFields, assetSet: 'responsive', widths: '640, 1280 1920', avif: true }), { ok: true, options: { assetSet: 'responsive', widths: [640, 1280, 1920], avif: true } });
  assert.deepEqual(outputOptionsOf({ ...defaultOutputFields, widths: 'abc', avif: true }), { ok: true, options: undefined }, 'widths and AVIF only count for a responsive set');
});

test('texts the form cannot read are named by field', () => {
  const read = outputOptionsOf({ ...defaultOutputFields, format: 'jpeg', quality: 'high', size: '1200 by 630', assetSet: 'responsive', widths: '640, wide' });
  assert.equal(read.ok, false);
  assert.deepEqual(!read.ok && read.unreadable, [
    { field: 'size', text: '1200 by 630' },
    { field: 'quality', text: 'high' },
    { field: 'widths', text: '640, wide' },
  ]);
});

test('options shown as fields read back to the same options', () => {
  for (const options of [{ format: 'avif', quality: 50, size: { width: 800, height: 800 }, fit: 'fill', background: 'transparent' }, { assetSet: 'responsive', widths: [320, 640], avif: true }, { assetSet: 'og-card', format: 'jpeg' }] as const) {
    assert.deepEqual(outputOptionsOf(outputFieldsOf(options)), { ok: true, options });
  }
  assert.deepEqual(outputFieldsOf(undefined), defaultOutputFields);
});

test('an output block is the wizard\'s line or an object; a bad one says what is wrong, starting with output', () => {
  assert.deepEqual(readOutputBlock(undefined), { ok: true, options: undefined });
  const line = readOutputBlock('1600×900 webp q80');
  assert.deepEqual(line, { ok: true, options: { size: { width: 1600, height: 900 }, format: 'webp', quality: 80 } });
  assert.deepEqual(readOutputBlock({ format: 'webp', quality: 80, size: { width: 1600, height: 900 } }), line, 'both forms ask for the same');
  const word = readOutputBlock('1600x900 gif');
  assert.ok(!word.ok && /^output: "gif" is not an output word/.test(word.problems[0]!), JSON.stringify(word));
  const rule = readOutputBlock({ format: 'png', quality: 80 });
  assert.ok(!rule.ok && /^output: PNG is lossless/.test(rule.problems[0]!), JSON.stringify(rule));
  const kind = readOutputBlock({ format: 'gif' });
  assert.ok(!kind.ok && kind.problems[0]!.startsWith('output.format: '), JSON.stringify(kind));
  assert.deepEqual(!kind.ok && kind.path, ['output', 'format'], 'the problem points at the field');
  const shape = readOutputBlock(42);
  assert.ok(!shape.ok && /write it as one line like "1600x900 webp q80"/.test(shape.problems[0]!));
});

test('the examples the JSON schema offers for the line are lines ImageGen reads', async () => {
  const { readFileSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const schema = JSON.parse(readFileSync(join(resolve(__dirname, '..', '..', '..'), 'media', 'schemas', 'imagegen.schema.json'), 'utf8'));
  const examples: string[] = schema.properties.presets.items.properties.output.oneOf[0].examples;
  assert.ok(examples.length > 0);
  for (const example of examples) {
    const read = parseOutputLine(example);
    assert.ok(read.ok, `${example}: ${read.ok ? '' : read.problems.join(' ')}`);
  }
});
