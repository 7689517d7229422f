import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { generate, requestFor, startHarness, type Harness } from './support/engineHarness';

let harness: Harness;
before(async () => {
  // Long enough that the first query sees the task before it ends, even on a loaded machine.
  harness = await startHarness({ lifecycle: { queuedMs: 250, processingMs: 500 } });
});
after(async () => harness.close());

// provider × model, with a size each; the file on disk must have exactly these pixels.
const cases: { modelKey: string; input: Record<string, string>; expected: string; label: string }[] = [
  { modelKey: 'aireiter:gpt_image_2', input: { aspectRatio: '16:9', resolution: '2K' }, expected: '2048x1152', label: '16:9 2K' },
  { modelKey: 'aireiter:gpt_image_2', input: { size: '2688x1344' }, expected: '2688x1344', label: 'custom size' },
  { modelKey: 'aireiter:gpt_image_2_official', input: { aspectRatio: '21:9', resolution: '4K', quality: 'high' }, expected: '3840x1648', label: '21:9 4K high' },
  { modelKey: 'jimmyai:gpt-image-2', input: { aspectRatio: '3:2', resolution: '1k', quality: 'medium' }, expected: '1024x688', label: '3:2 1k medium' },
  { modelKey: 'jimmyai:nano-banana', input: { aspectRatio: '1:1', resolution: '1k' }, expected: '1024x1024', label: '1:1 1k' },
  { modelKey: 'jimmyai:nano-banana-2', input: { aspectRatio: '9:16', resolution: '2k' }, expected: '1152x2048', label: '9:16 2k' },
  { modelKey: 'jimmyai:nano-banana-pro', input: { aspectRatio: '21:9', resolution: '1k' }, expected: '1024x432', label: '21:9 1k' },
  { modelKey: 'openai:gpt-image-2', input: { size: '2048x1152', quality: 'high' }, expected: '2048x1152', label: 'custom 2048x1152' },
  { modelKey: 'openai:gpt-image-2.5', input: { aspectRatio: '16:9', resolution: '2K', quality: 'high' }, expected: '2048x1152', label: '16:9 2K high' },
  // An id ImageGen does not list (a gateway's own name): sent as it is, the size checked by the provider.
  { modelKey: 'openai:gateway-image-x', input: { size: '1536x1024' }, expected: '1536x1024', label: 'unlisted 1536x1024' },
];

for (const { modelKey, input, expected, label } of cases) {
  test(`round trip ${modelKey} (${label}) → a ${expected} PNG on disk`, async () => {
    const request = requestFor({ modelKey, ...input });
    const { statuses, image } = await generate(harness, request, `${modelKey.replace(/[:.]/g, '_')}-${label.replace(/\W+/g, '_')}`);
    const target = image.path;
    assert.equal(`${image.width}x${image.height}`, expected);
    assert.equal(image.format, 'png');
    const onDisk = readImageInfo(readFileSync(target).subarray(0, 64));
    assert.equal(`${onDisk?.width}x${onDisk?.height}`, expected, 'the header on disk has the same size');
    if (request.model.provider !== 'openai') {
      // Asynchronous providers go through a lifecycle; JimmyAI reports progress on the way.
      assert.ok(statuses.length >= 2, `statuses seen: ${statuses.map((s) => s.state).join(',')}`);
      if (request.model.provider === 'jimmyai') {
        assert.ok(statuses.some((s) => s.state === 'running' && typeof s.progress === 'number' && s.progress > 0 && s.progress < 100));
      }
    }
  });
}

test('requests carry the Bearer key and an explicit User-Agent', () => {
  const recorded = harness.simulator.requests.filter((r) => r.operation !== 'image');
  assert.ok(recorded.length > 20);
  assert.ok(recorded.every((r) => r.authorized && r.userAgent === 'ImageGen-test/1.0'));
});

test('AIReiter sends what its documentation asks for: model, params and out_task_id', () => {
  const submits = harness.simulator.requestsFor('aireiter.submit').map((r) => r.body as { model: string; params: Record<string, unknown>; out_task_id: string });
  const custom = submits.find((s) => s.params.size === '2688x1344')!;
  assert.deepEqual(Object.keys(custom.params).sort(), ['prompt', 'size'], 'size travels alone');
  const official = submits.find((s) => s.model === 'gpt_image_2_official')!;
  assert.deepEqual(official.params, { prompt: 'a lighthouse at dusk', aspect_ratio: '21:9', resolution: '4K', quality: 'high' });
  assert.ok(submits.every((s) => typeof s.out_task_id === 'string' && s.out_task_id.length > 0));
  // The official model's tasks are asked for by task_id first (providers.md query order).
  assert.ok(harness.simulator.requestsFor('aireiter.query').some((r) => typeof (r.body as { task_id?: unknown }).task_id === 'string'));
});

test('JimmyAI gets lower-case resolutions, and quality only for gpt-image-2', () => {
  const creates = harness.simulator.requestsFor('jimmyai.create').map((r) => r.body as Record<string, unknown>);
  assert.deepEqual(creates.find((c) => c.model === 'gpt-image-2'), { model: 'gpt-image-2', prompt: 'a lighthouse at dusk', ratio: '3:2', resolution: '1k', quality: 'medium' });
  assert.equal(creates.find((c) => c.model === 'nano-banana-pro')?.quality, undefined);
});

test('OpenAI edits: reference images go as image[] file parts to /v1/images/edits', async () => {
  const { gradientPng } = await import('../simulator/png');
  const reference = `data:image/png;base64,${gradientPng(16, 16).toString('base64')}`;
  const { image } = await generate(harness, requestFor({ modelKey: 'openai:gpt-image-2', size: '1024x1024', referenceImages: [reference, reference] }), 'edit');
  assert.equal(image.width, 1024);
  const parts = (harness.simulator.requestsFor('openai.edit')[0]!.body as Record<string, unknown>)['image[]'] as unknown[];
  assert.equal(parts.length, 2);
});
