// What the standalone server reads from its command line and environment.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { defaultBaseUrls } from '../../src/core/catalog/providerEndpoints';
import { readServerEnvironment } from '../../src/features/mcpPublishing/serverEnvironment';

test('the workspace from --workspace (or --workspace=DIR), keys and endpoints from IMAGEGEN_* variables, defaults otherwise', () => {
  const read = readServerEnvironment(['--workspace', '/w'], { IMAGEGEN_JIMMYAI_API_KEY: ' k1 ', IMAGEGEN_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', IMAGEGEN_AIREITER_API_KEY: '' });
  assert.ok(read.ok);
  assert.deepEqual(read.environment, { workspace: '/w', apiKeys: { jimmyai: 'k1' }, baseUrls: { ...defaultBaseUrls, openai: 'http://127.0.0.1:9/v1' } });
  const inline = readServerEnvironment(['--workspace=C:\\Users\\me\\site'], {});
  assert.ok(inline.ok && inline.environment.workspace === 'C:\\Users\\me\\site');
});

test('a key on the command line, a bad endpoint, an unknown option and a missing workspace are each said; no value is repeated', () => {
  const read = readServerEnvironment(['--api-key', 'sk-secret', '--token=sk-other', '--verbose', 'sk-stray'], { IMAGEGEN_AIREITER_BASE_URL: 'ftp://x' });
  assert.ok(!read.ok);
  const all = read.problems.join('\n');
  assert.match(all, /--api-key: keys are never taken from the command line/);
  assert.match(all, /--token: keys are never taken/);
  assert.match(all, /--verbose: unknown option/);
  assert.match(all, /not an option was given \(not shown\)/);
  assert.match(all, /IMAGEGEN_AIREITER_BASE_URL must be an http\(s\) URL/);
  assert.match(all, /--workspace DIR is required/);
  assert.doesNotMatch(all, /sk-secret|sk-other|sk-stray/);
});

test('the default endpoints are the ones the extension\'s settings declare', () => {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  for (const [provider, url] of Object.entries(defaultBaseUrls)) {
    assert.equal(manifest.contributes.configuration.properties[`imagegen.${provider}.baseUrl`].default, url);
  }
});
