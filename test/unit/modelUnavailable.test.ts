// A provider's "model not found / deprecated" refusal names the replacement (inline answers).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findModel } from '../../src/core/catalog/models';
import { errorForCode } from '../../src/providers/classifyAnswer';
import { providerError } from '../../src/providers/errors';
import { explainUnavailableModel } from '../../src/providers/modelUnavailable';

const model = (key: string) => findModel(key)!;

test('OpenAI\'s 404 model_not_found for a shut-down model names its shutdown date and replacement', () => {
  const error = explainUnavailableModel(errorForCode('OpenAI-compatible', 404, 'The model `gpt-image-1` does not exist or you do not have access to it.', { providerCode: 'model_not_found' }), model('openai:gpt-image-1')) as Error;
  assert.match(error.message, /OpenAI-compatible does not offer the model gpt-image-1\. gpt-image-1 was shut down by OpenAI on 2026-10-23; use openai:gpt-image-2 instead\./);
  assert.equal((error as { kind?: string }).kind, 'invalidRequest');
});

test('a gateway\'s "has been deprecated" wording, without a code, is the same refusal', () => {
  const error = explainUnavailableModel(errorForCode('OpenAI-compatible', 400, 'The model chatgpt-image-latest has been deprecated as of 2026-12-01.'), model('openai:chatgpt-image-latest')) as Error;
  assert.match(error.message, /chatgpt-image-latest was shut down by OpenAI on 2026-12-01; use openai:gpt-image-2 instead/);
  const unlisted = explainUnavailableModel(errorForCode('OpenAI-compatible', 404, 'x', { providerCode: 'model_not_found' }), model('openai:gpt-image-9')) as Error;
  assert.match(unlisted.message, /does not offer the model gpt-image-9\. Pick a model the endpoint lists/);
});

test('JimmyAI refusing nano-banana suggests nano-banana-2; other refusals are left as they are', () => {
  const jimmy = explainUnavailableModel(errorForCode('JimmyAI', 400, 'unsupported model: nano-banana', { providerCode: '20002' }), model('jimmyai:nano-banana')) as Error;
  assert.match(jimmy.message, /JimmyAI does not offer the model nano-banana\. .*use jimmyai:nano-banana-2 instead/);
  const transparent = errorForCode('OpenAI-compatible', 400, 'Transparent background is not supported for this model.');
  assert.equal(explainUnavailableModel(transparent, model('openai:gpt-image-2')), transparent, 'not a refusal of the model itself');
  // A refused model *parameter* is the request's problem, not the model's: left as it is.
  for (const text of ['Unsupported model parameter: quality', 'invalid model parameters: size must be a multiple of 16', 'The model parameter output_compression is deprecated']) {
    const parameter = errorForCode('OpenAI-compatible', 400, text);
    assert.equal(explainUnavailableModel(parameter, model('openai:gpt-image-2')), parameter, text);
  }
  const auth = providerError('auth', { provider: 'OpenAI-compatible', serverMessage: 'model not found' });
  assert.equal(explainUnavailableModel(auth, model('openai:gpt-image-2')), auth);
});

test('through the OpenAI provider: the endpoint\'s refusal of a shut-down model (404 and "deprecated") reads as the replacement, not a generic failure', async () => {
  const { startHarness, submit, expectError } = await import('./support/engineHarness');
  const { validateGeneration } = await import('../../src/core/catalog/validateGeneration');
  const { requestFromValidation } = await import('../../src/providers/provider');
  const harness = await startHarness();
  try {
    for (const [key, date] of [['openai:gpt-image-1', '2026-10-23'], ['openai:gpt-image-1-mini', '2026-12-01']] as const) {
      // Sent as a gateway that still served it would be (validation refuses it for new requests).
      const validation = validateGeneration({ modelKey: key, prompt: 'a cat', size: '1024x1024' }, { acceptRetired: true });
      assert.ok(validation.ok);
      const error = await expectError('invalidRequest', () => submit(harness, requestFromValidation(validation, 'a cat')));
      assert.match(error.message, new RegExp(`shut down by OpenAI on ${date}; use openai:gpt-image-2 instead`), key);
    }
  } finally {
    await harness.close();
  }
});
