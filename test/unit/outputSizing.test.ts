// validateGeneration with an exact output size (issue 24): the request asks for the model's size
// that delivers it, the confirmation says both, a size no model size reaches is refused before
// sending, and a size of the user's own that falls short is refused (never upscaled).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateGeneration, type GenerationInput } from '../../src/core/catalog/validateGeneration';
import { requestFromValidation } from '../../src/providers/provider';
import { flatBackgroundSentence } from '../../src/core/output/keyOut';

const ok = (input: GenerationInput) => {
  const result = validateGeneration(input);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
  return result;
};

test('OG card on gpt-image-2 without a size: asks for a size at or above 1200×630 closest in ratio, and says generates → delivers', () => {
  const result = ok({ modelKey: 'openai:gpt-image-2', prompt: 'a launch card', output: { format: 'webp', size: { width: 1200, height: 630 } } });
  assert.ok(result.size && result.size.width >= 1200 && result.size.height >= 630, JSON.stringify(result.size));
  assert.equal(result.delivery, `generates ${result.size.width}×${result.size.height} → delivers 1200×630 (resized)`, "1280×672 has the card's ratio: resized, nothing cut");
  assert.deepEqual(requestFromValidation(result, 'a launch card').size, result.size);
  assert.equal(result.output?.format, 'webp');
});

test('the og-card set alone sizes the request too', () => {
  const result = ok({ modelKey: 'aireiter:gpt_image_2', prompt: 'p', output: { assetSet: 'og-card' } });
  assert.match(result.delivery ?? '', /→ delivers 1200×630/);
});

test('the favicon set asks for at least 512×512', () => {
  const result = ok({ modelKey: 'jimmyai:nano-banana', prompt: 'p', output: { assetSet: 'favicon' } });
  const pixels = result.pixels?.size;
  assert.ok(pixels && pixels.width >= 512 && pixels.height >= 512, JSON.stringify(result.pixels));
});

test('a target larger than anything the model makes is refused before sending, naming the largest', () => {
  const result = validateGeneration({ modelKey: 'jimmyai:nano-banana-pro', prompt: 'p', output: { size: { width: 8000, height: 8000 } } });
  assert.equal(result.ok, false);
  const issue = !result.ok ? result.issues.find((candidate) => candidate.field === 'output') : undefined;
  assert.equal(issue?.code, 'outputSizeUnreachable');
  assert.match(issue.message, /at most \d+×\d+.*upscal/);
});

test("the user's own ratio and resolution that fall short are refused, with what to change", () => {
  const result = validateGeneration({ modelKey: 'aireiter:gpt_image_2', prompt: 'p', aspectRatio: '16:9', resolution: '1K', output: { size: { width: 3000, height: 1688 } } });
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.issues.map((issue) => issue.message).join(' ') : '', /falls short|upscal/);
});

test('no output size: the request is as given, no delivery line', () => {
  const result = ok({ modelKey: 'openai:gpt-image-2', prompt: 'p', aspectRatio: '1:1', resolution: '1K', output: { format: 'avif' } });
  assert.equal(result.delivery, undefined);
  assert.equal(result.aspectRatio, '1:1');
});

test('transparent on a model without it: the prompt asks for a flat background; a native model gets the prompt as written', () => {
  const keyed = ok({ modelKey: 'jimmyai:nano-banana', prompt: 'A fox logo', output: { background: 'transparent' } });
  assert.equal(requestFromValidation(keyed, 'A fox logo').prompt, `A fox logo. ${flatBackgroundSentence}`);
  const native = ok({ modelKey: 'openai:gpt-image-2', prompt: 'A fox logo', output: { background: 'transparent' } });
  assert.equal(requestFromValidation(native, 'A fox logo').prompt, 'A fox logo');
});

test('a responsive set wider than the request makes is refused before sending, naming what would make it', () => {
  // AIReiter gpt_image_2 at 16:9: 1K is 1536×864, 2K 2560×1440 (or so), 4K larger.
  const refused = validateGeneration({ modelKey: 'aireiter:gpt_image_2', prompt: 'a hero', aspectRatio: '16:9', resolution: '1K', output: { assetSet: 'responsive', widths: [640, 1280, 1920] } });
  assert.ok(!refused.ok);
  assert.equal(refused.issues.length, 1);
  assert.equal(refused.issues[0]!.field, 'output');
  assert.match(refused.issues[0]!.message, /^The responsive set's widest file is 1920 pixels, but this request makes 1536×864 and ImageGen does not upscale: choose a larger resolution or size \(up to \d+×\d+ at 16:9\) or widths up to 1536\.$/);
  ok({ modelKey: 'aireiter:gpt_image_2', prompt: 'a hero', aspectRatio: '16:9', resolution: '2K', output: { assetSet: 'responsive', widths: [640, 1280, 1920] } });
  ok({ modelKey: 'aireiter:gpt_image_2', prompt: 'a hero', aspectRatio: '16:9', resolution: '1K', output: { assetSet: 'responsive', widths: [640, 1280] } });
  // Wider than anything the model makes at the ratio: the widths are what to change.
  const widest = validateGeneration({ modelKey: 'jimmyai:nano-banana', prompt: 'a hero', aspectRatio: '16:9', resolution: '1K', output: { assetSet: 'responsive', widths: [640, 3000] } });
  assert.ok(!widest.ok);
  assert.match(widest.issues[0]!.message, /this request makes 1344×768 and ImageGen does not upscale: choose widths up to 1344\.$/);
  // The provider chooses (auto): not judged before, said after (the set then has the widths the image allows).
  ok({ modelKey: 'jimmyai:nano-banana', prompt: 'a hero', output: { assetSet: 'responsive', widths: [640, 3000] } });
});

test('a responsive set without a resolution: ImageGen picks the smallest resolution at the ratio that is wide enough', () => {
  const picked = ok({ modelKey: 'aireiter:gpt_image_2', prompt: 'a hero', output: { assetSet: 'responsive', widths: [640, 1280, 1920] } });
  assert.equal(picked.aspectRatio, '1:1');
  assert.equal(picked.resolution, '2K');
  assert.match(picked.delivery ?? '', /^generates \d+×\d+ → delivers widths 640, 1280, 1920$/);
  const wide = ok({ modelKey: 'aireiter:gpt_image_2', prompt: 'a hero', aspectRatio: '16:9', output: { assetSet: 'responsive', widths: [640, 1280] } });
  assert.equal(wide.resolution, '1K', '1536 wide at 1K is enough for 1280');
});
