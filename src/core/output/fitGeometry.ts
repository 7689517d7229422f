// How a generated image becomes the delivered size: which part of the source is used and where it
// lands in the target. Integer pixels only (the image library takes whole rectangles), never an
// empty or out-of-bounds rectangle, whatever the sizes and ratios.
import type { PixelSize } from '../catalog/sizes';
import type { Fit } from './outputOptions';

export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface FitPlacement {
  readonly fit: Fit;
  /** The part of the source that is used. */
  readonly crop: PixelRect;
  /** Where that part is drawn, scaled, in the target canvas; the rest of the canvas is padding. */
  readonly place: PixelRect;
  readonly target: PixelSize;
}

function check(size: PixelSize, what: string): void {
  if (!Number.isInteger(size.width) || !Number.isInteger(size.height) || size.width < 1 || size.height < 1) {
    throw new RangeError(`${what} must be whole positive pixels, got ${size.width}x${size.height}`);
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The largest centred rectangle of the source with the target's ratio. */
export function coverCrop(source: PixelSize, target: PixelSize): PixelRect {
  check(source, 'The source');
  check(target, 'The target');
  // Compare ratios by cross-multiplying: no floating-point ratio decides which side is cut.
  const sourceWider = source.width * target.height > target.width * source.height;
  const width = sourceWider ? clamp(Math.round((source.height * target.width) / target.height), 1, source.width) : source.width;
  const height = sourceWider ? source.height : clamp(Math.round((source.width * target.height) / target.width), 1, source.height);
  return { left: Math.floor((source.width - width) / 2), top: Math.floor((source.height - height) / 2), width, height };
}

/** The source scaled to fit inside the target, centred: its size and its offsets in the target. */
export function containPlacement(source: PixelSize, target: PixelSize): PixelRect {
  check(source, 'The source');
  check(target, 'The target');
  const sourceWider = source.width * target.height > target.width * source.height;
  const width = sourceWider ? target.width : clamp(Math.round((target.height * source.width) / source.height), 1, target.width);
  const height = sourceWider ? clamp(Math.round((target.width * source.height) / source.width), 1, target.height) : target.height;
  return { left: Math.floor((target.width - width) / 2), top: Math.floor((target.height - height) / 2), width, height };
}

/** The whole plan for one fit: cover crops and fills the target, contain pads, fill stretches. */
export function fitPlacement(source: PixelSize, target: PixelSize, fit: Fit): FitPlacement {
  const whole = (size: PixelSize): PixelRect => ({ left: 0, top: 0, width: size.width, height: size.height });
  switch (fit) {
    case 'cover':
      return { fit, crop: coverCrop(source, target), place: whole(target), target };
    case 'contain':
      return { fit, crop: whole(source), place: containPlacement(source, target), target };
    case 'fill':
      check(source, 'The source');
      check(target, 'The target');
      return { fit, crop: whole(source), place: whole(target), target };
  }
}

/** Whether the source already has the target's ratio exactly (a resize, nothing cut, padded or stretched). */
export function sameRatio(source: PixelSize, target: PixelSize): boolean {
  return source.width * target.height === target.width * source.height;
}

/**
 * How many of the source's pixels go across the target when reaching it scales them up (more
 * pixels out than in, either way); undefined when nothing is scaled up.
 */
export function upscaledAcross(source: PixelSize, target: PixelSize, fit: Fit): number | undefined {
  const { crop, place } = fitPlacement(source, target, fit);
  return place.width > crop.width || place.height > crop.height ? crop.width : undefined;
}
