// Settings are read field by field: each bad one is named with its zod path in plain words, and a
// task that must go on (resumed after a reload) gets the manifest's defaults for the bad ones.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { readSettings } from '../../src/config/settings';
import { settingsForResume } from '../../src/engine/resumeSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const configurations: { properties: Record<string, { default?: unknown }> }[] = [manifest.contributes.configuration].flat();
const defaults = new Map(configurations.flatMap((section) => Object.entries(section.properties)).map(([key, schema]) => [key.replace(/^imagegen\./, ''), schema.default]));
const defaultOf = (key: string) => defaults.get(key);
const userSettings = (overrides: Record<string, unknown>) => (key: string) => (key in overrides ? overrides[key] : defaultOf(key));

test('valid settings read as before, with no bad field', () => {
  const result = readSettings(userSettings({}), undefined, defaultOf);
  assert.equal(result.ok, true);
  assert.deepEqual(result.invalid, []);
});

test('a bad link width is named with its path and a reason in plain words, never "Invalid input"', () => {
  const result = readSettings(userSettings({ 'link.width': 0 }), undefined, defaultOf);
  assert.equal(result.ok, false);
  assert.deepEqual(result.invalid, [{ key: 'imagegen.link.width', reason: 'must be at least 1' }]);
  assert.ok(!result.ok && result.message.includes('imagegen.link.width') && result.message.includes('must be at least 1'), !result.ok ? result.message : '');
  assert.ok(!result.ok && !/Invalid input/.test(result.message));
});

test('every bad field is listed, not only the first, each under the key the user sees', () => {
  const result = readSettings(userSettings({ 'link.width': 2.5, 'download.maxMegabytes': 900, 'jimmyai.baseUrl': 'ftp://x', 'link.style': 'fancy', 'openai.partialImages': 'two' }), undefined, defaultOf);
  assert.equal(result.ok, false);
  const byKey = Object.fromEntries(result.invalid.map(({ key, reason }) => [key, reason]));
  assert.deepEqual(Object.keys(byKey).sort(), ['imagegen.download.maxMegabytes', 'imagegen.jimmyai.baseUrl', 'imagegen.link.style', 'imagegen.link.width', 'imagegen.openai.partialImages']);
  assert.equal(byKey['imagegen.link.width'], 'must be a whole number');
  assert.equal(byKey['imagegen.download.maxMegabytes'], 'must be at most 500');
  assert.equal(byKey['imagegen.jimmyai.baseUrl'], 'must be an http(s) URL');
  assert.match(byKey['imagegen.link.style']!, /^must be one of "relative", "rootRelative", "html"$/);
  assert.equal(byKey['imagegen.openai.partialImages'], 'must be a number');
  for (const reason of Object.values(byKey)) assert.doesNotMatch(reason, /Invalid input/);
});

test('the bad fields are replaced by the manifest defaults in withDefaults; the good ones are kept', () => {
  const result = readSettings(userSettings({ 'link.width': 0, defaultModel: 'nobody:unknown-model', assetsFolder: 'pictures' }), undefined, defaultOf);
  assert.equal(result.ok, false);
  assert.ok(!result.ok && result.withDefaults);
  assert.ok(result.invalid.some(({ key }) => key === 'imagegen.defaultModel'));
  assert.equal(result.withDefaults.link.width, null);
  assert.equal(result.withDefaults.defaultModel, defaultOf('defaultModel'));
  assert.equal(result.withDefaults.assetsFolder, 'pictures');
});

test('a resumed task goes on past unrelated bad settings, and stops only on its own provider base URL', () => {
  const unrelated = readSettings(userSettings({ 'link.width': 0, defaultModel: 'nobody:unknown-model', 'openai.baseUrl': 'nope' }), undefined, defaultOf);
  const resumed = settingsForResume(unrelated, 'aireiter');
  assert.ok(resumed.ok);
  assert.deepEqual(resumed.replaced.map(({ key }) => key).sort(), ['imagegen.defaultModel', 'imagegen.link.width', 'imagegen.openai.baseUrl']);
  assert.equal(resumed.settings.baseUrls.openai, defaultOf('openai.baseUrl'));
  const own = settingsForResume(unrelated, 'openai');
  assert.ok(!own.ok);
  assert.match(own.message, /imagegen\.openai\.baseUrl is invalid: must be an http\(s\) URL/);
  assert.doesNotMatch(own.message, /link\.width/);
});
