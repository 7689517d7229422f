// Choosing what to ask the model for when the user wants an exact output size: across every model
// in the catalog the choice is a size the model offers (validateGeneration accepts it), it reaches
// the target without upscaling (checked through the fit geometry, not the code under test), and
// no other offered size that reaches it is closer in ratio; a target no size reaches is refused,
// naming the largest. The offered sizes are found by asking validateGeneration, not the chooser.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findModel, models, type ModelSpec } from '../../src/core/catalog/models';
import { formatSize, pixelCount, type PixelSize } from '../../src/core/catalog/sizes';
import { validateGeneration, type GenerationInput } from '../../src/core/catalog/validateGeneration';
import { fitPlacement } from '../../src/core/output/fitGeometry';
import { chooseGenerationSize, deliveryLine, type SizeChoice } from '../../src/core/output/generationSize';
import { fitWords } from '../../src/core/output/outputLine';
import { fits, type Fit } from '../../src/core/output/outputOptions';

const s = (width: number, height: number): PixelSize => ({ width, height });
const shown = (size: PixelSize) => `${size.width}×${size.height}`;

/** Delivering `target` from `source` enlarges no pixel: read off the placement fitGeometry makes. */
function deliversWithoutUpscaling(source: PixelSize, target: PixelSize, fit: Fit): boolean {
  const plan = fitPlacement(source, target, fit);
  if (fit === 'cover') return plan.crop.width >= target.width && plan.crop.height >= target.height;
  if (fit === 'contain') return plan.place.width <= source.width && plan.place.height <= source.height;
  return source.width >= target.width && source.height >= target.height;
}

const distance = (size: PixelSize, target: PixelSize) => Math.abs(Math.log(size.width / size.height / (target.width / target.height)));

/** What validateGeneration says a request generates: its sizes (a 1K alternative too), or undefined when refused or resized upstream. */
function validated(model: ModelSpec, request: Partial<GenerationInput>): { sizes: PixelSize[]; approximate: boolean } | undefined {
  const result = validateGeneration({ modelKey: model.key, prompt: 'a lighthouse at dusk', ...request }, { acceptRetired: true });
  if (!result.ok || !result.pixels || result.warnings.some((warning) => warning.code === 'silentResize')) return undefined;
  const { size, alternative, approximate } = result.pixels;
  return { sizes: alternative ? [size, alternative] : [size], approximate };
}

interface Offered {
  readonly sizes: PixelSize[];
  readonly custom: boolean;
}

/** The cells and listed custom sizes validateGeneration accepts; pixel-range sizes are searched per target. */
function offeredSizes(model: ModelSpec): Offered[] {
  const offered: Offered[] = [];
  for (const aspectRatio of model.ratios) {
    for (const resolution of ['1K', '2K', '4K']) {
      const answer = validated(model, { aspectRatio, resolution });
      if (answer) offered.push({ sizes: answer.sizes, custom: false });
    }
  }
  if (model.custom?.kind === 'fixed') {
    for (const size of model.custom.sizes) {
      const answer = validated(model, { size });
      if (answer) offered.push({ sizes: answer.sizes, custom: true });
    }
  }
  if (model.custom?.kind === 'multipleOf16') {
    for (let width = 16; width <= 4096; width += 16) {
      for (let height = 16; height <= 4096; height += 16) {
        const answer = validated(model, { size: `${width}x${height}` });
        if (answer) offered.push({ sizes: answer.sizes, custom: true });
      }
    }
  }
  return offered;
}

/** For any-WxH models: a size of the target's shape or nearer than `bound`, reaching the target, that validateGeneration accepts. */
function closerPixelRangeSize(model: ModelSpec, target: PixelSize, fit: Fit, bound: number): PixelSize | undefined {
  for (let width = 1; width <= 40_000; width += 1) {
    const ideal = (width * target.height) / target.width;
    for (const height of new Set([Math.floor(ideal), Math.ceil(ideal), target.height])) {
      const size = s(width, height);
      if (height < 1 || distance(size, target) >= bound - 1e-12 || !deliversWithoutUpscaling(size, target, fit)) continue;
      if (validated(model, { size: formatSize(size) })) return size;
    }
  }
  return undefined;
}

const targets: PixelSize[] = [s(1200, 630), s(1900, 950), s(512, 512), s(1920, 1080), s(1201, 629), s(1080, 1920), s(16, 16), s(800, 600), s(2560, 1440), s(3000, 1000), s(100, 3000), s(4000, 4000), s(8000, 8000), s(8192, 16)];

test('every catalog model, every fit: an offered size that reaches the target, none closer in ratio, or a refusal naming the largest', () => {
  for (const model of models) {
    const offered = offeredSizes(model);
    for (const target of targets) {
      for (const fit of fits) {
        const where = `${model.key} ${shown(target)} ${fit}`;
        const choice = chooseGenerationSize(model, target, fit);
        const reaching = offered.filter((candidate) => candidate.sizes.every((size) => deliversWithoutUpscaling(size, target, fit)));
        if (!choice.ok) {
          assert.equal(choice.code, 'tooLarge', `${where}: ${choice.message}`);
          assert.deepEqual(reaching, [], `${where}: refused though ${reaching[0] && shown(reaching[0].sizes[0]!)} reaches it`);
          if (model.custom?.kind === 'pixelRange') {
            assert.ok(fit !== 'contain' && !validated(model, { size: formatSize(target) }), `${where}: refused though the target itself may be offered`);
          }
          assert.ok(choice.largest && choice.message.includes(shown(choice.largest)) && choice.message.includes(shown(target)), `${where}: ${choice.message}`);
          // The size the refusal offers instead is accepted.
          const instead = choice.largestOutput!;
          if (instead.width >= 16 && instead.height >= 16) {
            assert.ok(choice.message.includes(`up to ${shown(instead)}`), choice.message);
            assert.equal(chooseGenerationSize(model, instead, fit).ok, true, `${where}: ${shown(instead)} offered instead but refused`);
          }
          continue;
        }
        const answer = validated(model, choice.request);
        assert.ok(answer, `${where}: ${JSON.stringify(choice.request)} is not offered`);
        assert.deepEqual(answer.sizes[0], choice.generates, where);
        assert.equal(choice.approximate, answer.approximate || answer.sizes.length > 1, `${where}: approximate`);
        for (const size of answer.sizes) assert.ok(deliversWithoutUpscaling(size, target, fit), `${where}: ${shown(size)} would be upscaled`);
        const chosen = distance(choice.generates, target);
        const closer = reaching.find((candidate) => distance(candidate.sizes[0]!, target) < chosen - 1e-12);
        assert.equal(closer, undefined, `${where}: chose ${shown(choice.generates)} but ${closer && shown(closer.sizes[0]!)} is closer in ratio`);
        if (model.custom?.kind === 'pixelRange' && chosen > 0) {
          assert.equal(closerPixelRangeSize(model, target, fit, chosen), undefined, `${where}: a custom size is closer than ${shown(choice.generates)}`);
        }
        // At the same ratio, the fewest pixels, a cell before a custom size.
        const sameRatio = reaching.filter((candidate) => distance(candidate.sizes[0]!, target) === chosen);
        const isCell = 'aspectRatio' in choice.request;
        for (const candidate of sameRatio) {
          if (isCell && candidate.custom) continue;
          assert.ok(isCell || candidate.custom, `${where}: the cell ${shown(candidate.sizes[0]!)} is as close as the custom ${shown(choice.generates)}`);
          assert.ok(pixelCount(candidate.sizes[0]!) >= pixelCount(choice.generates), `${where}: ${shown(candidate.sizes[0]!)} is as close and smaller`);
        }
      }
    }
  }
});

const model = (key: string): ModelSpec => {
  const found = findModel(key);
  assert.ok(found, key);
  return found;
};
const ok = (choice: SizeChoice) => {
  assert.ok(choice.ok, choice.ok ? '' : choice.message);
  return choice;
};

test('an OG card, 1200×630: the exact shape where a custom size is taken, the nearest cell otherwise', () => {
  // AIReiter gpt_image_2: any size from 2,088,960 pixels up (below, the upstream swaps in its own):
  // 40:21 at ×50 is the first one there.
  assert.deepEqual(ok(chooseGenerationSize(model('aireiter:gpt_image_2'), s(1200, 630), 'cover')), { ok: true, request: { size: '2000x1050' }, generates: s(2000, 1050), approximate: false });
  // OpenAI gpt-image-2: multiples of 16; 40:21 in them is 640:336, and 1280×672 is the first above the target.
  assert.deepEqual(ok(chooseGenerationSize(model('openai:gpt-image-2'), s(1200, 630), 'cover')), { ok: true, request: { size: '1280x672' }, generates: s(1280, 672), approximate: false });
  // No custom size: 2:1 (|log 2/1.905| = 0.049) is nearer than 16:9 (0.069).
  assert.deepEqual(ok(chooseGenerationSize(model('aireiter:gpt_image_2_official'), s(1200, 630), 'cover')), { ok: true, request: { aspectRatio: '2:1', resolution: '1K' }, generates: s(2048, 1024), approximate: false });
  assert.deepEqual(ok(chooseGenerationSize(model('jimmyai:gpt-image-2'), s(1200, 630), 'cover')), { ok: true, request: { aspectRatio: '2:1', resolution: '1K' }, generates: s(2048, 1024), approximate: true });
});

test('a square favicon, 512×512: the 1:1 cell, even where a smaller custom square exists', () => {
  assert.deepEqual(ok(chooseGenerationSize(model('openai:gpt-image-2'), s(512, 512), 'cover')).request, { aspectRatio: '1:1', resolution: '1K' });
  // gpt_image_2 at 1K may answer 1254×1254 instead: still a square, but not a promise.
  const aireiter = ok(chooseGenerationSize(model('aireiter:gpt_image_2'), s(512, 512), 'cover'));
  assert.deepEqual([aireiter.request, aireiter.generates, aireiter.approximate], [{ aspectRatio: '1:1', resolution: '1K' }, s(1024, 1024), true]);
  assert.deepEqual(ok(chooseGenerationSize(model('jimmyai:nano-banana'), s(512, 512), 'contain')).generates, s(1024, 1024));
});

test('1920×1080: the 16:9 cell at 2K; a 1K-only model refuses and says what it can deliver', () => {
  assert.deepEqual(ok(chooseGenerationSize(model('openai:gpt-image-2'), s(1920, 1080), 'cover')).request, { aspectRatio: '16:9', resolution: '2K' });
  const refused = chooseGenerationSize(model('jimmyai:nano-banana'), s(1920, 1080), 'cover');
  assert.deepEqual(refused.ok ? refused : [refused.code, refused.largest, refused.largestOutput], ['tooLarge', s(1344, 768), s(1344, 756)]);
  // Contain needs one side only: 1344×768 is as wide as 1344×1000, and is padded.
  const padded = ok(chooseGenerationSize(model('jimmyai:nano-banana'), s(1344, 1000), 'contain'));
  assert.deepEqual([padded.request, padded.generates], [{ aspectRatio: '16:9', resolution: '1K' }, s(1344, 768)]);
  assert.equal(chooseGenerationSize(model('jimmyai:nano-banana'), s(1344, 1000), 'cover').ok, false);
});

test('8000×8000 is refused before sending, naming the largest size', () => {
  const refused = chooseGenerationSize(model('jimmyai:nano-banana-pro'), s(8000, 8000), 'cover');
  assert.equal(refused.ok, false);
  assert.ok(!refused.ok);
  assert.equal(refused.code, 'tooLarge');
  assert.deepEqual(refused.largest, s(4096, 4096));
  assert.equal(refused.message, 'JimmyAI · Nano Banana Pro makes at most 4096×4096 for this output; 8000×8000 would need upscaling, which ImageGen does not do: choose an output size up to 4096×4096.');
});

test('odd sizes: 1201×629 gets a size of its own shape where the rules allow one', () => {
  assert.deepEqual(ok(chooseGenerationSize(model('aireiter:gpt_image_2'), s(1201, 629), 'cover')).generates, s(2402, 1258));
  const openai = ok(chooseGenerationSize(model('openai:gpt-image-2'), s(1201, 629), 'fill'));
  assert.ok('size' in openai.request && openai.generates.width % 16 === 0 && openai.generates.height % 16 === 0 && openai.generates.width >= 1201 && openai.generates.height >= 629, JSON.stringify(openai));
});

test('a model ImageGen does not list: the target rounded up to multiples of 16, marked approximate', () => {
  const unlisted = model('openai:gpt-image-9');
  assert.deepEqual(chooseGenerationSize(unlisted, s(1201, 629), 'cover'), { ok: true, request: { size: '1216x640' }, generates: s(1216, 640), approximate: true });
  assert.deepEqual(chooseGenerationSize(unlisted, s(8000, 8000), 'cover'), { ok: true, request: { size: '8000x8000' }, generates: s(8000, 8000), approximate: true });
});

test('a ratio, resolution or size the user gave is kept, and refused when it falls short of the target', () => {
  const openai = model('openai:gpt-image-2');
  const target = s(1920, 1080);
  const both = chooseGenerationSize(openai, target, 'cover', { aspectRatio: '16:9', resolution: '1K' });
  assert.ok(!both.ok);
  assert.equal(both.code, 'tooSmall');
  assert.equal(both.message, '16:9 at 1K generates 1536×864, which falls short of the 1920×1080 output, and ImageGen does not upscale: choose 2K, or leave the ratio and resolution out so ImageGen picks a size.');
  assert.deepEqual(ok(chooseGenerationSize(openai, target, 'cover', { aspectRatio: '16:9' })).request, { aspectRatio: '16:9', resolution: '2K' });
  assert.deepEqual(ok(chooseGenerationSize(openai, target, 'cover', { aspectRatio: '1:1', resolution: '2k' })).request, { aspectRatio: '1:1', resolution: '2K' });
  assert.deepEqual(ok(chooseGenerationSize(openai, target, 'cover', { aspectRatio: 'auto' })).request, { aspectRatio: '16:9', resolution: '2K' });
  const resolution = chooseGenerationSize(openai, target, 'cover', { resolution: '1K' });
  assert.ok(!resolution.ok && resolution.code === 'tooSmall' && resolution.message.includes('choose 2K, or leave the resolution out'), JSON.stringify(resolution));
  const ratio = chooseGenerationSize(model('jimmyai:nano-banana-2'), s(1000, 1000), 'cover', { aspectRatio: '9:16', resolution: '1K' });
  assert.ok(!ratio.ok && ratio.message.includes('choose 2K') && ratio.message.includes('choose the ratio 1:1'), JSON.stringify(ratio));
  const size = chooseGenerationSize(openai, target, 'cover', { size: '1536x864' });
  assert.ok(!size.ok && size.code === 'tooSmall' && size.message.includes('at least 1920 wide and 1080 high'), JSON.stringify(size));
  assert.deepEqual(ok(chooseGenerationSize(openai, target, 'cover', { size: '2048x1152' })).request, { size: '2048x1152' });
  // A target nothing reaches is refused for its size first: a larger ratio or resolution would not help.
  const huge = chooseGenerationSize(openai, s(8000, 8000), 'cover', { aspectRatio: '1:1', resolution: '1K' });
  assert.ok(!huge.ok && huge.code === 'tooLarge', JSON.stringify(huge));
});

test('deliveryLine: what is generated, what is delivered, and how', () => {
  assert.equal(deliveryLine(s(1536, 864), s(1200, 630), 'cover'), 'generates 1536×864 → delivers 1200×630 (cropped)');
  assert.equal(deliveryLine(s(1536, 864), s(512, 512), 'contain'), 'generates 1536×864 → delivers 512×512 (padded)');
  assert.equal(deliveryLine(s(2048, 1024), s(1200, 630), 'fill'), 'generates 2048×1024 → delivers 1200×630 (stretched)');
  assert.equal(deliveryLine(s(1280, 672), s(1200, 630), 'cover'), 'generates 1280×672 → delivers 1200×630 (resized)');
  assert.equal(deliveryLine(s(1024, 1024), s(1024, 1024), 'fill'), 'generates 1024×1024 → delivers 1024×1024 (as generated)');
  assert.equal(deliveryLine(s(1344, 768), s(1200, 630), 'cover', true), 'generates about 1344×768 → delivers 1200×630 (cropped)');
  for (const fit of fits) assert.ok(deliveryLine(s(3, 2), s(1, 1), fit).endsWith(`(${fitWords[fit]})`), fit);
});
