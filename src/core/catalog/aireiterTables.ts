// AIReiter's aspect_ratio × resolution → pixel tables, cell for cell from the seed documents.
import type { PixelSize } from './sizes';

export const aireiterRatios = ['1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '21:9', '9:21'] as const;
export type AireiterRatio = (typeof aireiterRatios)[number];
export const aireiterResolutions = ['1K', '2K', '4K'] as const;
export type AireiterResolution = (typeof aireiterResolutions)[number];

export interface AireiterCell {
  readonly size: PixelSize;
  /** gpt_image_2 at 1K may answer with this larger size instead; the file tells which. */
  readonly alternative?: PixelSize;
}

const s = (width: number, height: number): PixelSize => ({ width, height });

export const gptImage2Table: Record<AireiterRatio, Record<AireiterResolution, AireiterCell>> = {
  '1:1': { '1K': { size: s(1024, 1024), alternative: s(1254, 1254) }, '2K': { size: s(2048, 2048) }, '4K': { size: s(2880, 2880) } },
  '3:2': { '1K': { size: s(1536, 1024) }, '2K': { size: s(2048, 1360) }, '4K': { size: s(3520, 2336) } },
  '2:3': { '1K': { size: s(1024, 1536) }, '2K': { size: s(1360, 2048) }, '4K': { size: s(2336, 3520) } },
  '4:3': { '1K': { size: s(1024, 768) }, '2K': { size: s(2048, 1536) }, '4K': { size: s(3312, 2480) } },
  '3:4': { '1K': { size: s(768, 1024) }, '2K': { size: s(1536, 2048) }, '4K': { size: s(2480, 3312) } },
  '5:4': { '1K': { size: s(1280, 1024), alternative: s(1448, 1086) }, '2K': { size: s(2560, 2048) }, '4K': { size: s(3216, 2576) } },
  '4:5': { '1K': { size: s(1024, 1280), alternative: s(1122, 1402) }, '2K': { size: s(2048, 2560) }, '4K': { size: s(2576, 3216) } },
  '16:9': { '1K': { size: s(1536, 864), alternative: s(1672, 941) }, '2K': { size: s(2048, 1152) }, '4K': { size: s(3840, 2160) } },
  '9:16': { '1K': { size: s(864, 1536), alternative: s(941, 1672) }, '2K': { size: s(1152, 2048) }, '4K': { size: s(2160, 3840) } },
  '2:1': { '1K': { size: s(2048, 1024), alternative: s(1774, 887) }, '2K': { size: s(2688, 1344) }, '4K': { size: s(3840, 1920) } },
  '1:2': { '1K': { size: s(1024, 2048), alternative: s(887, 1774) }, '2K': { size: s(1344, 2688) }, '4K': { size: s(1920, 3840) } },
  '21:9': { '1K': { size: s(2016, 864), alternative: s(1915, 821) }, '2K': { size: s(2688, 1152) }, '4K': { size: s(3840, 1648) } },
  '9:21': { '1K': { size: s(864, 2016), alternative: s(821, 1915) }, '2K': { size: s(1152, 2688) }, '4K': { size: s(1648, 3840) } },
};

/** The ratios OpenAI's pixel limit allows at 4K (gpt_image_2_official, and gpt-image-2 elsewhere). */
export const fourKRatios = ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'] as const;

/** gpt_image_2_official: OpenAI's actual pixels; the same cells, without the 1K alternatives, 4K only for six ratios. */
export const gptImage2OfficialTable: Record<AireiterRatio, Partial<Record<AireiterResolution, AireiterCell>>> = Object.fromEntries(
  aireiterRatios.map((ratio) => {
    const row = gptImage2Table[ratio];
    const cells: Partial<Record<AireiterResolution, AireiterCell>> = { '1K': { size: row['1K'].size }, '2K': { size: row['2K'].size } };
    if ((fourKRatios as readonly string[]).includes(ratio)) {
      cells['4K'] = { size: row['4K'].size };
    }
    return [ratio, cells];
  }),
) as Record<AireiterRatio, Partial<Record<AireiterResolution, AireiterCell>>>;

/** gpt_image_2 `size`: the upstream's hard bounds and the floor below which it swaps in ~1.57 MP. */
export const customPixelBounds = { min: 655_360, max: 8_294_400, silentSwapBelow: 2_088_960 } as const;

export const commonCustomSizes = ['2048x2048', '2048x1536', '1536x2048', '2048x1152', '1152x2048', '3840x2160', '2688x1344'] as const;
