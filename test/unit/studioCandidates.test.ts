// The studio's candidates: which groups the grid shows (unpicked, newest first, each cell the image
// once saved, else its task) and the form's cost line for a count (count × one image's estimate).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { openGroups } from '../../src/webview/studio/candidateGrid';
import { countCostText } from '../../src/webview/studio/countField';
import type { StudioState, StudioStrings } from '../../src/protocol/studioMessages';

const task = (id: string, group: string, index: number, count: number, startedAt: number, state: StudioState['tasks'][number]['state'] = 'running'): StudioState['tasks'][number] => ({ id, prompt: `prompt ${group}`, model: 'openai:gpt-image-2', state, startedAt, candidate: { group, index, count } });
const item = (id: string, group: string, index: number, count: number, createdAt: number, picked = false): StudioState['gallery'][number] => ({ id, prompt: `prompt ${group}`, model: 'openai:gpt-image-2', imageSrc: `https://x/${id}.png`, path: `assets/${id}.png`, createdAt, candidate: { group, index, count, ...(picked ? { picked: true } : {}) } });

test('the grid shows unpicked groups, newest first; a cell is its image once saved, else its task', () => {
  const state = {
    tasks: [task('a1', 'A', 1, 3, 100), task('a2', 'A', 2, 3, 100), task('b1', 'B', 1, 2, 200, 'failed'), task('solo', 'x', 1, 2, 50)].filter((t) => t.id !== 'solo'),
    gallery: [item('a1', 'A', 1, 3, 100), item('b2', 'B', 2, 2, 200), item('c1', 'C', 1, 2, 300, true), item('c2', 'C', 2, 2, 300)],
  };
  const groups = openGroups(state);
  assert.deepEqual(groups.map((group) => group.group), ['B', 'A'], 'C has a picked candidate: it is done');
  const a = groups[1]!;
  assert.equal(a.count, 3);
  assert.equal(a.cells.get(1)?.item?.id, 'a1');
  assert.equal(a.cells.get(2)?.item, undefined);
  assert.equal(a.cells.get(2)?.task?.state, 'running');
  assert.equal(a.cells.get(3), undefined, 'not started yet: the grid shows it waiting');
  assert.equal(groups[0]!.cells.get(1)?.task?.state, 'failed');
  assert.deepEqual(openGroups(state, 1).map((group) => group.group), ['B']);
});

test('the cost line: one image keeps the provider\'s word; several are count × one image\'s estimate, in the provider\'s unit', () => {
  const s = { creditsUnknown: 'after submitting', countCostCredits: 'about {0} credits, {1} each', countCostImages: '{0} images' } as unknown as StudioStrings;
  assert.equal(countCostText(s, 'aireiter:gpt_image_2', 1), 'after submitting');
  assert.equal(countCostText(s, 'aireiter:gpt_image_2', 3), 'about 300 credits, 100 each');
  assert.equal(countCostText(s, 'openai:gpt-image-2', 4), '4 images');
});
