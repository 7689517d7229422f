// JimmyAI as the catalog knows it: GPT Image 2 and the nano-banana (Gemini image) models, its
// endpoint and its reference limit. Plain data over core types (core reads it).
import { fourKRatios } from '../../core/catalog/aireiterTables';
import { estimateSize, officialCell } from '../../core/catalog/cellSizes';
import type { CellSize, ModelSpecOf, PollingAdvice, Resolution } from '../../core/catalog/modelSpec';
import type { ProviderProfile } from '../../core/catalog/providerProfile';
import type { PixelSize } from '../../core/catalog/sizes';

type JimmyaiModel = ModelSpecOf<'jimmyai'>;

const s = (width: number, height: number): PixelSize => ({ width, height });

// JimmyAI [3p]: tasks can queue for many minutes; poll every 5–15 s, wait up to ~30 minutes.
const jimmyPolling: PollingAdvice = { initialDelayMs: 5_000, intervalMs: 5_000, timeoutMs: 1_800_000 };

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

function geminiCell(ratio: string, resolution: Resolution): CellSize | undefined {
  const base = geminiSizes[ratio];
  const factor = resolution === '1K' ? 1 : resolution === '2K' ? 2 : 4;
  const size = base ? s(base.width * factor, base.height * factor) : estimateSize(ratio, resolution);
  return size ? { size, approximate: true } : undefined;
}

const gemini = (ratio: string, resolution: Resolution) => (ratio === 'auto' ? undefined : geminiCell(ratio, resolution));

function jimmyModel(model: string, label: string, options: Pick<JimmyaiModel, 'resolutions' | 'qualities' | 'maxReferenceImages'> & Partial<JimmyaiModel>, cellSize: JimmyaiModel['cellSize']): JimmyaiModel {
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

// nano-banana is Gemini 2.5 Flash Image, shut down upstream on 2026-10-02 [3p citing Google's
// deprecations page]: JimmyAI may refuse it. Nano Banana 2 is its documented successor [docs: ai.google.dev].
const jimmyaiReplacements: Readonly<Record<string, string>> = { 'nano-banana': 'nano-banana-2' };

export const jimmyaiProfile: ProviderProfile<'jimmyai'> = {
  id: 'jimmyai',
  name: 'JimmyAI',
  defaultBaseUrl: 'https://www.jimmyai.cn',
  // JimmyAI's edits: ≤ 20 MB each [docs, providers.md §2].
  referenceLimit: { megabytes: 20, inclusive: true },
  // Credits. JimmyAI publishes no price and its answers carry no cost [seed, docs], so every JimmyAI
  // task is charged in the ledger at this estimate, marked as such [assume: 100 a task, as AIReiter's].
  spending: { unit: 'credits', estimate: () => ({ amount: 100, basis: 'an assumption: JimmyAI reports no cost [assume]' }) },
  unavailableAdvice: (model) => {
    const replacement = jimmyaiReplacements[model];
    return replacement ? `Its upstream model, Gemini 2.5 Flash Image, was shut down on 2026-10-02; use jimmyai:${replacement} instead.` : undefined;
  },
  models: [
    jimmyModel('gpt-image-2', 'JimmyAI · GPT Image 2', { resolutions: ['1K', '2K', '4K'], fourKRatios, qualities: ['low', 'medium', 'high'], defaultQuality: 'low', maxReferenceImages: 16 }, jimmyGptImage2Cell),
    // [assume] nano-banana (Gemini 2.5 Flash Image) renders at 1K only; the -2 and -pro models go to 4K.
    jimmyModel('nano-banana', 'JimmyAI · Nano Banana', { resolutions: ['1K'], qualities: [], maxReferenceImages: 3 }, gemini),
    jimmyModel('nano-banana-2', 'JimmyAI · Nano Banana 2', { resolutions: ['1K', '2K', '4K'], qualities: [], maxReferenceImages: 14 }, gemini),
    jimmyModel('nano-banana-pro', 'JimmyAI · Nano Banana Pro', { resolutions: ['1K', '2K', '4K'], qualities: [], maxReferenceImages: 14 }, gemini),
  ],
};
