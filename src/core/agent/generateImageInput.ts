// What a coding agent may ask ImageGen for (the language-model tool now, the standalone server
// next), checked before anything happens: the same model rules as the wizard and the studio, and
// paths only inside the workspace. Problems come back as plain sentences an agent can act on.
import * as z from 'zod/mini';
import { posix } from 'node:path';
import { isWorkspaceReference, validateGeneration, type GenerationInput } from '../catalog/validateGeneration';
import { parseOutputParams, type OutputParamName, type OutputParamNames } from '../output/outputParams';
import { candidateCountProblem } from '../candidates/candidateCount';

/** The choices of a generation as outside callers write them (a tool call, a preset): checked further by validateGeneration. */
export const generationChoiceFields = {
  aspectRatio: z.optional(z.string().check(z.maxLength(20))),
  size: z.optional(z.string().check(z.maxLength(20))),
  resolution: z.optional(z.string().check(z.maxLength(20))),
  quality: z.optional(z.string().check(z.maxLength(20))),
  referenceImages: z.optional(z.array(z.string().check(z.maxLength(1_000))).check(z.maxLength(16))),
};

export const generateImageInputSchema = z.object({
  prompt: z.string().check(z.maxLength(32_000)),
  model: z.optional(z.string().check(z.maxLength(200))),
  ...generationChoiceFields,
  // What is delivered: shapes only here; parseOutputParams reads the values with the caller's names.
  outputFormat: z.optional(z.string().check(z.maxLength(20))),
  outputQuality: z.optional(z.union([z.number(), z.string().check(z.maxLength(20))])),
  outputSize: z.optional(z.string().check(z.maxLength(40))),
  fit: z.optional(z.string().check(z.maxLength(20))),
  background: z.optional(z.string().check(z.maxLength(20))),
  assetSet: z.optional(z.string().check(z.maxLength(20))),
  widths: z.optional(z.union([z.array(z.union([z.number(), z.string().check(z.maxLength(10))])).check(z.maxLength(1_000)), z.string().check(z.maxLength(2_000))])),
  avif: z.optional(z.union([z.boolean(), z.string().check(z.maxLength(10))])),
  folder: z.optional(z.string().check(z.maxLength(1_000))),
  /** How many candidates to make of this request (1–8, default 1); the bounds' words are candidateCount's. */
  count: z.optional(z.number().check(z.refine((count) => candidateCountProblem(count) === undefined, { error: (issue) => candidateCountProblem(Number(issue.input)) ?? 'not a count' }))),
  insert: z.optional(z.object({ uri: z.string().check(z.maxLength(4_000)), line: z.number().check(z.int(), z.minimum(1)) })),
});

export type GenerateImageToolInput = z.infer<typeof generateImageInputSchema>;

/** The tool input's field for each output parameter; also the names its problems say unless a host gives its own. */
export const outputFieldOf = {
  format: 'outputFormat',
  quality: 'outputQuality',
  size: 'outputSize',
  fit: 'fit',
  background: 'background',
  assetSet: 'assetSet',
  widths: 'widths',
  avif: 'avif',
} as const satisfies Record<OutputParamName, keyof GenerateImageToolInput>;

export interface GenerateImageRequest {
  readonly input: GenerationInput;
  /** Workspace-relative folder for the image, `/` separated. */
  readonly folder?: string;
  /** Where the link goes: a document URI and a 1-based line (the link goes at its end). */
  readonly insert?: { readonly uri: string; readonly line: number };
  /** Candidates of this request, 2–8, when more than one was asked for (none is linked by itself). */
  readonly count?: number;
}

export type GenerateImageCheck = { readonly ok: true; readonly request: GenerateImageRequest } | { readonly ok: false; readonly problems: readonly string[] };

/**
 * A workspace-relative path written with `/` or `\`, normalized; undefined when it is absolute
 * (a drive, a share, a leading slash or `~`) or climbs out of the workspace.
 */
export function workspaceRelativePath(text: string): string | undefined {
  const slashed = text.trim().replace(/\\/g, '/');
  // A drive (`c:`), a URL or `data:` (any scheme), a share or root (`/`), a home folder (`~`).
  if (slashed === '' || slashed.startsWith('/') || slashed.startsWith('~') || /^[a-z][a-z0-9+.-]*:/i.test(slashed)) {
    return undefined;
  }
  const normalized = posix.normalize(slashed).replace(/\/$/, '');
  return normalized === '..' || normalized.startsWith('../') ? undefined : normalized === '.' ? '' : normalized;
}

/** A reference image's workspace-relative path, or undefined when it is no PNG, JPEG or WebP file inside the workspace. */
export function workspaceImagePath(path: string): string | undefined {
  const relative = workspaceRelativePath(path);
  return relative && isWorkspaceReference(relative) ? relative : undefined;
}

export function referenceProblem(path: string): string {
  return `referenceImages: "${path}" is not a PNG, JPEG or WebP file inside the workspace`;
}

/**
 * Checks a tool call's input; `defaultModel` is the user's `imagegen.defaultModel`; `outputNames`
 * are the host's names for the output parameters (`output_format`, `--output-format`), so its
 * problems say what the caller typed.
 */
export function checkGenerateImageInput(raw: unknown, defaultModel: string, outputNames: OutputParamNames = outputFieldOf): GenerateImageCheck {
  const parsed = generateImageInputSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`) };
  }
  const { prompt, model, aspectRatio, size, resolution, quality, referenceImages, folder, insert, count } = parsed.data;
  const problems: string[] = [];
  const references = (referenceImages ?? []).map((path) => {
    const relative = workspaceImagePath(path);
    if (relative === undefined) problems.push(`${referenceProblem(path)}; give it relative to the workspace folder, e.g. "assets/logo.png".`);
    return relative ?? '';
  });
  const folderPath = folder === undefined ? undefined : workspaceRelativePath(folder);
  if (folder !== undefined && folderPath === undefined) {
    problems.push(`folder: "${folder}" is not a folder inside the workspace; give it relative to the workspace folder, e.g. "assets/icons".`);
  }
  const output = parseOutputParams(
    Object.fromEntries(Object.entries(outputFieldOf).map(([param, field]) => [param, parsed.data[field]])),
    outputNames,
  );
  // Its sentences name the parameter themselves; refused, it is left out below, so validateGeneration does not say them twice.
  if (!output.ok) problems.push(...output.problems);
  const input: GenerationInput = {
    modelKey: model ?? defaultModel,
    prompt,
    ...(size !== undefined ? { size } : {}),
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
    ...(quality !== undefined ? { quality } : {}),
    ...(references.length > 0 ? { referenceImages: references } : {}),
    ...(output.ok && output.output !== undefined ? { output: output.output } : {}),
  };
  const validation = validateGeneration(input);
  if (!validation.ok) {
    problems.push(...validation.issues.map((issue) => `${issue.field}: ${issue.message}`));
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return { ok: true, request: { input, ...(folderPath !== undefined ? { folder: folderPath || '.' } : {}), ...(insert ? { insert } : {}), ...(count !== undefined && count > 1 ? { count } : {}) } };
}
