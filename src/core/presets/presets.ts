// The team's presets, shared in the repository as `.vscode/imagegen.json`: named sets of model,
// ratio or size, resolution, quality, a style text appended to prompts, reference images as
// workspace paths, how many candidates to make (count), and an output block (the wizard's one line or an object). Read as VS Code reads
// its own .vscode files (comments and trailing commas are fine), leniently where it is harmless
// (unknown keys are ignored, so a newer file still loads) and strictly where it matters: every
// preset is checked with the same model rules as the wizard, and each problem names the preset,
// says what to fix and where it is in the file.
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import * as z from 'zod/mini';
import { generationChoiceFields, referenceProblem, workspaceImagePath, workspaceRelativePath } from '../agent/generateImageInput';
import { validateGeneration, type GenerationInput } from '../catalog/validateGeneration';
import { readOutputBlock } from '../output/outputBlock';
import type { OutputOptions } from '../output/outputOptions';
import { presetsFileName } from './presetsFile';
import { candidateCountProblem } from '../candidates/candidateCount';

export const presetSchema = z.object({
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  description: z.optional(z.string().check(z.maxLength(500))),
  model: z.string().check(z.maxLength(200)),
  style: z.optional(z.string().check(z.maxLength(2_000))),
  ...generationChoiceFields,
  /** How many candidates the wizard and the studio start with for this preset (1–8; absent: 1). */
  count: z.optional(z.number().check(z.refine((count) => candidateCountProblem(count) === undefined, { error: (issue) => candidateCountProblem(Number(issue.input)) ?? 'not a number of candidates' }))),
  /** A line ("1600x900 webp q80") or an object; read by readOutputBlock, which says what is wrong in its own words. */
  output: z.optional(z.unknown()),
});

/** A preset as read: its output block, whichever way it was written, as output options. */
export type Preset = Omit<z.infer<typeof presetSchema>, 'output'> & { readonly output?: OutputOptions };

/** A problem with the file, and the span of text it is about (offsets into the file's text). */
export interface PresetProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** As many as the schema allows (and the studio's list shows). */
export const maxPresets = 100;

export type PresetsRead = { readonly presets: readonly Preset[]; readonly problems: readonly PresetProblem[] };

/** Parses the file's text; a preset with a problem is left out and the problem says why. */
export function readPresets(text: string): PresetsRead {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const why = first ? `${printParseErrorCode(first.error)} at offset ${first.offset}` : 'the file is empty';
    return { presets: [], problems: [{ message: `${presetsFileName} is not valid JSON (${why}); nothing in it is used until it is fixed.`, offset: first?.offset ?? 0, length: first?.length ?? 0 }] };
  }
  const list = findNodeAtLocation(tree, ['presets']);
  // A file for the team's budget alone (teamBudget.ts reads it) has no presets, and needs none.
  if (!list && findNodeAtLocation(tree, ['budget'])) return { presets: [], problems: [] };
  if (!list || list.type !== 'array') {
    return { presets: [], problems: [{ ...spanOf(list ?? tree), message: `${presetsFileName} needs a "presets" list, e.g. { "presets": [{ "name": "Blog hero", "model": "aireiter:gpt_image_2", "aspectRatio": "16:9" }] }.` }] };
  }
  const presets: Preset[] = [];
  const problems: PresetProblem[] = [];
  const names = new Set<string>();
  const nodes = list.children ?? [];
  if (nodes.length > maxPresets) {
    problems.push({ ...spanOf(nodes[maxPresets]!), message: `${presetsFileName} has ${nodes.length} presets; only the first ${maxPresets} are offered.` });
  }
  nodes.slice(0, maxPresets).forEach((node, index) => {
    const raw: unknown = getNodeValue(node);
    const parsed = presetSchema.safeParse(raw);
    const label = typeof (raw as { name?: unknown })?.name === 'string' ? `Preset "${(raw as { name: string }).name}"` : `Preset ${index + 1}`;
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const at = findNodeAtLocation(node, issue.path as (string | number)[]) ?? node;
      problems.push({ ...spanOf(at), message: `${label}: ${parsed.error.issues.map((each) => `${each.path.join('.') || 'preset'}: ${each.message}`).join('; ')}` });
      return;
    }
    const output = readOutputBlock(parsed.data.output);
    if (!output.ok) {
      const at = findNodeAtLocation(node, [...output.path]) ?? findNodeAtLocation(node, ['output']) ?? node;
      problems.push({ ...spanOf(at), message: `${label}: ${output.problems.join('; ')}; this preset is not offered until it is fixed.` });
      return;
    }
    const { output: _written, ...choices } = parsed.data;
    const preset: Preset = { ...choices, ...(output.options ? { output: output.options } : {}) };
    const issues = presetIssues(preset);
    if (names.has(preset.name)) issues.push('another preset has the same name');
    if (issues.length > 0) {
      problems.push({ ...spanOf(findNodeAtLocation(node, ['name']) ?? node), message: `${label}: ${issues.join('; ')}; this preset is not offered until it is fixed.` });
      return;
    }
    names.add(preset.name);
    presets.push(preset);
  });
  return { presets, problems };
}

function spanOf(node: Node): { offset: number; length: number } {
  return { offset: node.offset, length: node.length };
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

/** The prompt with the preset's style after it (a sentence break between them). */
export function withStyle(prompt: string, style: string | undefined): string {
  const text = style?.trim();
  if (!text) return prompt;
  const trimmed = prompt.trim();
  return `${trimmed}${/[.!?]$/.test(trimmed) ? ' ' : '. '}${text}`;
}

/**
 * A prompt with the preset applied: its choices, its style appended, its references (as the file
 * writes them, or as the caller resolved them, e.g. with the folder's name in a multi-root workspace).
 */
export function presetInput(preset: Preset, prompt: string, references: readonly string[] = presetReferences(preset)): GenerationInput {
  return {
    modelKey: preset.model,
    prompt: withStyle(prompt, preset.style),
    ...(preset.size !== undefined ? { size: preset.size } : {}),
    ...(preset.aspectRatio !== undefined ? { aspectRatio: preset.aspectRatio } : {}),
    ...(preset.resolution !== undefined ? { resolution: preset.resolution } : {}),
    ...(preset.quality !== undefined ? { quality: preset.quality } : {}),
    ...(references.length > 0 ? { referenceImages: [...references] } : {}),
    ...(preset.output ? { output: preset.output } : {}),
  };
}

/** The preset's references as workspace paths with forward slashes. */
export function presetReferences(preset: Preset): string[] {
  return (preset.referenceImages ?? []).map((path) => workspaceRelativePath(path) ?? path);
}
