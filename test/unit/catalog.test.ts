import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { aireiterRatios, gptImage2Table } from '../../src/core/catalog/aireiterTables';
import { findModel, models, offeredModels, type Resolution } from '../../src/core/catalog/models';
import { parseSize } from '../../src/core/catalog/sizes';
import { validateGeneration, type GenerationInput } from '../../src/core/catalog/validateGeneration';

// The seed tables, transcribed once more by hand, independently of src: ratio → [1K, 1K alt, 2K, 4K].
const seedTable: Record<string, [string, string | null, string, string]> = {
  '1:1': ['1024x1024', '1254x1254', '2048x2048', '2880x2880'],
  '3:2': ['1536x1024', null, '2048x1360', '3520x2336'],
  '2:3': ['1024x1536', null, '1360x2048', '2336x3520'],
  '4:3': ['1024x768', null, '2048x1536', '3312x2480'],
  '3:4': ['768x1024', null, '1536x2048', '2480x3312'],
  '5:4': ['1280x1024', '1448x1086', '2560x2048', '3216x2576'],
  '4:5': ['1024x1280', '1122x1402', '2048x2560', '2576x3216'],
  '16:9': ['1536x864', '1672x941', '2048x1152', '3840x2160'],
  '9:16': ['864x1536', '941x1672', '1152x2048', '2160x3840'],
  '2:1': ['2048x1024', '1774x887', '2688x1344', '3840x1920'],
  '1:2': ['1024x2048', '887x1774', '1344x2688', '1920x3840'],
  '21:9': ['2016x864', '1915x821', '2688x1152', '3840x1648'],
  '9:21': ['864x2016', '821x1915', '1152x2688', '1648x3840'],
};
const officialFourK = new Set(['16:9', '9:16', '2:1', '1:2', '21:9', '9:21']);
const fmt = (size: { width: number; height: number } | undefined) => (size ? `${size.width}x${size.height}` : undefined);
const valid = (input: Partial<GenerationInput> & { modelKey: string }) => validateGeneration({ prompt: 'a cat', ...input });

test('the seed table has 13 ratios and the catalog lists exactly them', () => {
  assert.deepEqual([...aireiterRatios].sort(), Object.keys(seedTable).sort());
  assert.equal(Object.keys(gptImage2Table).length, 13);
});

for (const [ratio, [oneK, oneKAlt, twoK, fourK]] of Object.entries(seedTable)) {
  test(`gpt_image_2 ${ratio}: 1K ${oneK}${oneKAlt ? ` (or ${oneKAlt})` : ''}, 2K ${twoK}, 4K ${fourK}`, () => {
    const cells = (['1K', '2K', '4K'] as Resolution[]).map((resolution) => valid({ modelKey: 'aireiter:gpt_image_2', aspectRatio: ratio, resolution }));
    for (const cell of cells) {
      assert.ok(cell.ok, JSON.stringify(cell));
    }
    const [c1, c2, c4] = cells as Extract<(typeof cells)[number], { ok: true }>[];
    assert.equal(fmt(c1!.pixels?.size), oneK);
    assert.equal(fmt(c1!.pixels?.alternative), oneKAlt ?? undefined);
    assert.equal(fmt(c2!.pixels?.size), twoK);
    assert.equal(fmt(c4!.pixels?.size), fourK);
    assert.equal(c4!.pixels?.approximate, false);
  });

  test(`gpt_image_2_official ${ratio}: 1K ${oneK}, 2K ${twoK}, 4K ${officialFourK.has(ratio) ? fourK : 'rejected'}`, () => {
    const official = (resolution: Resolution) => valid({ modelKey: 'aireiter:gpt_image_2_official', aspectRatio: ratio, resolution, quality: 'high' });
    const r1 = official('1K');
    const r2 = official('2K');
    assert.ok(r1.ok && r2.ok);
    assert.equal(fmt(r1.pixels?.size), oneK);
    assert.equal(r1.pixels?.alternative, undefined, 'the official model has no alternative 1K size');
    assert.equal(fmt(r2.pixels?.size), twoK);
    const r4 = official('4K');
    if (officialFourK.has(ratio)) {
      assert.ok(r4.ok);
      assert.equal(fmt(r4.pixels?.size), fourK);
    } else {
      assert.ok(!r4.ok);
      assert.equal(r4.issues[0]?.code, 'fourKRatio');
      assert.match(r4.issues[0]!.message, /only takes 16:9, 9:16, 2:1, 1:2, 21:9, 9:21/);
    }
  });
}

test('gpt_image_2 custom size: pixel bounds are inclusive, and the silent-swap floor warns', () => {
  const size = (text: string) => valid({ modelKey: 'aireiter:gpt_image_2', size: text });
  const min = size('1024x640'); // 655,360 exactly
  assert.ok(min.ok);
  assert.equal(min.warnings[0]?.code, 'silentResize');
  const belowMin = size('1024x639');
  assert.ok(!belowMin.ok);
  assert.equal(belowMin.issues[0]?.code, 'pixelsOutOfRange');
  assert.match(belowMin.issues[0]!.message, /654,336 pixels; .* accepts 655,360 to 8,294,400/);
  const max = size('3840x2160');
  assert.ok(max.ok && max.warnings.length === 0);
  assert.equal(fmt(max.pixels?.size), '3840x2160');
  assert.ok(!size('3840x2161').ok);
  const floor = size('1440x1451'); // 2,089,440 ≥ 2,088,960: no warning
  assert.ok(floor.ok && floor.warnings.length === 0);
  const justBelowFloor = size('1440x1450'); // 2,088,000
  assert.ok(justBelowFloor.ok && justBelowFloor.warnings.length === 1);
  for (const common of ['2048x2048', '2048x1536', '1536x2048', '2048x1152', '1152x2048', '3840x2160', '2688x1344']) {
    const result = size(common);
    assert.ok(result.ok && result.warnings.length === 0, common);
  }
});

test('size together with aspect_ratio or resolution is rejected before sending', () => {
  for (const extra of [{ aspectRatio: '16:9' }, { resolution: '2K' }]) {
    const result = valid({ modelKey: 'aireiter:gpt_image_2', size: '2048x1152', ...extra });
    assert.ok(!result.ok);
    assert.equal(result.issues[0]?.code, 'sizeWithRatio');
  }
});

test('models without custom sizes refuse one; malformed sizes get a syntax message', () => {
  const official = valid({ modelKey: 'aireiter:gpt_image_2_official', size: '2048x2048' });
  assert.ok(!official.ok && official.issues[0]?.code === 'customSizeUnsupported');
  const syntax = valid({ modelKey: 'aireiter:gpt_image_2', size: '2048 by 2048' });
  assert.ok(!syntax.ok && syntax.issues[0]?.code === 'sizeSyntax');
  assert.deepEqual(parseSize('2048×1152'), { width: 2048, height: 1152 });
  assert.equal(parseSize('0x100'), undefined);
});

test('JimmyAI: 16 ratios including auto and 3:1/1:3, lower-case resolutions accepted, gpt-image-2 4K restricted', () => {
  const jimmy = findModel('jimmyai:gpt-image-2')!;
  assert.deepEqual(jimmy.ratios, ['auto', '1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '3:1', '1:3', '21:9', '9:21']);
  for (const ratio of jimmy.ratios) {
    for (const resolution of ['1k', '2k']) {
      const result = valid({ modelKey: 'jimmyai:gpt-image-2', aspectRatio: ratio, resolution, quality: 'high' });
      assert.ok(result.ok, `${ratio} ${resolution}`);
      assert.equal(result.pixels === undefined, ratio === 'auto', `${ratio}: the provider chooses the size only for auto`);
    }
  }
  assert.ok(valid({ modelKey: 'jimmyai:gpt-image-2', aspectRatio: '9:21', resolution: '4k' }).ok);
  const rejected = valid({ modelKey: 'jimmyai:gpt-image-2', aspectRatio: '3:1', resolution: '4k' });
  assert.ok(!rejected.ok && rejected.issues[0]?.code === 'fourKRatio');
  const pro = valid({ modelKey: 'jimmyai:nano-banana-pro', aspectRatio: '1:1', resolution: '4k' });
  assert.ok(pro.ok && fmt(pro.pixels?.size) === '4096x4096' && pro.pixels?.approximate === true);
  const qualityOnBanana = valid({ modelKey: 'jimmyai:nano-banana', quality: 'high' });
  assert.ok(!qualityOnBanana.ok && qualityOnBanana.issues[0]?.code === 'qualityUnsupported');
  const bananaFourK = valid({ modelKey: 'jimmyai:nano-banana', aspectRatio: '1:1', resolution: '4k' });
  assert.ok(!bananaFourK.ok && bananaFourK.issues[0]?.code === 'resolutionUnsupported');
});

test('OpenAI gpt-image-2 custom sizes: multiples of 16, ratio 1:3…3:1, within 3840x2160', () => {
  const size = (text: string) => valid({ modelKey: 'openai:gpt-image-2', size: text });
  assert.ok(size('3840x2160').ok);
  assert.ok(size('2160x3840').ok);
  assert.ok(size('2400x800').ok, 'exactly 3:1');
  const cases: [string, RegExp][] = [
    ['1000x1000', /multiples of 16/],
    ['2448x800', /at most 3× the short side/],
    ['3856x1600', /fit within 3840x2160/],
    ['3840x2176', /fit within 3840x2160/],
    ['512x512', /at least 655,360 pixels/],
  ];
  for (const [text, reason] of cases) {
    const result = size(text);
    assert.ok(!result.ok, text);
    assert.match(result.issues[0]!.message, reason, text);
  }
});

test('OpenAI gpt-image-1 family (shut down; its rules stay for accepted tasks): only the three fixed sizes, at 1K', () => {
  const accepted = (input: Partial<GenerationInput> & { modelKey: string }) => validateGeneration({ prompt: 'a cat', ...input }, { acceptRetired: true });
  for (const key of ['openai:gpt-image-1', 'openai:gpt-image-1.5', 'openai:gpt-image-1-mini']) {
    assert.ok(accepted({ modelKey: key, size: '1536x1024' }).ok, key);
    const other = accepted({ modelKey: key, size: '2048x2048' });
    assert.ok(!other.ok && other.issues[0]?.code === 'sizeNotOffered');
    const landscape = accepted({ modelKey: key, aspectRatio: '3:2', resolution: '1K' });
    assert.ok(landscape.ok && fmt(landscape.pixels?.size) === '1536x1024');
    assert.ok(!accepted({ modelKey: key, aspectRatio: '16:9' }).ok);
  }
});

// OpenAI's deprecations page (Dec 1, 2026: gpt-image-1.5 and -2025-12-16, gpt-image-1-mini,
// chatgpt-image-latest) and gpt-image-1 on 2026-10-23, written here independently of src.
const shutDown: [string, string][] = [
  ['gpt-image-1', '2026-10-23'],
  ['gpt-image-1.5', '2026-12-01'],
  ['gpt-image-1.5-2025-12-16', '2026-12-01'],
  ['gpt-image-1-mini', '2026-12-01'],
  ['chatgpt-image-latest', '2026-12-01'],
];

test('shut-down OpenAI models: refused for a new request with the date and the replacement, never offered, still known for accepted tasks', () => {
  for (const [model, date] of shutDown) {
    const result = valid({ modelKey: `openai:${model}`, aspectRatio: '1:1', resolution: '1K' });
    assert.ok(!result.ok, model);
    assert.equal(result.issues[0]?.code, 'retiredModel', model);
    assert.match(result.issues[0]!.message, new RegExp(`${model.replace(/[.]/g, '\\.')} was shut down by OpenAI on ${date}; use openai:gpt-image-2 instead`));
    assert.equal(findModel(`openai:${model}`)?.retired?.shutdownDate, date);
    assert.ok(!offeredModels.some((offered) => offered.model === model), `${model} is not offered`);
    assert.ok(validateGeneration({ prompt: 'a cat', modelKey: `openai:${model}`, aspectRatio: '1:1', resolution: '1K' }, { acceptRetired: true }).ok, `${model}: an accepted task is still followed`);
  }
  assert.ok(valid({ modelKey: 'openai:gpt-image-2' }).ok, 'the replacement itself is fine');
});

test('gpt-image-2.5: gpt-image-2\'s request shape, up to 16 references, and no undocumented xhigh/max', () => {
  const spec = findModel('openai:gpt-image-2.5');
  assert.ok(spec && !spec.unlisted && !spec.retired);
  assert.ok(offeredModels.includes(spec));
  const wide = valid({ modelKey: 'openai:gpt-image-2.5', aspectRatio: '16:9', resolution: '4K', quality: 'high' });
  assert.ok(wide.ok && fmt(wide.pixels?.size) === '3840x2160' && wide.warnings.length === 0);
  assert.ok(valid({ modelKey: 'openai:gpt-image-2.5', size: '2048x1152' }).ok);
  assert.ok(!valid({ modelKey: 'openai:gpt-image-2.5', size: '1000x1000' }).ok, 'multiples of 16, as gpt-image-2');
  assert.ok(valid({ modelKey: 'openai:gpt-image-2.5', referenceImages: Array.from({ length: 16 }, (_, i) => `https://img.test/${i}.png`) }).ok);
  assert.ok(!valid({ modelKey: 'openai:gpt-image-2.5', referenceImages: Array.from({ length: 17 }, (_, i) => `https://img.test/${i}.png`) }).ok);
  for (const quality of ['xhigh', 'max']) {
    const result = valid({ modelKey: 'openai:gpt-image-2.5', quality });
    assert.ok(!result.ok && result.issues[0]?.code === 'qualityUnknown', quality);
  }
});

test('an OpenAI-compatible id ImageGen does not list is used with the generic gpt-image rules, sizes left to the provider', () => {
  for (const model of ['gpt-image-2.5-flare', 'my-gateway/image-pro', 'gpt-image-2.5-sunburst:official']) {
    const spec = findModel(`openai:${model}`);
    assert.ok(spec?.unlisted, model);
    assert.equal(spec.model, model);
    const ratio = valid({ modelKey: `openai:${model}`, aspectRatio: '16:9', resolution: '2K', quality: 'high' });
    assert.ok(ratio.ok, model);
    assert.equal(fmt(ratio.pixels?.size), '2048x1152');
    assert.equal(ratio.pixels?.approximate, true, 'an estimate: the provider decides');
    assert.deepEqual(ratio.warnings.map((w) => [w.code, w.message]), [['unlistedModel', `${model} is not in ImageGen's list: sizes checked by the provider.`]]);
    const odd = valid({ modelKey: `openai:${model}`, size: '1000x1000' });
    assert.ok(odd.ok, 'any WIDTHxHEIGHT goes to the provider');
    assert.ok(!valid({ modelKey: `openai:${model}`, size: 'big' }).ok, 'but it must be a size');
  }
  assert.ok(!offeredModels.some((model) => model.unlisted));
});

test('unknown providers and unknown AIReiter/JimmyAI models are refused with what is known', () => {
  const provider = valid({ modelKey: 'midjourney:v7' });
  assert.ok(!provider.ok && provider.issues[0]?.code === 'unknownModel');
  assert.match(provider.issues[0]!.message, /the provider is one of aireiter, jimmyai, openai/);
  const noPrefix = valid({ modelKey: 'gpt-image-2' });
  assert.ok(!noPrefix.ok && /Unknown model "gpt-image-2": write provider:model/.test(noPrefix.issues[0]!.message));
  const aireiter = valid({ modelKey: 'aireiter:gpt_image_3' });
  assert.ok(!aireiter.ok && /aireiter has no model "gpt_image_3"; it takes aireiter:gpt_image_2, aireiter:gpt_image_2_official/.test(aireiter.issues[0]!.message));
  const jimmy = valid({ modelKey: 'jimmyai:nano-banana-9' });
  assert.ok(!jimmy.ok && /jimmyai has no model "nano-banana-9"; it takes jimmyai:gpt-image-2, jimmyai:nano-banana,/.test(jimmy.issues[0]!.message));
  const empty = valid({ modelKey: 'openai:' });
  assert.ok(!empty.ok && /write a model id after "openai:"/.test(empty.issues[0]!.message));
  assert.ok(!valid({ modelKey: 'openai:has space' }).ok);
});

test('nano-banana models take their Gemini model\'s 10 ratios (and auto), not JimmyAI\'s others nor 1:4/4:1/1:8/8:1', () => {
  const gemini = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'];
  for (const key of ['jimmyai:nano-banana', 'jimmyai:nano-banana-2', 'jimmyai:nano-banana-pro']) {
    const spec = findModel(key)!;
    assert.deepEqual([...spec.ratios].sort(), ['auto', ...gemini].sort(), key);
    for (const ratio of ['3:1', '1:3', '2:1', '1:2', '9:21', '1:4', '4:1', '1:8', '8:1']) {
      const result = valid({ modelKey: key, aspectRatio: ratio, resolution: '1k' });
      assert.ok(!result.ok && result.issues[0]?.code === 'ratioUnsupported', `${key} ${ratio}`);
    }
    assert.ok(valid({ modelKey: key, aspectRatio: 'auto', resolution: '1k' }).ok, `${key}: auto stays (JimmyAI's default)`);
  }
  assert.ok(findModel('jimmyai:gpt-image-2')!.ratios.includes('3:1'), 'gpt-image-2 keeps JimmyAI\'s full list');
});

test('prompts, references, qualities and unknown models get precise reasons', () => {
  const empty = valid({ modelKey: 'aireiter:gpt_image_2', prompt: '   ' });
  assert.ok(!empty.ok && empty.issues[0]?.code === 'emptyPrompt');
  const long = valid({ modelKey: 'openai:gpt-image-2', prompt: 'x'.repeat(32_001) });
  assert.ok(!long.ok && long.issues[0]?.code === 'promptTooLong');
  const tooMany = valid({ modelKey: 'aireiter:gpt_image_2', referenceImages: Array.from({ length: 10 }, (_, i) => `https://img.test/${i}.png`) });
  assert.ok(!tooMany.ok && /at most 9 reference images; 10 were given/.test(tooMany.issues[0]!.message));
  const nine = valid({ modelKey: 'aireiter:gpt_image_2', referenceImages: [...Array.from({ length: 8 }, (_, i) => `https://img.test/${i}.png`), 'data:image/png;base64,iVBORw0KGgo='] });
  assert.ok(nine.ok);
  const badRef = valid({ modelKey: 'aireiter:gpt_image_2', referenceImages: ['file:///etc/passwd'] });
  assert.ok(!badRef.ok && badRef.issues[0]?.code === 'referenceSyntax');
  const officialRefs = valid({ modelKey: 'aireiter:gpt_image_2_official', referenceImages: Array.from({ length: 10 }, (_, i) => `https://img.test/${i}.png`) });
  assert.ok(!officialRefs.ok && /at most 9 reference images/.test(officialRefs.issues[0]!.message));
  const officialAuto = valid({ modelKey: 'aireiter:gpt_image_2_official', quality: 'auto' });
  assert.ok(!officialAuto.ok && officialAuto.issues[0]?.field === 'quality', 'auto is not a documented quality of the official model');
  const quality = valid({ modelKey: 'aireiter:gpt_image_2_official', quality: 'ultra' });
  assert.ok(!quality.ok && quality.issues[0]?.code === 'qualityUnknown');
  const unknown = valid({ modelKey: 'aireiter:gpt_image_3' });
  assert.ok(!unknown.ok && unknown.issues[0]?.code === 'unknownModel');
  assert.ok(valid({ modelKey: 'openai:gpt-image-2.5' }).ok, 'a newer OpenAI model is not unknown');
});

test('every model: each offered ratio × resolution either resolves or is refused with a reason', () => {
  assert.equal(models.length, 11);
  for (const model of models) {
    for (const ratio of model.ratios) {
      for (const resolution of model.resolutions) {
        const result = validateGeneration({ prompt: 'a cat', modelKey: model.key, aspectRatio: ratio, resolution }, { acceptRetired: true });
        if (!result.ok) {
          assert.equal(result.issues[0]?.code, 'fourKRatio', `${model.key} ${ratio} ${resolution}`);
        } else if (ratio !== 'auto') {
          assert.ok(result.pixels, `${model.key} ${ratio} ${resolution} has a pixel size`);
        }
      }
    }
  }
});

test('Regenerate of an image made with a shut-down model: its remembered input is refused with the date and the replacement', async () => {
  const { inputFromProvenance } = await import('../../src/core/images/provenance');
  const input = inputFromProvenance({ prompt: 'an old image', model: 'openai:gpt-image-1.5', parameters: '{"aspectRatio":"3:2","resolution":"1K","quality":"high"}' });
  const result = validateGeneration(input);
  assert.ok(!result.ok);
  assert.deepEqual(result.issues.map((issue) => issue.message), ['gpt-image-1.5 was shut down by OpenAI on 2026-12-01; use openai:gpt-image-2 instead.']);
});

test('a model id typed into the model list: a bare id is an OpenAI-compatible one; nothing unusable or shut down', async () => {
  const { typedModelKey } = await import('../../src/core/catalog/modelKeys');
  assert.equal(typedModelKey('gpt-image-2.5-flare'), 'openai:gpt-image-2.5-flare');
  assert.equal(typedModelKey('  openai:house/painter '), 'openai:house/painter');
  assert.equal(typedModelKey('jimmyai:nano-banana-2'), 'jimmyai:nano-banana-2');
  assert.equal(typedModelKey('jimmyai:flux'), undefined, 'JimmyAI takes only its models');
  assert.equal(typedModelKey('gpt-image-1'), undefined, 'shut down');
  assert.equal(typedModelKey('two words'), undefined);
  assert.equal(typedModelKey(''), undefined);
});
