// The team's presets file (.vscode/imagegen.json): good presets load; each bad one is left out
// with a problem naming it; applying one appends its style and carries its choices. The JSON
// schema contributed for the file names the same fields and models as the checks.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { offeredModels } from '../../src/core/catalog/models';
import { draftInput, newDraft, presetDraft } from '../../src/core/catalog/generationDraft';
import { validateGeneration } from '../../src/core/catalog/validateGeneration';
import { presetInput, presetSchema, readPresets } from '../../src/core/presets/presets';

const root = resolve(__dirname, '..', '..', '..');

test('good presets load; bad ones are left out, each problem naming its preset', () => {
  const read = readPresets(JSON.stringify({
    presets: [
      { name: 'Blog hero', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', resolution: '2K', style: 'flat illustration, brand colours', referenceImages: ['brand/palette.png'] },
      { name: 'Icon', model: 'jimmyai:nano-banana', aspectRatio: '1:1' },
      { name: 'Too big', model: 'aireiter:gpt_image_2_official', aspectRatio: '1:1', resolution: '4K' },
      { name: 'Leaky', model: 'aireiter:gpt_image_2', referenceImages: ['../secrets.png'] },
      { name: 'Icon', model: 'jimmyai:nano-banana' },
      { model: 'nobody:nothing' },
    ],
    future: 'ignored',
  }));
  assert.deepEqual(read.presets.map((preset) => preset.name), ['Blog hero', 'Icon']);
  const messages = read.problems.map((problem) => problem.message);
  assert.equal(messages.length, 4, messages.join('\n'));
  assert.match(messages[0]!, /^Preset "Too big": .*; this preset is not offered until it is fixed\.$/);
  assert.match(messages[1]!, /^Preset "Leaky": referenceImages: "\.\.\/secrets\.png" is not a PNG, JPEG or WebP file inside the workspace/);
  assert.match(messages[2]!, /^Preset "Icon": another preset has the same name/);
  assert.match(messages[3]!, /^Preset 6: name: /);
});

test('a file that is not JSON, or has no presets list, says how it should look', () => {
  assert.match(readPresets('{ presets: [').problems[0]!.message, /is not valid JSON \(\w+ at offset \d+\); nothing in it is used until it is fixed/);
  assert.match(readPresets('{"preset": []}').problems[0]!.message, /needs a "presets" list, e\.g\./);
  assert.match(readPresets('').problems[0]!.message, /is not valid JSON/);
});

test('applying a preset: its choices, its style after the prompt, its references', () => {
  const [hero] = readPresets(JSON.stringify({ presets: [{ name: 'Hero', model: 'aireiter:gpt_image_2', size: '2048x1152', style: 'flat illustration', referenceImages: ['brand\\palette.png'] }] })).presets;
  assert.deepEqual(presetInput(hero!, 'A lighthouse'), { modelKey: 'aireiter:gpt_image_2', prompt: 'A lighthouse. flat illustration', size: '2048x1152', referenceImages: ['brand/palette.png'] });
  assert.equal(presetInput(hero!, 'A lighthouse!').prompt, 'A lighthouse! flat illustration');
});

test('the JSON schema contributed for the file names the same fields and models as the checks', () => {
  const schema = JSON.parse(readFileSync(join(root, 'media', 'schemas', 'imagegen.schema.json'), 'utf8'));
  const item = schema.properties.presets.items;
  const fields = Object.keys(presetSchema.shape).sort();
  assert.deepEqual(Object.keys(item.properties).sort(), fields);
  // provider:model strings, not an enum: any openai:<id> is a model; the examples are the offered ones.
  assert.equal(item.properties.model.enum, undefined);
  assert.ok(new RegExp(item.properties.model.pattern).test('openai:a-gateway-name'));
  assert.deepEqual(item.properties.model.examples, offeredModels.map((model) => model.key));
});

test('the file is read as VS Code reads .vscode files (comments, trailing commas), and each problem points at its place', () => {
  const text = [
    '{',
    '  // the team\'s presets',
    '  "presets": [',
    '    { "name": "Hero", "model": "aireiter:gpt_image_2", "aspectRatio": "16:9", },',
    '    { "name": "Huge", "model": "aireiter:gpt_image_2_official", "resolution": "4K", "aspectRatio": "1:1" },',
    '    { "name": "Typo", "model": "aireiter:gpt_image_2", "quality": 7 },',
    '  ],',
    '}',
  ].join('\n');
  const read = readPresets(text);
  assert.deepEqual(read.presets.map((preset) => preset.name), ['Hero']);
  const [huge, typo] = read.problems;
  assert.equal(text.slice(huge!.offset, huge!.offset + huge!.length), '"Huge"', 'a preset the rules refuse: its name');
  assert.equal(text.slice(typo!.offset, typo!.offset + typo!.length), '7', 'a field of the wrong kind: that value');
  assert.match(typo!.message, /^Preset "Typo": quality: /);
  const broken = readPresets('{ "presets": [ { "name": "A" } \n');
  assert.ok(broken.problems[0]!.offset > 0, 'a syntax error points where the parser stopped');
});

test('a preset on a draft: its choices and references, the prompt kept; what it leaves open is the model\'s default, as in the wizard', () => {
  const draft = { ...newDraft('aireiter:gpt_image_2', 'A fox'), resolution: '4K' };
  const sized = presetDraft(draft, { model: 'aireiter:gpt_image_2', size: '2048x1152' }, ['brand/palette.png']);
  assert.equal(sized.prompt, 'A fox');
  assert.equal(sized.custom, true);
  assert.equal(sized.customSize, '2048x1152');
  assert.deepEqual(sized.referencePaths, ['brand/palette.png']);
  const ratioOnly = presetDraft(draft, { model: 'aireiter:gpt_image_2', aspectRatio: '16:9' }, []);
  assert.equal(ratioOnly.resolution, '1K', 'not the 4K the draft had: the preset did not ask for it');
  assert.deepEqual(draftInput(ratioOnly), { ...presetInput({ name: 'x', model: 'aireiter:gpt_image_2', aspectRatio: '16:9' }, 'A fox'), resolution: '1K' }, 'the same request as the wizard makes, with the default resolution');
  const banana = presetDraft(sized, { model: 'jimmyai:nano-banana', aspectRatio: '1:1' }, []);
  assert.equal(banana.modelKey, 'jimmyai:nano-banana');
  assert.equal(banana.custom, false, 'an exact size is dropped for a model without one');
  assert.equal(banana.aspectRatio, '1:1');
  assert.deepEqual(banana.referencePaths, []);
  assert.ok(validateGeneration(draftInput(banana)).ok);
});

test('more presets than the schema allows: the first 100 are offered, and the file says so', () => {
  const read = readPresets(JSON.stringify({ presets: Array.from({ length: 105 }, (_, i) => ({ name: `P${i}`, model: 'jimmyai:nano-banana' })) }));
  assert.equal(read.presets.length, 100);
  assert.match(read.problems[0]!.message, /has 105 presets; only the first 100 are offered/);
});

test('a preset\'s output block, as a line or an object, is applied; a bad one is a problem naming the preset, at the block, and the preset is not offered', () => {
  const text = JSON.stringify({
    presets: [
      { name: 'Blog hero', model: 'aireiter:gpt_image_2', aspectRatio: '16:9', output: '1600×900 webp q80' },
      { name: 'Card', model: 'aireiter:gpt_image_2', output: { assetSet: 'og-card', format: 'jpeg' } },
      { name: 'Lossless q', model: 'aireiter:gpt_image_2', output: 'png q80' },
      { name: 'Gif', model: 'aireiter:gpt_image_2', output: { format: 'gif' } },
    ],
  }, null, 2);
  const read = readPresets(text);
  assert.deepEqual(read.presets.map((preset) => preset.name), ['Blog hero', 'Card']);
  assert.deepEqual(presetInput(read.presets[0]!, 'A lighthouse').output, { size: { width: 1600, height: 900 }, format: 'webp', quality: 80 });
  assert.deepEqual(presetInput(read.presets[1]!, 'A lighthouse').output, { assetSet: 'og-card', format: 'jpeg' });
  const resolved = validateGeneration(presetInput(read.presets[0]!, 'A lighthouse'));
  assert.ok(resolved.ok && resolved.output?.format === 'webp' && resolved.output.quality === 80);
  const [lossless, gif] = read.problems;
  assert.match(lossless!.message, /^Preset "Lossless q": output: PNG is lossless.*; this preset is not offered until it is fixed\.$/);
  assert.equal(text.slice(lossless!.offset, lossless!.offset + lossless!.length), '"png q80"', 'at the output line');
  assert.match(gif!.message, /^Preset "Gif": output\.format: /);
  assert.equal(text.slice(gif!.offset, gif!.offset + gif!.length), '"gif"', 'at the field');
});

test('a preset may carry count (1-8): read into the Preset the wizard and the studio use; outside 1-8 the preset is refused, pointing at count', () => {
  const read = readPresets(JSON.stringify({ presets: [{ name: 'Icons', model: 'jimmyai:nano-banana', aspectRatio: '1:1', count: 4 }, { name: 'Too many', model: 'jimmyai:nano-banana', count: 9 }, { name: 'Half', model: 'jimmyai:nano-banana', count: 1.5 }] }));
  assert.deepEqual(read.presets.map((preset) => [preset.name, preset.count]), [['Icons', 4]]);
  assert.equal(read.problems.length, 2);
  assert.match(read.problems[0]!.message, /^Preset "Too many": count: The number of candidates must be a whole number from 1 to 8 \(it was 9\)\./);
  assert.match(read.problems[1]!.message, /it was 1\.5/);
  assert.equal('count' in presetInput(read.presets[0]!, 'A glyph'), false, 'the count is the request\'s, not the generation input\'s');
});
