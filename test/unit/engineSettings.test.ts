// Every default in one place: package.json's `contributes.configuration` declares exactly the
// engine's defaults, so the editor and the standalone hosts run on the same values.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { engineDefaults, settingsWithDefaults } from '../../src/engine/engineSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test("package.json's setting defaults are the engine's defaults, key for key", () => {
  const configuration = manifest.contributes.configuration;
  const properties: Record<string, { default?: unknown }> = Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration]).map((section: { properties: object }) => section.properties));
  const declared = Object.fromEntries(Object.entries(properties).filter(([key]) => key.startsWith('imagegen.')).map(([key, value]) => [key.slice('imagegen.'.length), value.default ?? null]));
  assert.deepEqual(declared, { ...engineDefaults });
});

test('the defaults alone are valid settings (a host without settings runs on them)', () => {
  const read = settingsWithDefaults();
  assert.ok(read.ok, read.ok ? '' : read.message);
  assert.equal(read.settings.maxDownloadMegabytes, 50);
  assert.equal(read.settings.download.timeoutSeconds, 300);
  assert.equal(read.settings.openai.timeoutSeconds, 600);
});
