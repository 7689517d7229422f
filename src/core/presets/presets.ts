// The team's presets, shared in the repository as `.vscode/imagegen.json`: named sets of model,
// ratio or size, resolution, quality, a style text appended to prompts, and reference images as
// workspace paths. Read leniently where it is harmless (unknown keys are ignored, so a newer
// file still loads) and strictly where it matters: every preset is checked with the same model
// rules as the wizard, and each problem names the preset and says what to fix.
import * as z from 'zod/mini';
import { generationChoiceFields, referenceProblem, workspaceImagePath, workspaceRelativePath } from '../agent/generateImageInput';
import { validateGeneration, type GenerationInput } from '../catalog/validateGeneration';

export const presetSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  description: z.optional(z.string().check(z.maxLength(500))),
  model: z.string().check(z.maxLength(200)),
  style: z.optional(z.string().check(z.maxLength(2_000))),
  ...generationChoiceFields,
});

export type Preset = z.infer<typeof presetSchema>;

export type PresetsRead = { readonly presets: readonly Preset[]; readonly problems: readonly string[] };

/** Parses the file's text; a preset with a problem is left out and the problem says why. */
export function readPresets(text: string): PresetsRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { presets: [], problems: [`.vscode/imagegen.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const shape = z.object({ presets: z.array(z.unknown()) }).safeParse(json);
  if (!shape.success) {
    return { presets: [], problems: ['.vscode/imagegen.json needs a "presets" list, e.g. { "presets": [{ "name": "Blog hero", "model": "aireiter:gpt_image_2", "aspectRatio": "16:9" }] }.'] };
  }
  const presets: Preset[] = [];
  const problems: string[] = [];
  const names = new Set<string>();
  shape.data.presets.forEach((raw, index) => {
    const parsed = presetSchema.safeParse(raw);
    const label = typeof (raw as { name?: unknown })?.name === 'string' ? `Preset "${(raw as { name: string }).name}"` : `Preset ${index + 1}`;
    if (!parsed.success) {
      problems.push(`${label}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'preset'}: ${issue.message}`).join('; ')}`);
      return;
    }
    const preset = parsed.data;
    const issues = presetIssues(preset);
    if (names.has(preset.name)) issues.push('another preset has the same name');
    if (issues.length > 0) {
      problems.push(`${label}: ${issues.join('; ')}`);
      return;
    }
    names.add(preset.name);
    presets.push(preset);
  });
  return { presets, problems };
}

function presetIssues(preset: Preset): string[] {
  const issues: string[] = [];
  for (const reference of preset.referenceImages ?? []) {
    if (workspaceImagePath(reference) === undefined) issues.push(referenceProblem(reference));
  }
  const validation = validateGeneration(presetInput(preset, 'preset check'));
  if (!validation.ok) issues.push(...validation.issues.filter((issue) => issue.field !== 'referenceImages' && issue.field !== 'prompt').map((issue) => `${issue.field}: ${issue.message}`));
  return issues;
}

/** A prompt with the preset applied: its choices, its style appended, its references. */
export function presetInput(preset: Preset, prompt: string): GenerationInput {
  const style = preset.style?.trim();
  return {
    modelKey: preset.model,
    prompt: style ? `${prompt.trim()}${/[.!?]$/.test(prompt.trim()) ? ' ' : '. '}${style}` : prompt,
    ...(preset.size !== undefined ? { size: preset.size } : {}),
    ...(preset.aspectRatio !== undefined ? { aspectRatio: preset.aspectRatio } : {}),
    ...(preset.resolution !== undefined ? { resolution: preset.resolution } : {}),
    ...(preset.quality !== undefined ? { quality: preset.quality } : {}),
    ...(preset.referenceImages && preset.referenceImages.length > 0 ? { referenceImages: preset.referenceImages.map((path) => workspaceRelativePath(path) ?? path) } : {}),
  };
}
