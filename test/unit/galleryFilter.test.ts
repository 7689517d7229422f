// The studio gallery's search and filter (src/webview/studio/galleryFilter.ts): words from the
// prompt or path, a model, when it was made, candidates only; all together.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { filterGallery, filterModels, galleryFilterSchema, isFiltering, noFilter, periodStart } from '../../src/webview/studio/galleryFilter';

const now = Date.parse('2026-12-03T15:00:00Z');
const todayStart = Date.parse('2026-12-03T00:00:00Z');
const hour = 3_600_000;
const items = [
  { id: 'a', prompt: 'A lighthouse at dusk', path: 'images/lighthouse.png', model: 'aireiter:gpt_image_2', createdAt: now - hour },
  { id: 'b', prompt: 'A red fox in snow', path: 'images/fox.png', model: 'openai:gpt-image-2', createdAt: now - 20 * hour, candidate: { group: 'g', index: 1, count: 3 } },
  { id: 'c', prompt: 'Lighthouse, watercolour', path: 'art/coast.webp', model: 'openai:gpt-image-2', createdAt: now - 10 * 24 * hour },
  { id: 'd', prompt: 'Ｃａｔ on a sofa', path: 'images/cat.png', model: 'jimmyai:nano-banana', createdAt: now - 40 * 24 * hour },
];
const ids = (filter: Partial<typeof noFilter>) => filterGallery(items, { ...noFilter, ...filter }, now, todayStart).map((item) => item.id);

test('no filter shows everything and says it is not filtering', () => {
  assert.deepEqual(ids({}), ['a', 'b', 'c', 'd']);
  assert.equal(isFiltering(noFilter), false);
  assert.equal(isFiltering({ ...noFilter, text: '   ' }), false);
  assert.equal(isFiltering({ ...noFilter, candidatesOnly: true }), true);
});

test('text: every word, in the prompt or the path, ignoring case and width', () => {
  assert.deepEqual(ids({ text: 'LIGHTHOUSE' }), ['a', 'c']);
  assert.deepEqual(ids({ text: 'lighthouse dusk' }), ['a']);
  assert.deepEqual(ids({ text: 'coast' }), ['c'], 'the file name is searched too');
  assert.deepEqual(ids({ text: 'cat' }), ['d'], 'full-width letters match');
  assert.deepEqual(ids({ text: 'lighthouse fox' }), []);
});

test('model, period and candidates only; combined', () => {
  assert.deepEqual(ids({ model: 'openai:gpt-image-2' }), ['b', 'c']);
  assert.deepEqual(ids({ period: 'today' }), ['a'], 'today is since the local midnight, not the last 24 hours');
  assert.deepEqual(ids({ period: 'week' }), ['a', 'b']);
  assert.deepEqual(ids({ period: 'month' }), ['a', 'b', 'c']);
  assert.deepEqual(ids({ candidatesOnly: true }), ['b']);
  assert.deepEqual(ids({ model: 'openai:gpt-image-2', period: 'week', text: 'fox', candidatesOnly: true }), ['b']);
  assert.equal(periodStart('all', now, todayStart), -Infinity);
});

test('the model list is the gallery\'s models, keeping a chosen model none is left of', () => {
  assert.deepEqual(filterModels(items, ''), ['aireiter:gpt_image_2', 'jimmyai:nano-banana', 'openai:gpt-image-2']);
  assert.deepEqual(filterModels([], 'openai:gpt-image-2'), ['openai:gpt-image-2']);
});

test('a saved filter is checked when it comes back from the webview state', () => {
  assert.equal(galleryFilterSchema.safeParse({ text: 'x', model: '', period: 'week', candidatesOnly: false }).success, true);
  assert.equal(galleryFilterSchema.safeParse({ text: 'x', model: '', period: 'yesterday', candidatesOnly: false }).success, false);
});
