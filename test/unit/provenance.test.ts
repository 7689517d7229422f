// What an image remembers is read back as the generation it was: the one home for writing
// (provenanceText) and reading (inputFromProvenance) it.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { inputFromProvenance, provenanceText } from '../../src/core/images/provenance';

test('the generation written into a file is the generation read back from it', () => {
  const input = { modelKey: 'aireiter:gpt_image_2_official', prompt: 'A "quoted" lighthouse', aspectRatio: '16:9', resolution: '2K', quality: 'high' };
  assert.deepEqual(inputFromProvenance(provenanceText({ input, task: 't', software: 'test' })), input);
  const sized = { modelKey: 'aireiter:gpt_image_2', prompt: 'p', size: '2048x1152' };
  assert.deepEqual(inputFromProvenance(provenanceText({ input: sized, task: 't', software: 'test' })), sized);
});

test('unreadable or odd parameters give the model\'s defaults, never a throw', () => {
  for (const parameters of ['{not json', 'null', '42', '{"aspectRatio":7,"size":null}', undefined]) {
    assert.deepEqual(inputFromProvenance({ prompt: 'p', model: 'jimmyai:nano-banana', ...(parameters !== undefined ? { parameters } : {}) }), { modelKey: 'jimmyai:nano-banana', prompt: 'p' }, String(parameters));
  }
});
