// OpenAI-compatible endpoints as the catalog knows them: the gpt-image models, the generic rules
// for any other id an endpoint serves, its endpoint and its reference limit. Plain data over core
// types (core reads it).
import { aireiterRatios, customPixelBounds, fourKRatios } from '../../core/catalog/aireiterTables';
import { officialCell } from '../../core/catalog/cellSizes';
import type { ModelSpecOf, PollingAdvice } from '../../core/catalog/modelSpec';
import type { ProviderProfile } from '../../core/catalog/providerProfile';
import { retiredSentence, retirementOf } from '../../core/catalog/retiredModels';
import type { PixelSize } from '../../core/catalog/sizes';

type OpenaiModel = ModelSpecOf<'openai'>;

// Synchronous endpoints are not polled; their one request is bounded by imagegen.openai.timeoutSeconds.
const syncPolling: PollingAdvice = { initialDelayMs: 0, intervalMs: 0, timeoutMs: 600_000 };

const s = (width: number, height: number): PixelSize => ({ width, height });
const openaiFixedCells: Record<string, PixelSize> = { '1:1': s(1024, 1024), '3:2': s(1536, 1024), '2:3': s(1024, 1536) };

/** What an OpenAI-compatible model id looks like: gateways add `/`, `:` and `.` to their names. */
const openaiModelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;

/** gpt-image-2's rules [docs], shared by the models that take its request shape. */
function openaiGptImage2Like(model: string, extra: Partial<OpenaiModel> = {}): OpenaiModel {
  return {
    key: `openai:${model}`,
    provider: 'openai',
    model,
    label: `OpenAI-compatible · ${model}`,
    ratios: ['auto', ...aireiterRatios],
    defaultRatio: '1:1',
    resolutions: ['1K', '2K', '4K'],
    fourKRatios,
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'auto',
    custom: { kind: 'multipleOf16', minPixels: customPixelBounds.min, maxPixels: customPixelBounds.max, maxEdge: 3840, maxRatio: 3 },
    maxReferenceImages: 16,
    maxPromptLength: 32_000,
    takesBackground: true,
    polling: syncPolling,
    cellSize: (ratio, resolution) => (ratio === 'auto' ? undefined : officialCell(ratio, resolution)),
    ...extra,
  };
}

/** The gpt-image-1 family: three fixed sizes at 1K; all three are shut down (retiredModels.ts). */
function openaiFixedSizeModel(model: string): OpenaiModel {
  const retired = retirementOf(model);
  return {
    key: `openai:${model}`,
    provider: 'openai',
    model,
    label: `OpenAI-compatible · ${model}`,
    ratios: ['auto', '1:1', '3:2', '2:3'],
    defaultRatio: '1:1',
    resolutions: ['1K'],
    qualities: ['low', 'medium', 'high', 'auto'],
    defaultQuality: 'auto',
    custom: { kind: 'fixed', sizes: ['1024x1024', '1536x1024', '1024x1536'] },
    maxReferenceImages: 16,
    maxPromptLength: 32_000,
    takesBackground: true,
    polling: syncPolling,
    ...(retired ? { retired } : {}),
    cellSize: (ratio) => (openaiFixedCells[ratio] ? { size: openaiFixedCells[ratio]!, approximate: false } : undefined),
  };
}

/**
 * `background` is "only supported for the GPT image models" [docs: openai-images.openapi.json]:
 * an unlisted id is taken for one when it names gpt-image (`gpt-image-2-2026-04-21`, a gateway's
 * `openai/gpt-image-2`); any other (dall-e-3, a gateway's own model) is not sent it.
 */
const gptImageId = /gpt-image/i;

/**
 * An OpenAI-compatible id the catalog does not list (a newer model, a gateway's own name): the
 * generic gpt-image rules, any exact size left to the provider, pixels shown as estimates.
 */
function unlistedOpenaiModel(model: string): OpenaiModel | undefined {
  if (!openaiModelIdPattern.test(model)) return undefined;
  const retired = retirementOf(model);
  const { takesBackground: _generic, ...rules } = openaiGptImage2Like(model);
  return {
    ...rules,
    ...(gptImageId.test(model) ? { takesBackground: true as const } : {}),
    unlisted: true,
    custom: { kind: 'providerChecked' },
    cellSize: (ratio, resolution) => (ratio === 'auto' ? undefined : ((cell) => cell && { ...cell, approximate: true })(officialCell(ratio, resolution))),
    ...(retired ? { retired } : {}),
  };
}

// gpt-image-2.5 (snapshot -2026-09-08) takes gpt-image-2's request shape and up to 16 references
// [3p: SDK release notes; gateways' docs (docs.apiyi.com/en/news/gpt-image-2-5-launch, wavespeed.ai
// gpt-image-2-5-api) say the same]. Its extra qualities `xhigh` and `max` are only in third-party
// pages (the same two, and sanand0's blog); no OpenAI page the search tool holds confirms them, and
// one gateway (piapi.ai) says they are refused with HTTP 400, so they are NOT offered. Third-party
// pages also name the API models gpt-image-2.5-flare and -sunburst: an id this catalog does not
// list still works, with the generic rules (unlistedModels).
export const openaiProfile: ProviderProfile<'openai'> = {
  id: 'openai',
  name: 'OpenAI-compatible',
  defaultBaseUrl: 'https://api.openai.com',
  // OpenAI's edits: each image "less than 50MB", up to 16 [docs: openai-images.openapi.json, CreateImageEditRequest.image].
  referenceLimit: { megabytes: 50, inclusive: false },
  // Images: an OpenAI-compatible endpoint's prices differ by gateway and are not in its answers, so
  // its budgets count images (one per image asked for) [issue 25].
  spending: { unit: 'images', estimate: () => ({ amount: 1, basis: 'one image per image' }) },
  models: [openaiGptImage2Like('gpt-image-2'), openaiGptImage2Like('gpt-image-2.5'), ...['gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'].map(openaiFixedSizeModel)],
  unavailableAdvice: (model) => {
    const retired = retirementOf(model);
    return retired ? retiredSentence(model, retired) : 'Pick a model the endpoint lists (the Generate Image wizard shows them), for example openai:gpt-image-2.';
  },
  unlistedModels: { idRule: 'letters, digits and . _ - : / @ +, up to 128 characters', rules: unlistedOpenaiModel },
};
