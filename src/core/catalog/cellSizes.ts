// Pixel cells several providers' models share: OpenAI's gpt-image-2 table (AIReiter's official
// model, JimmyAI's and OpenAI's gpt-image-2 serve the same pixels) and the estimate for ratios no
// table covers.
import { customPixelBounds, gptImage2OfficialTable, type AireiterRatio } from './aireiterTables';
import type { CellSize, Resolution } from './modelSpec';
import { ratioValue, type PixelSize } from './sizes';

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
  return { width: Math.min(3840, Math.floor(width / 16) * 16 || 16), height: Math.min(3840, Math.floor(height / 16) * 16 || 16) };
}

/** OpenAI's actual gpt-image-2 pixels for a ratio and resolution (4K only for six ratios). */
export function officialCell(ratio: string, resolution: Resolution): CellSize | undefined {
  const cell = gptImage2OfficialTable[ratio as AireiterRatio]?.[resolution];
  return cell ? { size: cell.size, approximate: false } : undefined;
}
