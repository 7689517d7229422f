// A generation being put together, in the wizard or in the studio's form: the same defaults, the
// same rules when the model changes, the same GenerationInput at the end. The wizard also
// remembers it between runs, so a stored draft (or an older record of choices) is read here too.
import { findModel, models, type ModelSpec, type Resolution } from './models';
import type { GenerationInput } from './validateGeneration';
import type { OutputOptions } from '../output/outputOptions';
import { outputFixesSize } from '../output/sizeForOutput';

/** The model used when neither the user nor a setting chose one. */
export const defaultModelKey = 'aireiter:gpt_image_2';

export interface GenerationDraft {
  readonly prompt: string;
  readonly modelKey: string;
  readonly aspectRatio: string;
  readonly resolution: string;
  readonly quality: string;
  /** Whether an exact size (`customSize`) is used instead of ratio and resolution. */
  readonly custom: boolean;
  readonly customSize: string;
  /** Workspace paths of reference images. */
  readonly referencePaths: readonly string[];
}

export function modelOf(draft: Pick<GenerationDraft, 'modelKey'>): ModelSpec {
  return findModel(draft.modelKey) ?? findModel(defaultModelKey) ?? models[0]!;
}

/** A fresh draft for a model, every choice at that model's default. */
export function newDraft(modelKey: string, prompt = ''): GenerationDraft {
  return withModel({ prompt, modelKey, aspectRatio: '', resolution: '', quality: '', custom: false, customSize: '', referencePaths: [] }, modelKey);
}

/**
 * The draft with another model: every choice that model cannot take goes back to its default,
 * the others stay; an exact size is dropped for a model without one; extra references are cut.
 */
export function withModel(draft: GenerationDraft, modelKey: string): GenerationDraft {
  const model = modelOf({ modelKey });
  return {
    ...draft,
    modelKey: model.key,
    aspectRatio: model.ratios.includes(draft.aspectRatio) ? draft.aspectRatio : model.defaultRatio,
    resolution: model.resolutions.includes(draft.resolution as Resolution) ? draft.resolution : model.resolutions[0]!,
    quality: model.qualities.length === 0 ? draft.quality : model.qualities.includes(draft.quality as never) ? draft.quality : (model.defaultQuality ?? model.qualities[0]!),
    custom: draft.custom && model.custom !== undefined,
    referencePaths: draft.referencePaths.slice(0, model.maxReferenceImages),
  };
}

/** The exact size offered first when the user switches to one. */
export function suggestedCustomSize(model: ModelSpec, current: string): string {
  if (current) return current;
  const suggestion = model.custom?.kind === 'pixelRange' ? model.custom.suggestions[0] : model.custom?.kind === 'fixed' ? model.custom.sizes[0] : undefined;
  return suggestion ?? '2048x1152';
}

/**
 * What the draft asks for, as validateGeneration takes it. `references` stands in for the
 * reference paths (the form counts them with placeholders; the wizard passes the paths). With an
 * output that fixes the delivered size, the draft's ratio and resolution (always set in a form,
 * mostly the defaults walked past) are left out: ImageGen asks the model for the size that
 * delivers it and the confirmation says which (ValidGeneration.delivery), where the draft's own
 * 1K default would be refused as too small.
 */
export function draftInput(draft: GenerationDraft, references: readonly string[] = draft.referencePaths, output?: OutputOptions): GenerationInput {
  const model = modelOf(draft);
  return {
    modelKey: model.key,
    prompt: draft.prompt,
    ...(outputFixesSize(output) ? {} : draft.custom ? { size: draft.customSize } : { aspectRatio: draft.aspectRatio, resolution: draft.resolution }),
    ...(output ? { output } : {}),
    ...(model.qualities.length > 0 ? { quality: draft.quality } : {}),
    ...(references.length > 0 ? { referenceImages: [...references] } : {}),
  };
}

/**
 * A remembered draft, read leniently: this shape, or the wizard's older record of choices
 * (`size` for an exact size); anything unreadable gives a fresh draft for `modelKey`.
 */
export function restoreDraft(stored: unknown, modelKey: string): GenerationDraft {
  const value = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === 'string' ? (value[key] as string) : '');
  const size = text('size');
  const draft: GenerationDraft = {
    prompt: text('prompt'),
    modelKey: text('modelKey') || modelKey,
    aspectRatio: text('aspectRatio'),
    resolution: text('resolution'),
    quality: text('quality'),
    custom: value.custom === true || size.length > 0,
    customSize: text('customSize') || size,
    referencePaths: Array.isArray(value.referencePaths) ? value.referencePaths.filter((path): path is string => typeof path === 'string') : [],
  };
  return withModel(draft, draft.modelKey);
}

/** What a preset chooses (the fields the presets file and the studio share). */
export interface DraftChoices {
  readonly model: string;
  readonly aspectRatio?: string | undefined;
  readonly resolution?: string | undefined;
  readonly size?: string | undefined;
  readonly quality?: string | undefined;
}

/**
 * The draft with a preset's choices and references; the prompt stays. A choice the preset leaves
 * open is the model's default, as in the wizard: the same preset makes the same image everywhere.
 */
export function presetDraft(draft: GenerationDraft, choices: DraftChoices, referencePaths: readonly string[]): GenerationDraft {
  const chosen: GenerationDraft = {
    ...newDraft(choices.model, draft.prompt),
    ...(choices.aspectRatio !== undefined ? { aspectRatio: choices.aspectRatio, custom: false } : {}),
    ...(choices.resolution !== undefined ? { resolution: choices.resolution } : {}),
    ...(choices.quality !== undefined ? { quality: choices.quality } : {}),
    ...(choices.size !== undefined ? { custom: true, customSize: choices.size } : {}),
    referencePaths: [...referencePaths],
  };
  return withModel(chosen, choices.model);
}
