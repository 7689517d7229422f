// What to ask the model for when the user wants an exact output size: the model's size closest in
// ratio that reaches the target without upscaling, within its rules, or a refusal before anything
// is sent. The confirmation shows both sizes (deliveryLine).
import type { ModelSpec, Resolution } from '../catalog/models';
import { formatSize, parseSize, pixelCount, type PixelSize } from '../catalog/sizes';
import { sameRatio } from './fitGeometry';
import { cellCandidates, customCandidates, headroom, ratioDistance, reachesTarget, type SizeCandidate } from './generationCandidates';
import { fitWords } from './outputLine';
import { minEdge, sizeText, type Fit } from './outputOptions';

export type SizeRequest = { readonly aspectRatio: string; readonly resolution: Resolution } | { readonly size: string };

export type SizeChoice =
  | { readonly ok: true; readonly request: SizeRequest; readonly generates: PixelSize; readonly approximate: boolean }
  | {
      readonly ok: false;
      /** tooLarge: nothing the model makes reaches the target; tooSmall: the user's own choice does not; noSize: nothing to choose from. */
      readonly code: 'tooLarge' | 'tooSmall' | 'noSize';
      readonly message: string;
      /** tooLarge: the size that comes closest; tooSmall: what the user's choice generates. */
      readonly largest?: PixelSize;
      /** tooLarge: the largest output of the target's shape the model can deliver. */
      readonly largestOutput?: PixelSize;
    };

/** What the user set beside the output size, as validateGeneration takes it. */
export interface GivenSize {
  readonly aspectRatio?: string;
  readonly resolution?: string;
  readonly size?: string;
}

const reaches = (candidate: SizeCandidate, target: PixelSize, fit: Fit) => candidate.answers.every((answer) => reachesTarget(answer, target, fit));
function room(candidate: SizeCandidate, target: PixelSize, fit: Fit): number {
  let least = Infinity;
  for (const answer of candidate.answers) least = Math.min(least, headroom(answer, target, fit));
  return least;
}

/** Closer in ratio first; at the same ratio a cell (the model's own size) before a custom size, then fewer pixels (cheaper, faster). */
function better(a: SizeCandidate, b: SizeCandidate, target: PixelSize): boolean {
  const distance = ratioDistance(a.generates, target) - ratioDistance(b.generates, target);
  if (distance !== 0) return distance < 0;
  if ((a.cell === undefined) !== (b.cell === undefined)) return a.cell !== undefined;
  return pixelCount(a.generates) < pixelCount(b.generates);
}

interface Weighed {
  /** The best candidate that reaches the target. */
  readonly best?: SizeCandidate;
  /** The one that comes closest to reaching it (most headroom). */
  readonly roomiest?: SizeCandidate;
}

function weigh(candidates: Iterable<SizeCandidate>, target: PixelSize, fit: Fit): Weighed {
  let best: SizeCandidate | undefined;
  let roomiest: SizeCandidate | undefined;
  let roomiestRoom = -Infinity;
  for (const candidate of candidates) {
    if (reaches(candidate, target, fit) && (!best || better(candidate, best, target))) best = candidate;
    const candidateRoom = room(candidate, target, fit);
    if (candidateRoom > roomiestRoom) {
      roomiest = candidate;
      roomiestRoom = candidateRoom;
    }
  }
  return { ...(best ? { best } : {}), ...(roomiest ? { roomiest } : {}) };
}

function* allCandidates(model: ModelSpec, target: PixelSize, fit: Fit): Generator<SizeCandidate> {
  yield* cellCandidates(model);
  yield* customCandidates(model.custom, target, fit);
}

const chosen = (candidate: SizeCandidate): SizeChoice => ({
  ok: true,
  request: candidate.cell ? { aspectRatio: candidate.cell.aspectRatio, resolution: candidate.cell.resolution } : { size: formatSize(candidate.generates) },
  generates: candidate.generates,
  approximate: candidate.approximate,
});

/**
 * The size to ask `model` for so that `target` can be delivered under `fit` without upscaling.
 * Values the user gave (`given`) are kept, but refused when they fall short of the target; a
 * ratio of `auto` counts as not given (the provider's own choice has no known pixels). Call it
 * with a request validateGeneration accepted: values the model does not offer get a plain `noSize`.
 */
export function chooseGenerationSize(model: ModelSpec, target: PixelSize, fit: Fit, given: GivenSize = {}): SizeChoice {
  const { best, roomiest } = weigh(allCandidates(model, target, fit), target, fit);
  if (!roomiest) {
    return { ok: false, code: 'noSize', message: `${model.label} only lets the provider choose the size, so an exact output size cannot be promised: choose another model.` };
  }
  if (!best) return tooLarge(model, target, fit, roomiest);
  const aspectRatio = given.aspectRatio === 'auto' ? undefined : given.aspectRatio;
  if (given.size !== undefined) return givenCustomSize(model, target, fit, given.size);
  if (aspectRatio !== undefined || given.resolution !== undefined) return givenCell(model, target, fit, aspectRatio, given.resolution?.toUpperCase(), best);
  return chosen(best);
}

function tooLarge(model: ModelSpec, target: PixelSize, fit: Fit, roomiest: SizeCandidate): SizeChoice {
  const factor = room(roomiest, target, fit);
  const largestOutput = { width: Math.max(1, Math.floor(target.width * factor)), height: Math.max(1, Math.floor(target.height * factor)) };
  const advice = largestOutput.width >= minEdge && largestOutput.height >= minEdge ? `choose an output size up to ${sizeText(largestOutput)}` : 'choose a smaller output size';
  return {
    ok: false,
    code: 'tooLarge',
    message: `${model.label} makes at most ${sizeText(roomiest.generates)} for this output; ${sizeText(target)} would need upscaling, which ImageGen does not do: ${advice}.`,
    largest: roomiest.generates,
    largestOutput,
  };
}

function givenCustomSize(model: ModelSpec, target: PixelSize, fit: Fit, text: string): SizeChoice {
  const size = parseSize(text);
  if (!size) return { ok: false, code: 'noSize', message: `"${text}" is not a size: write it as WIDTHxHEIGHT, for example 2048x1152.` };
  if (!reachesTarget(size, target, fit)) {
    const need = fit === 'contain' ? `at least ${target.width} wide or ${target.height} high` : `at least ${target.width} wide and ${target.height} high`;
    return { ok: false, code: 'tooSmall', message: `The size ${sizeText(size)} falls short of the ${sizeText(target)} output, and ImageGen does not upscale: choose a size ${need}, or leave the size out so ImageGen picks one.`, largest: size };
  }
  const rule = model.custom;
  const approximate = rule?.kind === 'providerChecked' || (rule?.kind === 'pixelRange' && pixelCount(size) < rule.warnBelow);
  return { ok: true, request: { size: formatSize(size) }, generates: size, approximate };
}

function givenCell(model: ModelSpec, target: PixelSize, fit: Fit, aspectRatio: string | undefined, resolution: string | undefined, overall: SizeCandidate): SizeChoice {
  const cells = [...cellCandidates(model)];
  const matches = (candidate: SizeCandidate, ratio: string | undefined, res: string | undefined) =>
    (ratio === undefined || candidate.cell?.aspectRatio === ratio) && (res === undefined || candidate.cell?.resolution === res);
  const asked = [aspectRatio, resolution].filter(Boolean).join(' at ');
  const { best, roomiest } = weigh(
    cells.filter((candidate) => matches(candidate, aspectRatio, resolution)),
    target,
    fit,
  );
  if (best) return chosen(best);
  if (!roomiest) {
    return {
      ok: false,
      code: 'noSize',
      message: `${model.label} has no size ${aspectRatio !== undefined ? 'for' : 'at'} ${asked}: choose one of its ratios (${model.ratios.join(', ')}) and resolutions (${model.resolutions.join(', ')}), or leave them out so ImageGen picks a size.`,
    };
  }
  // Short of the target: name a change that is enough, keeping the rest of what the user chose.
  const both = aspectRatio !== undefined && resolution !== undefined;
  const otherResolution = weigh(
    cells.filter((candidate) => matches(candidate, aspectRatio, undefined)),
    target,
    fit,
  ).best?.cell?.resolution;
  const otherRatio = weigh(
    cells.filter((candidate) => matches(candidate, undefined, resolution)),
    target,
    fit,
  ).best?.cell?.aspectRatio;
  const changes = [
    ...(aspectRatio !== undefined && otherResolution !== undefined ? [`choose ${otherResolution}`] : []),
    ...(resolution !== undefined && otherRatio !== undefined ? [`choose the ratio ${otherRatio}`] : []),
    ...(!both && resolution === undefined && overall.cell ? [`choose the ratio ${overall.cell.aspectRatio}`] : []),
    ...(!both && aspectRatio === undefined && overall.cell ? [`choose ${overall.cell.resolution}`] : []),
    `leave ${both ? 'the ratio and resolution' : aspectRatio !== undefined ? 'the ratio' : 'the resolution'} out so ImageGen picks a size`,
  ];
  const said = both ? `${asked} generates` : `At ${asked}, ${model.label} makes at most`;
  return {
    ok: false,
    code: 'tooSmall',
    message: `${said} ${sizeText(roomiest.generates)}, which falls short of the ${sizeText(target)} output, and ImageGen does not upscale: ${changes.join(', or ')}.`,
    largest: roomiest.generates,
  };
}

/** The confirmation's line: "generates 1536×864 → delivers 1200×630 (cropped)"; a same-shape result is only resized. */
export function deliveryLine(generates: PixelSize, target: PixelSize, fit: Fit, approximate = false): string {
  const how = generates.width === target.width && generates.height === target.height ? 'as generated' : sameRatio(generates, target) ? 'resized' : fitWords[fit];
  return `generates ${approximate ? 'about ' : ''}${sizeText(generates)} → delivers ${sizeText(target)} (${how})`;
}
