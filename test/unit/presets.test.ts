// The team's presets file (.vscode/imagegen.json): good presets load; each bad one is left out
// with a problem naming it; applying one appends its style and carries its choices. The JSON
// schema contributed for the file names the same fields and models as the checks.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { models } from '../../src/core/catalog/models';
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
  assert.equal(read.problems.length, 4, read.problems.join('\n'));
  assert.match(read.problems[0]!, /^Preset "Too big": /);
  assert.match(read.problems[1]!, /^Preset "Leaky": referenceImages: "\.\.\/secrets\.png" is not a PNG, JPEG or WebP file inside the workspace/);
  assert.match(read.problems[2]!, /^Preset "Icon": another preset has the same name/);
  assert.match(read.problems[3]!, /^Preset 6: name: /);
});

test('a file that is not JSON, or has no presets list, says how it should look', () => {
  assert.match(readPresets('{ presets: [').problems[0]!, /is not valid JSON/);
  assert.match(readPresets('{"preset": []}').problems[0]!, /needs a "presets" list, e\.g\./);
});

test('applying a preset: its choices, its style after the prompt, its references', () => {
  const [hero] = readPresets(JSON.stringify({ presets: [{ name: 'Hero', model: 'aireiter:gpt_image_2', size: '2048x1152', style: 'flat illustration', referenceImages: ['brand\\palette.png'] }] })).presets;
  assert.deepEqual(presetInput(hero!, 'A lighthouse'), { modelKey: 'aireiter:gpt_image_2', prompt: 'A lighthouse. flat illustration', size: '2048x1152', referenceImages: ['brand/palette.png'] });
  assert.equal(presetInput(hero!, 'A lighthouse!').prompt, 'A lighthouse! flat illustration');
});

test('the JSON schema for the file (to be contributed through jsonValidation once presets are offered) names the same fields and models as the checks', () => {
  const schema = JSON.parse(readFileSync(join(root, 'media', 'schemas', 'imagegen.schema.json'), 'utf8'));
  const item = schema.properties.presets.items;
  const fields = Object.keys(presetSchema.shape).sort();
  assert.deepEqual(Object.keys(item.properties).sort(), fields);
  assert.deepEqual(item.properties.model.enum, models.map((model) => model.key));
});
