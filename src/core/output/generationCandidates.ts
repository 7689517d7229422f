// Every size a model can be asked for, as candidates for an exact output size: its ratio ×
// resolution cells and, where it takes a custom size, the sizes its rule allows for the target.
// Whether a candidate can serve a target without enlarging a pixel depends on the fit
// (reachesTarget); which one is asked for is generationSize's choice.
import type { CustomSizeRule, ModelSpec, Resolution } from '../catalog/models';
import { parseSize, pixelCount, type PixelSize } from '../catalog/sizes';
import type { Fit } from './outputOptions';

export interface SizeCandidate {
  /** What the model is asked for; undefined for a custom size (sent as `size`). */
  readonly cell?: { readonly aspectRatio: string; readonly resolution: Resolution };
  readonly generates: PixelSize;
  /** Every size the provider may answer with (a cell's documented alternative too). */
  readonly answers: readonly PixelSize[];
  /** The pixels are an estimate, or the provider may answer with another size. */
  readonly approximate: boolean;
}

/**
 * Whether `source` can become `target` under `fit` without enlarging a pixel. Cover scales by
 * max(tw/sw, th/sh) and fill stretches each axis by its own factor, so both sides must be at least
 * the target's. Contain scales by min(tw/sw, th/sh): that is at most 1 as soon as ONE side reaches
 * the target's, the other then lands inside the target and the rest is padding.
 */
export function reachesTarget(source: PixelSize, target: PixelSize, fit: Fit): boolean {
  const wide = source.width >= target.width;
  const tall = source.height >= target.height;
  return fit === 'contain' ? wide || tall : wide && tall;
}

/** How much larger the target could be and `source` still reach it (≥ 1 exactly when it does). */
export function headroom(source: PixelSize, target: PixelSize, fit: Fit): number {
  const across = source.width / target.width;
  const down = source.height / target.height;
  return fit === 'contain' ? Math.max(across, down) : Math.min(across, down);
}

/** |log(candidate ratio / target ratio)|: 0 for the same shape, the same for 2× wider as 2× taller. */
export function ratioDistance(size: PixelSize, target: PixelSize): number {
  return Math.abs(Math.log(size.width / size.height / (target.width / target.height)));
}

/** Every cell the model offers: no `auto` (its pixels are unknown), 4K only for the ratios allowed there. */
export function* cellCandidates(model: ModelSpec): Generator<SizeCandidate> {
  for (const aspectRatio of model.ratios) {
    if (aspectRatio === 'auto') continue;
    for (const resolution of model.resolutions) {
      if (resolution === '4K' && model.fourKRatios && !model.fourKRatios.includes(aspectRatio)) continue;
      const cell = model.cellSize(aspectRatio, resolution);
      if (!cell) continue;
      yield {
        cell: { aspectRatio, resolution },
        generates: cell.size,
        answers: cell.alternative ? [cell.size, cell.alternative] : [cell.size],
        approximate: cell.approximate || cell.alternative !== undefined,
      };
    }
  }
}

const custom = (width: number, height: number, approximate = false): SizeCandidate => {
  const size = { width, height };
  return { generates: size, answers: [size], approximate };
};

const up16 = (value: number) => Math.ceil(value / 16) * 16;

/** The custom sizes the model's rule allows that matter for `target`; none without a rule. */
export function* customCandidates(rule: CustomSizeRule | undefined, target: PixelSize, fit: Fit): Generator<SizeCandidate> {
  switch (rule?.kind) {
    case undefined:
      return;
    case 'fixed':
      for (const text of rule.sizes) {
        const size = parseSize(text);
        if (size) yield custom(size.width, size.height);
      }
      return;
    case 'providerChecked':
      // Rules unknown: the target itself, sides rounded up to the 16 gpt-image models want.
      yield custom(up16(target.width), up16(target.height), true);
      return;
    case 'multipleOf16':
      yield* multipleOf16Sizes(rule);
      return;
    case 'pixelRange':
      yield* pixelRangeSizes(rule, target, fit);
      return;
  }
}

/** All of them: at most (3840 / 16)² = 57,600, few enough to weigh each one. */
function* multipleOf16Sizes(rule: Extract<CustomSizeRule, { kind: 'multipleOf16' }>): Generator<SizeCandidate> {
  for (let width = 16; width <= rule.maxEdge; width += 16) {
    for (let height = 16; height <= rule.maxEdge; height += 16) {
      const pixels = width * height;
      const ratio = Math.max(width, height) / Math.min(width, height);
      if (ratio <= rule.maxRatio && pixels >= rule.minPixels && pixels <= rule.maxPixels) yield custom(width, height);
    }
  }
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Any WxH whose pixel count is in range (no side rule), so the sizes are worked out rather than
 * listed: the target's exact shape at the smallest scale at or above both the target and the
 * floor below which the upstream swaps in a size of its own; when no whole multiple of the shape
 * fits the range, the nearest shapes just above the floor; the largest of the target's shape (for
 * a refusal's "at most"); and for contain, one side at the target's and the other as long as the
 * ceiling allows.
 */
function* pixelRangeSizes(rule: Extract<CustomSizeRule, { kind: 'pixelRange' }>, target: PixelSize, fit: Fit): Generator<SizeCandidate> {
  const floor = Math.max(rule.minPixels, rule.warnBelow);
  const ceiling = rule.maxPixels;
  const common = gcd(target.width, target.height);
  const [across, down] = [target.width / common, target.height / common];
  const shape = across * down;
  let multiple = Math.max(common, Math.ceil(Math.sqrt(floor / shape)));
  while (shape * multiple * multiple < floor) multiple += 1;
  while (multiple > common && shape * (multiple - 1) * (multiple - 1) >= floor) multiple -= 1;
  if (shape * multiple * multiple <= ceiling) {
    yield custom(across * multiple, down * multiple);
  } else {
    // Scan widths just above the floor, each with the heights nearest the target's shape.
    const first = Math.max(target.width, Math.ceil(Math.sqrt(floor * (target.width / target.height))));
    const last = Math.min(Math.floor(ceiling / target.height), first + 4096);
    for (let width = first; width <= last; width += 1) {
      const low = Math.max(target.height, Math.ceil(floor / width));
      const high = Math.floor(ceiling / width);
      const ideal = (width * target.height) / target.width;
      for (const height of new Set([Math.floor(ideal), Math.ceil(ideal)].map((h) => Math.min(high, Math.max(low, h))))) {
        if (low <= high) yield custom(width, height);
      }
    }
  }
  const scale = Math.sqrt(ceiling / pixelCount(target));
  const largest = { width: Math.floor(target.width * scale), height: Math.floor(target.height * scale) };
  if (largest.width >= 1 && largest.height >= 1 && pixelCount(largest) >= floor) yield custom(largest.width, largest.height);
  if (fit === 'contain') {
    for (const [width, height] of [
      [target.width, Math.floor(ceiling / target.width)],
      [Math.floor(ceiling / target.height), target.height],
    ] as const) {
      if (width >= 1 && height >= 1 && width * height >= floor) yield custom(width, height);
    }
  }
}
