// AIReiter as the catalog knows it: its two GPT Image 2 models with the seed documents' size
// tables, its endpoint and its reference limit. Plain data over core types (core reads it).
import { aireiterRatios, commonCustomSizes, customPixelBounds, fourKRatios, gptImage2Table, type AireiterRatio } from '../../core/catalog/aireiterTables';
import { officialCell } from '../../core/catalog/cellSizes';
import type { PollingAdvice } from '../../core/catalog/modelSpec';
import type { ProviderProfile } from '../../core/catalog/providerProfile';

// AIReiter [seed]: first query 10–20 s after submit, then every 3–5 s; high quality at 2K/4K can
// take ~130 s, so no deadline before 180 s (300 leaves room for a queue).
const aireiterPolling: PollingAdvice = { initialDelayMs: 15_000, intervalMs: 4_000, timeoutMs: 300_000 };

export const aireiterProfile: ProviderProfile<'aireiter'> = {
  id: 'aireiter',
  name: 'AIReiter',
  defaultBaseUrl: 'https://aireiter.com',
  // AIReiter documents no reference limit: the 20 MB we always used.
  referenceLimit: { megabytes: 20, inclusive: true },
  // Credits, as its answers report them (`estimated_credits` at submit, `credits_used` at the end).
  // 100 per image is the only figure its documents show (the submit example's estimated_credits) [seed];
  // the ledger's own `credits_used` replaces it after the first finished task.
  spending: { unit: 'credits', estimate: () => ({ amount: 100, basis: "AIReiter's documented example (estimated_credits: 100) [seed]" }) },
  models: [
    {
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
    },
    {
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
    },
  ],
};
