// The one draft model behind the wizard and the studio's form: defaults, what a model change
// keeps and resets, the input it becomes, and remembered drafts (including the wizard's older
// record of choices).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { defaultModelKey, draftInput, modelOf, newDraft, restoreDraft, suggestedCustomSize, withModel } from '../../src/core/catalog/generationDraft';
import { findModel } from '../../src/core/catalog/models';
import { validateGeneration } from '../../src/core/catalog/validateGeneration';

test('a new draft takes the model\'s defaults and is a valid request once it has a prompt', () => {
  for (const key of ['aireiter:gpt_image_2', 'aireiter:gpt_image_2_official', 'jimmyai:nano-banana', 'jimmyai:nano-banana-pro', 'openai:gpt-image-2.5']) {
    const draft = newDraft(key, 'a fox');
    const model = findModel(key)!;
    assert.equal(draft.modelKey, key);
    assert.equal(draft.aspectRatio, model.defaultRatio);
    assert.equal(draft.resolution, model.resolutions[0]);
    assert.equal(draft.custom, false);
    assert.ok(validateGeneration(draftInput(draft)).ok, key);
  }
  assert.equal(newDraft('nobody:nothing').modelKey, defaultModelKey, 'an unknown model falls back to the one default');
});

test('changing the model keeps what the new model takes and resets the rest', () => {
  const custom = { ...newDraft('aireiter:gpt_image_2', 'x'), aspectRatio: '21:9', resolution: '4K', custom: true, customSize: '2048x1152', referencePaths: Array.from({ length: 12 }, (_, i) => `r${i}.png`) };
  const official = withModel(custom, 'aireiter:gpt_image_2_official');
  assert.equal(official.aspectRatio, '21:9', 'a ratio both take stays');
  assert.equal(official.custom, false, 'the official model takes no exact size');
  assert.equal(official.referencePaths.length, modelOf(official).maxReferenceImages);
  const jimmy = withModel({ ...custom, aspectRatio: '5:4' }, 'jimmyai:nano-banana');
  assert.ok(modelOf(jimmy).ratios.includes(jimmy.aspectRatio));
  assert.ok(modelOf(jimmy).resolutions.includes(jimmy.resolution as never));
});

test('the input carries an exact size or ratio and resolution, quality only for models that have it, references as given', () => {
  const draft = { ...newDraft('aireiter:gpt_image_2', 'x'), custom: true, customSize: '2048x1152' };
  assert.deepEqual(draftInput(draft), { modelKey: 'aireiter:gpt_image_2', prompt: 'x', size: '2048x1152' });
  const ratio = { ...draft, custom: false, aspectRatio: '16:9', resolution: '2K' };
  assert.deepEqual(draftInput(ratio, ['a.png']), { modelKey: 'aireiter:gpt_image_2', prompt: 'x', aspectRatio: '16:9', resolution: '2K', referenceImages: ['a.png'] });
  const official = newDraft('aireiter:gpt_image_2_official', 'x');
  assert.equal(draftInput(official).quality, official.quality);
  assert.ok(official.quality.length > 0);
});

test('a remembered draft is read leniently: this shape, the wizard\'s older choices (size), or nothing usable', () => {
  assert.deepEqual(restoreDraft({ prompt: 'p', modelKey: 'aireiter:gpt_image_2', aspectRatio: '3:2', resolution: '2K', size: '2048x1152' }, 'jimmyai:nano-banana'), {
    ...newDraft('aireiter:gpt_image_2', 'p'),
    aspectRatio: '3:2',
    resolution: '2K',
    custom: true,
    customSize: '2048x1152',
  });
  assert.deepEqual(restoreDraft(undefined, 'jimmyai:nano-banana'), newDraft('jimmyai:nano-banana'));
  assert.deepEqual(restoreDraft({ modelKey: 42, referencePaths: ['a.png', 3] }, 'jimmyai:nano-banana-pro'), { ...newDraft('jimmyai:nano-banana-pro'), referencePaths: ['a.png'] });
  const stored = withModel({ ...newDraft('aireiter:gpt_image_2', 'q'), aspectRatio: '9:16' }, 'aireiter:gpt_image_2');
  assert.deepEqual(restoreDraft(JSON.parse(JSON.stringify(stored)), 'openai:gpt-image-1'), stored, 'a stored draft comes back as it was');
});

test('an exact size is offered from the model\'s suggestions unless one was typed', () => {
  const model = findModel('aireiter:gpt_image_2')!;
  assert.equal(suggestedCustomSize(model, '1234x1234'), '1234x1234');
  assert.match(suggestedCustomSize(model, ''), /^\d+x\d+$/);
});

test('with an output that fixes the delivered size, the draft leaves the size to ImageGen, which picks one that delivers it', () => {
  const draft = { ...newDraft('aireiter:gpt_image_2', 'a wide card'), aspectRatio: '16:9', resolution: '1K' };
  const output = { size: { width: 3000, height: 1688 } };
  // The draft's own 16:9 at 1K (1536×864) would be refused as too small.
  assert.equal(validateGeneration({ ...draftInput(draft), output }).ok, false);
  const input = draftInput(draft, [], output);
  assert.deepEqual([input.aspectRatio, input.resolution, input.size, input.output], [undefined, undefined, undefined, output]);
  const check = validateGeneration(input);
  assert.ok(check.ok && check.pixels && check.pixels.size.width >= 3000 && check.pixels.size.height >= 1688, JSON.stringify(check));
  assert.match(check.ok ? (check.delivery ?? '') : '', /→ delivers 3000×1688/);
  // A format alone fixes no size: the draft's choices stay.
  assert.deepEqual([draftInput(draft, [], { format: 'webp' }).aspectRatio, draftInput(draft, [], { format: 'webp' }).resolution], ['16:9', '1K']);
});
