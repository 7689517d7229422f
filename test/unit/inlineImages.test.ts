// Which saved images one agent answer carries inline (MCP and the agent tool): in order while the
// total stays within the limit; one too large alone, or one past what is left, is left out and said.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { chooseInlineImages, leftOutWords, maxInlineImageBytes } from '../../src/core/agent/inlineImages';
import { candidatesCost } from '../../src/core/candidates/candidateCost';

const mb = 1024 * 1024;

test('the images of one answer stay within one limit together, first come first', () => {
  assert.equal(maxInlineImageBytes, 5 * mb);
  assert.deepEqual(chooseInlineImages([2 * mb, 2 * mb, 2 * mb, 1 * mb]), [{ inline: true }, { inline: true }, { inline: false, why: 'overTotal' }, { inline: true }]);
  assert.deepEqual(chooseInlineImages([6 * mb, 1 * mb]), [{ inline: false, why: 'tooLarge' }, { inline: true }]);
  assert.deepEqual(chooseInlineImages([5 * mb]), [{ inline: true }], 'exactly the limit fits');
  assert.equal(leftOutWords('tooLarge', 6 * mb), 'it is 6.0 MB, over the 5 MB an answer carries');
  assert.match(leftOutWords('overTotal', 2 * mb), /images before it already fill/);
});

test('the total estimate of candidates: one image\'s estimate times the count, in the provider\'s unit', () => {
  assert.deepEqual(candidatesCost('aireiter:gpt_image_2', 3), { perImage: 100, total: 300, unit: 'credits' });
  assert.deepEqual(candidatesCost('openai:gpt-image-2', 4), { perImage: 1, total: 4, unit: 'images' });
  assert.equal(candidatesCost('nobody:x', 2), undefined);
});
