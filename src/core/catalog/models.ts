// Every model ImageGen can drive, with the rules the seeds and provider docs give for it.
import { aireiterRatios, commonCustomSizes, customPixelBounds, fourKRatios, gptImage2OfficialTable, gptImage2Table, type AireiterRatio } from './aireiterTables';
import { retirementOf, type Retirement } from './retiredModels';
import { ratioValue, type PixelSize } from './sizes';

export const providerIds = ['aireiter', 'jimmyai', 'openai'] as const;
export type ProviderId = (typeof providerIds)[number];
export type Resolution = '1K' | '2K' | '4K';
export type Quality = 'low' | 'medium' | 'high' | 'auto';

export type CustomSizeRule =
  /** AIReiter gpt_image_2 `size`: any WxH whose pixel count is in range; below `warnBelow` the upstream swaps sizes. */
  | { readonly kind: 'pixelRange'; readonly minPixels: number; readonly maxPixels: number; readonly warnBelow: number; readonly suggestions: readonly string[] }
  /** OpenAI gpt-image-2: both sides multiples of 16, ratio within 1:3…3:1, within 3840×2160. */
  | { readonly kind: 'multipleOf16'; readonly minPixels: number; readonly maxPixels: number; readonly maxEdge: number; readonly maxRatio: number }
  /** gpt-image-1 family: a fixed list of sizes. */
  | { readonly kind: 'fixed'; readonly sizes: readonly string[] }
  /** A model id ImageGen does not know: any WIDTHxHEIGHT is sent, the provider checks it. */
  | { readonly kind: 'providerChecked' };

export interface CellSize {
  readonly size: PixelSize;
  readonly alternative?: PixelSize;
  /** True where no provider table exists and the size is our estimate; the file's header is the truth. */
  readonly approximate: boolean;
}

export interface PollingAdvice {
  readonly initialDelayMs: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export interface ModelSpec {
  readonly key: string;
  readonly provider: ProviderId;
  readonly model: string;
  readonly label: string;
  /** Selectable ratios in display order; `auto` lets the provider choose. */
  readonly ratios: readonly string[];
  readonly defaultRatio: string;
  readonly resolutions: readonly Resolution[];
  /** Ratios allowed at 4K when the model restricts them. */
  readonly fourKRatios?: readonly string[];
  readonly qualities: readonly Quality[];
  readonly defaultQuality?: Quality;
  readonly custom?: CustomSizeRule;
  readonly maxReferenceImages: number;
  readonly maxPromptLength: number;
  readonly polling: PollingAdvice;
  /** Shut down by its maker: kept so history, resumes and messages know it, never offered. */
  readonly retired?: Retirement;
  /** An OpenAI-compatible id the catalog does not list: generic gpt-image rules, sizes checked by the provider. */
  readonly unlisted?: true;
  cellSize(ratio: string, resolution: Resolution): CellSize | undefined;
}

const s = (width: number, height: number): PixelSize => ({ width, height });

/** An estimate for ratios no table covers: the resolution's area at that ratio, in multiples of 16. */
export function estimateSize(ratio: string, resolution: Resolution, baseArea = 1024 * 1024): PixelSize | undefined {
  const value = ratioValue(ratio);
  if (!Number.isFinite(value) || value <= 0) {
    return undefined;
  }
  const scale = resolution === '1K' ? 1 : resolution === '2K' ? 4 : 16;
  let width = Math.sqrt(baseArea * scale * value);
  let height = width / value;
  const longest = Math.max(width, height);
  if (longest > 3840) {
    width = (width * 3840) / longest;
    height = (height * 3840) / longest;
  }
  if (width * height > customPixelBounds.max) {
    const shrink = Math.sqrt(customPixelBounds.max / (width * height));
    width *= shrink;
    height *= shrink;
  }
  return s(Math.min(3840, Math.floor(width / 16) * 16 || 16), Math.min(3840, Math.floor(height / 16) * 16 || 16));
}

// AIReiter [seed]: first query 10–20 s after submit, then every 3–5 s; high quality at 2K/4K can
// take ~130 s, so no deadline before 180 s (300 leaves room for a queue).
const aireiterPolling: PollingAdvice = { initialDelayMs: 15_000, intervalMs: 4_000, timeoutMs: 300_000 };
// JimmyAI [3p]: tasks can queue for many minutes; poll every 5–15 s, wait up to ~30 minutes.
const jimmyPolling: PollingAdvice = { initialDelayMs: 5_000, intervalMs: 5_000, timeoutMs: 1_800_000 };
// Synchronous endpoints are not polled; their one request is bounded by imagegen.openai.timeoutSeconds.
const syncPolling: PollingAdvice = { initialDelayMs: 0, intervalMs: 0, timeoutMs: 600_000 };

const jimmyRatios = ['auto', '1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '3:1', '1:3', '21:9', '9:21'] as const;
// The nano-banana models take what their Gemini model takes [docs: ai.google.dev]: Gemini 2.5 Flash
// Image and 3 Pro Image the same 10 ratios. Nano Banana 2 (3.1 Flash Image) adds 1:4, 4:1, 1:8 and
// 8:1 upstream, but JimmyAI's documented ratio list has none of them [seed], so they are not
// offered. `auto` stays: it is JimmyAI's default [seed] and lets the upstream choose.
const geminiRatios = ['auto', '1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9'] as const;

/** Gemini image models' documented 1K sizes; 2K and 4K double and quadruple them. */
const geminiSizes: Record<string, PixelSize> = {
  '1:1': s(1024, 1024), '2:3': s(832, 1248), '3:2': s(1248, 832), '3:4': s(864, 1184), '4:3': s(1184, 864),
  '4:5': s(896, 1152), '5:4': s(1152, 896), '9:16': s(768, 1344), '16:9': s(1344, 768), '21:9': s(1536, 672),
};

function officialCell(ratio: string, resolution: Resolution): CellSize | undefined {
  const cell = gptImage2OfficialTable[ratio as AireiterRatio]?.[resolution];
  return cell ? { size: cell.size, approximate: false } : undefined;
}

function geminiCell(ratio: string, resolution: Resolution): CellSize | undefined {
  const base = geminiSizes[ratio];
  const factor = resolution === '1K' ? 1 : resolution === '2K' ? 2 : 4;
  const size = base ? s(base.width * factor, base.height * factor) : estimateSize(ratio, resolution);
  return size ? { size, approximate: true } : undefined;
}

const aireiterGptImage2: ModelSpec = {
  key: 'aireiter:gpt_image_2',
  provider: 'aireiter',
  model: 'gpt_image_2',
  label: 'AIReiter · GPT Image 2',
  ratios: aireiterRatios,
  defaultRatio: '1:1',
  resolutions: ['1K', '2K', '4K'],
  qualities: [],
  custom: { kind: 'pixelRange', minPixels: customPixelBounds.min, maxPixels: customPixelBounds.max, warnBelow: customPixelBounds.silentSwapBelow, suggestions: commonCustomSizes },
  maxReferenceImages: 9,
  maxPromptLength: 32_000,
  polling: aireiterPolling,
  cellSize(ratio, resolution) {
    const cell = gptImage2Table[ratio as AireiterRatio]?.[resolution];
    return cell ? { size: cell.size, ...(cell.alternative ? { alternative: cell.alternative } : {}), approximate: false } : undefined;
  },
};

const aireiterOfficial: ModelSpec = {
  key: 'aireiter:gpt_image_2_official',
  provider: 'aireiter',
  model: 'gpt_image_2_official',
  label: 'AIReiter · GPT Image 2 (official)',
  ratios: aireiterRatios,
  defaultRatio: '1:1',
  resolutions: ['1K', '2K', '4K'],
  fourKRatios,
  // Only low, medium and high are documented for this model; `auto` is not offered.
  qualities: ['low', 'medium', 'high'],
  defaultQuality: 'medium',
  // "Up to 9 reference images, URLs and base64 mixed" [docs]; sent as image_url like gpt_image_2.
  maxReferenceImages: 9,
  maxPromptLength: 32_000,
  polling: aireiterPolling,
  cellSize: officialCell,
};

function jimmyModel(model: string, label: string, options: Pick<ModelSpec, 'resolutions' | 'qualities' | 'maxReferenceImages'> & Partial<ModelSpec>, cellSize: ModelSpec['cellSize']): ModelSpec {
  return { key: `jimmyai:${model}`, provider: 'jimmyai', model, label, ratios: model.startsWith('nano-banana') ? geminiRatios : jimmyRatios, defaultRatio: 'auto', maxPromptLength: 32_000, polling: jimmyPolling, cellSize, ...options };
}

const jimmyGptImage2Cell = (ratio: string, resolution: Resolution): CellSize | undefined => {
  if (ratio === 'auto') {
    return undefined;
  }
  const official = officialCell(ratio, resolution);
  if (official) {
    return { ...official, approximate: true };
  }
  if (resolution === '4K') {
    return undefined;
  }
  const size = estimateSize(ratio, resolution);
  return size ? { size, approximate: true } : undefined;
};

const openaiFixedCells: Record<string, PixelSize> = { '1:1': s(1024, 1024), '3:2': s(1536, 1024), '2:3': s(1024, 1536) };

/** gpt-image-2's rules [docs], shared by the models that take its request shape. */
function openaiGptImage2Like(model: string, extra: Partial<ModelSpec> = {}): ModelSpec {
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
    polling: syncPolling,
    cellSize: (ratio, resolution) => (ratio === 'auto' ? undefined : officialCell(ratio, resolution)),
    ...extra,
  };
}

/** The gpt-image-1 family: three fixed sizes at 1K; all three are shut down (retiredModels.ts). */
function openaiFixedSizeModel(model: string): ModelSpec {
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
    polling: syncPolling,
    ...(retired ? { retired } : {}),
    cellSize: (ratio) => (openaiFixedCells[ratio] ? { size: openaiFixedCells[ratio]!, approximate: false } : undefined),
  };
}

// gpt-image-2.5 (snapshot -2026-09-08) takes gpt-image-2's request shape and up to 16 references
// [3p: SDK release notes; gateways' docs (docs.apiyi.com/en/news/gpt-image-2-5-launch, wavespeed.ai
// gpt-image-2-5-api) say the same]. Its extra qualities `xhigh` and `max` are only in third-party
// pages (the same two, and sanand0's blog); no OpenAI page the search tool holds confirms them, and
// one gateway (piapi.ai) says they are refused with HTTP 400, so they are NOT offered. Third-party
// pages also name the API models gpt-image-2.5-flare and -sunburst: an id this catalog does not
// list still works, with the generic rules below.
const gptImage25 = openaiGptImage2Like('gpt-image-2.5');

export const models: readonly ModelSpec[] = [
  aireiterGptImage2,
  aireiterOfficial,
  jimmyModel('gpt-image-2', 'JimmyAI · GPT Image 2', { resolutions: ['1K', '2K', '4K'], fourKRatios, qualities: ['low', 'medium', 'high'], defaultQuality: 'low', maxReferenceImages: 16 }, jimmyGptImage2Cell),
  // [assume] nano-banana (Gemini 2.5 Flash Image) renders at 1K only; the -2 and -pro models go to 4K.
  jimmyModel('nano-banana', 'JimmyAI · Nano Banana', { resolutions: ['1K'], qualities: [], maxReferenceImages: 3 }, (ratio, resolution) => (ratio === 'auto' ? undefined : geminiCell(ratio, resolution))),
  jimmyModel('nano-banana-2', 'JimmyAI · Nano Banana 2', { resolutions: ['1K', '2K', '4K'], qualities: [], maxReferenceImages: 14 }, (ratio, resolution) => (ratio === 'auto' ? undefined : geminiCell(ratio, resolution))),
  jimmyModel('nano-banana-pro', 'JimmyAI · Nano Banana Pro', { resolutions: ['1K', '2K', '4K'], qualities: [], maxReferenceImages: 14 }, (ratio, resolution) => (ratio === 'auto' ? undefined : geminiCell(ratio, resolution))),
  openaiGptImage2Like('gpt-image-2'),
  gptImage25,
  ...['gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'].map(openaiFixedSizeModel),
];

/** The models the wizard, the studio and list_models offer: every listed one that is not shut down. */
export const offeredModels: readonly ModelSpec[] = models.filter((model) => !model.retired);

/** What an OpenAI-compatible model id looks like: gateways add `/`, `:` and `.` to their names. */
export const openaiModelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;

/**
 * An OpenAI-compatible id the catalog does not list (a newer model, a gateway's own name): the
 * generic gpt-image rules, any exact size left to the provider, pixels shown as estimates.
 */
function unlistedOpenaiModel(model: string): ModelSpec {
  const retired = retirementOf(model);
  return openaiGptImage2Like(model, {
    unlisted: true,
    custom: { kind: 'providerChecked' },
    cellSize: (ratio, resolution) => (ratio === 'auto' ? undefined : ((cell) => cell && { ...cell, approximate: true })(officialCell(ratio, resolution))),
    ...(retired ? { retired } : {}),
  });
}

const byKey = new Map(models.map((model) => [model.key, model]));

/**
 * The rules for a `provider:model` key: the catalog's own, or for any other OpenAI-compatible id
 * the generic ones; undefined for an unknown provider or an unknown AIReiter/JimmyAI model (those
 * take only their known models).
 */
export function findModel(key: string): ModelSpec | undefined {
  const known = byKey.get(key);
  if (known) return known;
  const model = key.startsWith('openai:') ? key.slice('openai:'.length) : undefined;
  return model !== undefined && openaiModelIdPattern.test(model) ? unlistedOpenaiModel(model) : undefined;
}
