// The pixel sizes the simulated providers answer with: AIReiter's aspect_ratio × resolution table,
// transcribed from shared/specs/providers.md and parsed at load time, and the WxH and ratio
// arithmetic of the other endpoints. The simulator keeps its own copy rather than importing the
// client's table, so that a wrong cell in either shows up as a failing test.

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export type AireiterResolution = '1K' | '2K' | '4K';

export interface AireiterSizeRow {
  readonly '1K': PixelSize;
  readonly '2K': PixelSize;
  /** gpt_image_2's 4K size. */
  readonly '4K': PixelSize;
  /** gpt_image_2_official's 4K size; OpenAI's pixel limit leaves it out for most ratios. */
  readonly official4K: PixelSize | undefined;
  /** The second, larger size gpt_image_2 may answer with at 1K. */
  readonly alternative1K: PixelSize | undefined;
}

// Verbatim from the spec's "Size tables (aspect_ratio × resolution → pixels)", so the two can be
// compared line by line.
const tableText = `
| ratio | 1K | 2K | 4K (\`gpt_image_2\`) | 4K (\`_official\`) |
|---|---|---|---|---|
| 1:1 | 1024×1024 | 2048×2048 | 2880×2880 | ✗ |
| 3:2 | 1536×1024 | 2048×1360 | 3520×2336 | ✗ |
| 2:3 | 1024×1536 | 1360×2048 | 2336×3520 | ✗ |
| 4:3 | 1024×768 | 2048×1536 | 3312×2480 | ✗ |
| 3:4 | 768×1024 | 1536×2048 | 2480×3312 | ✗ |
| 5:4 | 1280×1024 | 2560×2048 | 3216×2576 | ✗ |
| 4:5 | 1024×1280 | 2048×2560 | 2576×3216 | ✗ |
| 16:9 | 1536×864 | 2048×1152 | 3840×2160 | 3840×2160 |
| 9:16 | 864×1536 | 1152×2048 | 2160×3840 | 2160×3840 |
| 2:1 | 2048×1024 | 2688×1344 | 3840×1920 | 3840×1920 |
| 1:2 | 1024×2048 | 1344×2688 | 1920×3840 | 1920×3840 |
| 21:9 | 2016×864 | 2688×1152 | 3840×1648 | 3840×1648 |
| 9:21 | 864×2016 | 1152×2688 | 1648×3840 | 1648×3840 |
`;

const alternativesText = `
For \`gpt_image_2\` at 1K several ratios list a second, larger size (1:1 → 1254×1254, 5:4 →
1448×1086, 4:5 → 1122×1402, 16:9 → 1672×941, 9:16 → 941×1672, 2:1 → 1774×887, 1:2 → 887×1774,
21:9 → 1915×821, 9:21 → 821×1915); either may come back, so read the real size from the file.
`;

function parseCell(cell: string): PixelSize | undefined {
  if (cell === '✗') return undefined;
  const match = /^(\d+)×(\d+)$/.exec(cell);
  if (!match) throw new Error(`size table: unreadable cell '${cell}'`);
  return { width: Number(match[1]), height: Number(match[2]) };
}

function parseTable(table: string, alternatives: string): ReadonlyMap<string, AireiterSizeRow> {
  const alternative1K = new Map<string, PixelSize>();
  for (const [, ratio, width, height] of alternatives.matchAll(/(\d+:\d+)\s*→\s*(\d+)×(\d+)/g)) {
    alternative1K.set(ratio!, { width: Number(width), height: Number(height) });
  }
  const rows = new Map<string, AireiterSizeRow>();
  for (const line of table.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (!/^\d+:\d+$/.test(cells[0] ?? '')) continue; // the header and its rule
    const [ratio, ...sizes] = cells as [string, ...string[]];
    const [oneK, twoK, fourK, official4K] = sizes.map(parseCell);
    if (!oneK || !twoK || !fourK || sizes.length !== 4) throw new Error(`size table: incomplete row '${line}'`);
    rows.set(ratio, { '1K': oneK, '2K': twoK, '4K': fourK, official4K, alternative1K: alternative1K.get(ratio) });
  }
  for (const ratio of alternative1K.keys()) {
    if (!rows.has(ratio)) throw new Error(`size table: an alternative for unknown ratio ${ratio}`);
  }
  return rows;
}

/** AIReiter's gpt_image_2 / gpt_image_2_official sizes by aspect_ratio, in the spec's order. */
export const aireiterSizes = parseTable(tableText, alternativesText);

export function parseWxH(text: unknown): PixelSize | undefined {
  const match = typeof text === 'string' ? /^(\d+)x(\d+)$/.exec(text) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

export function sizeForRatio(ratio: string, longEdge: number): PixelSize {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const scale = longEdge / Math.max(w, h);
  return { width: Math.round((w * scale) / 16) * 16, height: Math.round((h * scale) / 16) * 16 };
}
