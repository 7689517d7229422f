// An exact output size decides what the model is asked for (issue 24): before a request is
// validated, a task whose output has a size (or a set with fixed sizes) and no size of its own gets
// the model's size closest in ratio at or above the target (generationSize.ts); one that names its
// own size is checked to reach the target, since ImageGen never upscales. Deterministic, so a
// resumed task asks for (and was charged for) the same size.
import type { GenerationInput } from '../catalog/validateGeneration';
import type { ModelSpec } from '../catalog/models';
import type { PixelSize } from '../catalog/sizes';
import { chooseGenerationSize, deliveryLine } from './generationSize';
import { sizeText } from './outputOptions';
import { faviconLargestSize, resolveOutput, type Fit, type OutputOptions, type ResolvedOutput } from './outputOptions';

export interface SizedInput {
  readonly input: GenerationInput;
  /** "generates 1536×864 → delivers 1200×630 (cropped)", for the confirmation. */
  readonly delivery?: string;
  /** Why no size the model makes can deliver the output. */
  readonly problem?: string;
}

/** The size a set's largest fixed file needs; undefined for a set sized by the image (responsive). */
function targetOf(output: ResolvedOutput): { readonly target: PixelSize; readonly fit: Fit } | undefined {
  if (output.assetSet === 'favicon') return { target: { width: faviconLargestSize, height: faviconLargestSize }, fit: 'cover' };
  if (output.assetSet === 'responsive' || !output.size) return undefined;
  return { target: output.size, fit: output.fit ?? 'cover' };
}

/** Whether the output fixes the delivered size (an exact size, an og-card or favicon set): then ImageGen can pick what the model makes. */
export function outputFixesSize(output: OutputOptions | undefined): boolean {
  const resolution = output ? resolveOutput(output) : undefined;
  return resolution?.ok === true && targetOf(resolution.output) !== undefined;
}

export function sizedForOutput(model: ModelSpec, input: GenerationInput): SizedInput {
  const resolution = input.output ? resolveOutput(input.output) : undefined;
  if (resolution?.ok && resolution.output.assetSet === 'responsive') return sizedForWidths(model, input, resolution.output);
  const wanted = resolution?.ok ? targetOf(resolution.output) : undefined;
  if (!wanted) return { input };
  const given = {
    ...(input.aspectRatio !== undefined && input.aspectRatio !== 'auto' ? { aspectRatio: input.aspectRatio } : {}),
    ...(input.resolution !== undefined ? { resolution: input.resolution } : {}),
    ...(input.size !== undefined ? { size: input.size } : {}),
  };
  const choice = chooseGenerationSize(model, wanted.target, wanted.fit, given);
  if (!choice.ok) return { input, problem: choice.message };
  const delivery = deliveryLine(choice.generates, wanted.target, wanted.fit, choice.approximate);
  if (Object.keys(given).length > 0) return { input, delivery };
  const { aspectRatio: _ratio, resolution: _resolution, size: _size, ...rest } = input;
  return { input: { ...rest, ...choice.request }, delivery };
}

/**
 * A responsive set is sized by the image, so its widths need an image at least that wide: the
 * widest one must fit what this request makes (ImageGen never upscales), or it is refused before
 * sending, naming the widest the model makes at this ratio. Unknown sizes (`auto`) are not judged.
 */
export function responsiveWidthsProblem(model: ModelSpec, output: ResolvedOutput | undefined, generates: PixelSize | undefined, aspectRatio: string | undefined): string | undefined {
  if (output?.assetSet !== 'responsive' || !generates || !output.widths?.length) return undefined;
  const widest = Math.max(...output.widths);
  if (widest <= generates.width) return undefined;
  const sizes = aspectRatio ? model.resolutions.map((resolution) => model.cellSize(aspectRatio, resolution)?.size).filter((size): size is PixelSize => size !== undefined) : [];
  const roomiest = sizes.sort((a, b) => b.width - a.width)[0];
  const advice =
    roomiest && roomiest.width >= widest
      ? `choose a larger resolution or size (up to ${sizeText(roomiest)} at ${aspectRatio}) or widths up to ${generates.width}`
      : `choose widths up to ${Math.max(generates.width, roomiest?.width ?? 0)}${roomiest && roomiest.width > generates.width ? ` (${sizeText(roomiest)} is the largest ${model.label} makes at ${aspectRatio})` : ''}`;
  return `The responsive set's widest file is ${widest} pixels, but this request makes ${sizeText(generates)} and ImageGen does not upscale: ${advice}.`;
}

/**
 * A responsive set asked for without a resolution or size: the model's smallest resolution at the
 * ratio (the caller's, else the model's default) that is as wide as the widest file. One that names
 * its resolution or size is judged after validation (responsiveWidthsProblem); `auto` is not judged.
 */
function sizedForWidths(model: ModelSpec, input: GenerationInput, output: ResolvedOutput): SizedInput {
  if (input.resolution !== undefined || input.size !== undefined || !output.widths?.length) return { input };
  const ratio = input.aspectRatio ?? model.defaultRatio;
  if (ratio === 'auto') return { input };
  const widest = Math.max(...output.widths);
  const fitting = model.resolutions.find((resolution) => (model.cellSize(ratio, resolution)?.size.width ?? 0) >= widest);
  if (!fitting) return { input };
  const generates = model.cellSize(ratio, fitting)!;
  return { input: { ...input, aspectRatio: ratio, resolution: fitting }, delivery: `generates ${generates.approximate ? 'about ' : ''}${sizeText(generates.size)} → delivers widths ${output.widths.join(', ')}` };
}
