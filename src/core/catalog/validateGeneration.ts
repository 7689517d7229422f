// One answer, before anything is sent: is this request valid for this model, and what pixels
// will it produce? Messages are English; `code` and `values` let a UI layer localize them.
import { modelKeyProblem } from './modelKeys';
import { backgrounds, findModel, type Background, type CellSize, type ModelSpec, type Quality, type Resolution } from './models';
import { retiredSentence } from './retiredModels';
import { formatSize, parseSize, pixelCount, type PixelSize } from './sizes';
import { resolveOutput, type OutputOptions, type ResolvedOutput } from '../output/outputOptions';
import { responsiveWidthsProblem, sizedForOutput } from '../output/sizeForOutput';
import { keysOutBackground } from '../output/keyOut';

export interface GenerationInput {
  readonly modelKey: string;
  readonly prompt: string;
  readonly aspectRatio?: string;
  readonly resolution?: string;
  /** `WxH`; exclusive with aspectRatio/resolution, as the providers require. */
  readonly size?: string;
  readonly quality?: string;
  readonly referenceImages?: readonly string[];
  /** What is delivered (format, exact size, background, asset set); absent: the provider's image as it is. */
  readonly output?: OutputOptions;
}

export type IssueField = 'model' | 'prompt' | 'aspectRatio' | 'resolution' | 'size' | 'quality' | 'referenceImages' | 'background' | 'output';

export interface ValidationIssue {
  readonly field: IssueField;
  readonly code: string;
  readonly message: string;
}

export interface ValidGeneration {
  readonly ok: true;
  readonly model: ModelSpec;
  /** What the request resolves to, for display; undefined when the provider chooses (`auto`). */
  readonly pixels: CellSize | undefined;
  readonly aspectRatio?: string;
  readonly resolution?: Resolution;
  readonly size?: PixelSize;
  readonly quality?: Quality;
  readonly referenceImages: readonly string[];
  /** As asked; sent to the provider only where `nativeBackground`. */
  readonly background?: Background;
  /**
   * Whether the model takes `background` itself (OpenAI-compatible gpt-image models). When false a
   * requested background is not sent, and a transparent one must be made after the image arrives.
   */
  readonly nativeBackground: boolean;
  /** The output with its defaults; absent when none was asked (the provider's image is saved as it is). */
  readonly output?: ResolvedOutput;
  /** With an exact output size: "generates 1536×864 → delivers 1200×630 (cropped)". */
  readonly delivery?: string;
  readonly warnings: readonly ValidationIssue[];
}

export type ValidationResult = ValidGeneration | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const number = (value: number) => value.toLocaleString('en-US');

function checkCustomSize(model: ModelSpec, text: string, issues: ValidationIssue[], warnings: ValidationIssue[]): PixelSize | undefined {
  const rule = model.custom;
  if (!rule) {
    issues.push({ field: 'size', code: 'customSizeUnsupported', message: `${model.label} does not take a custom size; choose an aspect ratio and resolution.` });
    return undefined;
  }
  const size = parseSize(text);
  if (!size) {
    issues.push({ field: 'size', code: 'sizeSyntax', message: `"${text}" is not a size: write it as WIDTHxHEIGHT, for example 2048x1152.` });
    return undefined;
  }
  const pixels = pixelCount(size);
  switch (rule.kind) {
    case 'providerChecked':
      break;
    case 'fixed':
      if (!rule.sizes.includes(formatSize(size))) {
        issues.push({ field: 'size', code: 'sizeNotOffered', message: `${model.label} only makes ${rule.sizes.join(', ')}.` });
      }
      break;
    case 'pixelRange':
      if (pixels < rule.minPixels || pixels > rule.maxPixels) {
        issues.push({
          field: 'size',
          code: 'pixelsOutOfRange',
          message: `${formatSize(size)} is ${number(pixels)} pixels; ${model.label} accepts ${number(rule.minPixels)} to ${number(rule.maxPixels)}.`,
        });
      } else if (pixels < rule.warnBelow) {
        warnings.push({
          field: 'size',
          code: 'silentResize',
          message: `${formatSize(size)} is below ${number(rule.warnBelow)} pixels: the provider will quietly return a ~1.57 MP image of a similar ratio instead.`,
        });
      }
      break;
    case 'multipleOf16': {
      const problems: string[] = [];
      if (size.width % 16 !== 0 || size.height % 16 !== 0) {
        problems.push('both sides must be multiples of 16');
      }
      const ratio = Math.max(size.width, size.height) / Math.min(size.width, size.height);
      if (ratio > rule.maxRatio) {
        problems.push(`the long side may be at most ${rule.maxRatio}× the short side`);
      }
      if (Math.max(size.width, size.height) > rule.maxEdge || pixels > rule.maxPixels) {
        problems.push(`it must fit within 3840x2160 (${number(rule.maxPixels)} pixels, sides up to ${rule.maxEdge})`);
      }
      if (pixels < rule.minPixels) {
        problems.push(`it needs at least ${number(rule.minPixels)} pixels`);
      }
      if (problems.length > 0) {
        issues.push({ field: 'size', code: 'sizeRule', message: `${formatSize(size)} does not work for ${model.label}: ${problems.join('; ')}.` });
      }
      break;
    }
  }
  return size;
}

/**
 * A workspace file as the history keeps it: relative, `/`-separated, no `..`, an image extension
 * (the bytes are read when the request is sent, never stored).
 */
export function isWorkspaceReference(reference: string): boolean {
  return /\.(png|jpe?g|webp)$/i.test(reference) && !/^[a-z][a-z0-9+.-]*:/i.test(reference) && !reference.startsWith('/') && !reference.includes('\\') && !reference.split('/').includes('..');
}

function checkReference(reference: string): boolean {
  if (/^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=\s]+$/.test(reference) || isWorkspaceReference(reference)) {
    return true;
  }
  try {
    const url = new URL(reference);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export interface ValidationOptions {
  /**
   * A task the provider already accepted is followed whatever its model became since: a model
   * shut down later is no reason to drop a paid task (resumes pass true; new requests never do).
   */
  readonly acceptRetired?: boolean;
}

/**
 * Whether the request is valid for its model. An exact output size without a size of the
 * request's own picks the model's size for it first (sizeForOutput.ts), so the request validated
 * (and sent) is the one that delivers that output.
 */
export function validateGeneration(input: GenerationInput, options: ValidationOptions = {}): ValidationResult {
  const model = findModel(input.modelKey);
  if (!model) {
    return { ok: false, issues: [{ field: 'model', code: 'unknownModel', message: modelKeyProblem(input.modelKey) ?? `Unknown model "${input.modelKey}".` }] };
  }
  const sized = sizedForOutput(model, input);
  const result = validateRequest(model, sized.input, options);
  const sizeIssue: ValidationIssue[] = sized.problem !== undefined ? [{ field: 'output', code: 'outputSizeUnreachable', message: sized.problem }] : [];
  if (!result.ok) return { ok: false, issues: [...result.issues, ...sizeIssue] };
  if (sizeIssue.length > 0) return { ok: false, issues: sizeIssue };
  const widthsProblem = responsiveWidthsProblem(model, result.output, result.pixels?.size, result.aspectRatio);
  if (widthsProblem !== undefined) return { ok: false, issues: [{ field: 'output', code: 'outputWidthsUnreachable', message: widthsProblem }] };
  return sized.delivery !== undefined ? { ...result, delivery: sized.delivery } : result;
}

function validateRequest(model: ModelSpec, input: GenerationInput, options: ValidationOptions): ValidationResult {
  const issues: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  if (model.retired && !options.acceptRetired) {
    issues.push({ field: 'model', code: 'retiredModel', message: retiredSentence(model.model, model.retired) });
  }
  if (model.unlisted) {
    warnings.push({ field: 'model', code: 'unlistedModel', message: `${model.model} is not in ImageGen's list: sizes checked by the provider.` });
  }

  const prompt = input.prompt.trim();
  if (prompt.length === 0) {
    issues.push({ field: 'prompt', code: 'emptyPrompt', message: 'Write a prompt: it is the one thing every model needs.' });
  } else if (prompt.length > model.maxPromptLength) {
    issues.push({ field: 'prompt', code: 'promptTooLong', message: `The prompt has ${number(prompt.length)} characters; ${model.label} takes at most ${number(model.maxPromptLength)}.` });
  }

  let size: PixelSize | undefined;
  let resolution: Resolution | undefined;
  let aspectRatio: string | undefined;
  let pixels: CellSize | undefined;
  if (input.size !== undefined && (input.aspectRatio !== undefined || input.resolution !== undefined)) {
    issues.push({ field: 'size', code: 'sizeWithRatio', message: 'Give either a custom size or an aspect ratio with a resolution, not both: the provider rejects the combination (HTTP 400).' });
  } else if (input.size !== undefined) {
    size = checkCustomSize(model, input.size, issues, warnings);
    pixels = size ? { size, approximate: false } : undefined;
  } else {
    aspectRatio = input.aspectRatio ?? model.defaultRatio;
    const requested = input.resolution ?? model.resolutions[0];
    if (!model.ratios.includes(aspectRatio)) {
      issues.push({ field: 'aspectRatio', code: 'ratioUnsupported', message: `${model.label} does not offer the ratio ${aspectRatio}; it offers ${model.ratios.join(', ')}.` });
    }
    const normalized = requested?.toUpperCase() as Resolution | undefined;
    if (!normalized || !model.resolutions.includes(normalized)) {
      issues.push({ field: 'resolution', code: 'resolutionUnsupported', message: `${model.label} does not render at ${requested}; it offers ${model.resolutions.join(', ')}.` });
    } else {
      resolution = normalized;
      if (resolution === '4K' && model.fourKRatios && !model.fourKRatios.includes(aspectRatio)) {
        issues.push({
          field: 'resolution',
          code: 'fourKRatio',
          message: `At 4K ${model.label} only takes ${model.fourKRatios.join(', ')}; ${aspectRatio} would exceed the pixel limit. Pick one of those ratios or 2K.`,
        });
      } else if (model.ratios.includes(aspectRatio)) {
        pixels = model.cellSize(aspectRatio, resolution);
      }
    }
  }

  let quality: Quality | undefined;
  if (input.quality !== undefined) {
    if (model.qualities.length === 0) {
      issues.push({ field: 'quality', code: 'qualityUnsupported', message: `${model.label} has no quality setting; leave it out.` });
    } else if (!model.qualities.includes(input.quality as Quality)) {
      issues.push({ field: 'quality', code: 'qualityUnknown', message: `Quality "${input.quality}" is not one of ${model.qualities.join(', ')}.` });
    } else {
      quality = input.quality as Quality;
    }
  } else {
    quality = model.defaultQuality;
  }

  const referenceImages = input.referenceImages ?? [];
  if (referenceImages.length > model.maxReferenceImages) {
    issues.push({
      field: 'referenceImages',
      code: 'tooManyReferences',
      message:
        model.maxReferenceImages === 0
          ? `${model.label} does not take reference images.`
          : `${model.label} takes at most ${model.maxReferenceImages} reference images; ${referenceImages.length} were given.`,
    });
  }
  const badReference = referenceImages.find((reference) => !checkReference(reference));
  if (badReference !== undefined) {
    issues.push({ field: 'referenceImages', code: 'referenceSyntax', message: `A reference image must be an http(s) URL, an image file in the workspace or a data:image/… base64 URI; got "${badReference.slice(0, 60)}".` });
  }

  const background = checkBackground(model, input.output?.background, issues, warnings);
  let output: ResolvedOutput | undefined;
  if (input.output !== undefined) {
    const resolution = resolveOutput(input.output);
    if (resolution.ok) {
      output = resolution.output;
    } else {
      issues.push(...resolution.problems.map((message) => ({ field: 'output' as const, code: 'outputInvalid', message })));
    }
  }

  if (issues.length > 0) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    model,
    pixels,
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(quality !== undefined ? { quality } : {}),
    referenceImages,
    ...(background !== undefined ? { background } : {}),
    nativeBackground: model.takesBackground === true,
    ...(output !== undefined ? { output } : {}),
    warnings,
  };
}

/** A known background, or an issue; a transparent one the model cannot make itself is said, never dropped silently. */
function checkBackground(model: ModelSpec, value: string | undefined, issues: ValidationIssue[], warnings: ValidationIssue[]): Background | undefined {
  if (value === undefined) return undefined;
  if (!(backgrounds as readonly string[]).includes(value)) {
    issues.push({ field: 'background', code: 'backgroundUnknown', message: `Background "${value.slice(0, 40)}" is not one of ${backgrounds.join(', ')}.` });
    return undefined;
  }
  if (keysOutBackground(model.takesBackground, value)) {
    warnings.push({
      field: 'background',
      code: 'backgroundNotNative',
      message: `${model.label} cannot make a transparent background itself: it is asked for a plain background, which is then removed (remove a flat background).`,
    });
  }
  return value as Background;
}
