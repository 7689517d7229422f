// imagegen.defaultModel as a provider:model string checked by the catalog's rules.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readSettings } from '../../src/config/settings';

const defaults: Record<string, unknown> = {
  defaultModel: 'aireiter:gpt_image_2',
  'aireiter.baseUrl': 'https://aireiter.com',
  'jimmyai.baseUrl': 'https://www.jimmyai.cn',
  'openai.baseUrl': 'https://api.openai.com',
  assetsFolder: 'assets',
  'download.maxMegabytes': 50,
  'download.timeoutSeconds': 120,
  'openai.timeoutSeconds': 600,
  'openai.partialImages': 0,
};
const read = (defaultModel: unknown) => readSettings((key) => (key === 'defaultModel' ? defaultModel : defaults[key]));

test('defaultModel takes any OpenAI-compatible id and the known AIReiter/JimmyAI models', () => {
  for (const key of ['openai:gpt-image-2.5', 'openai:my-gateway/image', 'jimmyai:nano-banana-2', 'aireiter:gpt_image_2_official']) {
    const result = read(key);
    assert.ok(result.ok, `${key}: ${result.ok ? '' : result.message}`);
    assert.equal(result.settings.defaultModel, key);
  }
});

test('an unknown provider or an unknown AIReiter/JimmyAI model names the setting and says what is accepted', () => {
  const provider = read('midjourney:v7');
  assert.ok(!provider.ok);
  assert.match(provider.message, /defaultModel/);
  assert.match(provider.message, /the provider is one of aireiter, jimmyai, openai/);
  const model = read('aireiter:gpt_image_3');
  assert.ok(!model.ok);
  assert.match(model.message, /aireiter has no model "gpt_image_3"; it takes aireiter:gpt_image_2/);
});
