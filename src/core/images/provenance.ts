// What an ImageGen image carries about how it was made (PNG text chunks), written the same way by
// the extension and the standalone MCP server, and read back by the provenance hover.
import type { GenerationInput } from '../catalog/validateGeneration';
import { outputOptionsSchema } from '../output/outputOptions';
import type { TaskRecord } from '../tasks/taskRecord';

export interface ProvenanceSource {
  readonly input: GenerationInput;
  /** The provider's task id, or ours when the provider gave none. */
  readonly task: string;
  readonly estimatedCredits?: number;
  /** Who wrote the file (PNG's `Software` keyword). */
  readonly software: string;
}

export function provenanceText({ input, task, estimatedCredits, software }: ProvenanceSource, now = new Date()): Record<string, string> {
  return {
    prompt: input.prompt,
    model: input.modelKey,
    parameters: JSON.stringify({ aspectRatio: input.aspectRatio, resolution: input.resolution, size: input.size, quality: input.quality, output: input.output }),
    task,
    ...(estimatedCredits !== undefined ? { credits: String(estimatedCredits) } : {}),
    'Creation Time': now.toISOString(),
    Software: software,
  };
}

/** What a task's image carries about how it was made, written by `software` (every host's files the same way). */
export function taskProvenance(record: TaskRecord, software: string): Record<string, string> {
  return provenanceText({ input: record.input, task: record.taskId ?? record.id, software, ...(record.estimatedCredits !== undefined ? { estimatedCredits: record.estimatedCredits } : {}) });
}

/**
 * The generation a file's provenance text remembers: its model, prompt and the parameters written
 * with them. Read leniently: unreadable parameters give the model's defaults.
 */
export function inputFromProvenance(text: Readonly<Record<string, string>>): GenerationInput {
  let parameters: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text.parameters ?? '{}');
    if (parsed && typeof parsed === 'object') parameters = parsed as Record<string, unknown>;
  } catch {
    // Left at the defaults.
  }
  const pick = (key: 'aspectRatio' | 'resolution' | 'size' | 'quality') => (typeof parameters[key] === 'string' ? { [key]: parameters[key] as string } : {});
  const output = outputOptionsSchema.safeParse(parameters.output);
  return { modelKey: text.model ?? '', prompt: text.prompt ?? '', ...pick('aspectRatio'), ...pick('resolution'), ...pick('size'), ...pick('quality'), ...(output.success && output.data ? { output: output.data } : {}) };
}

/**
 * Beside a JPEG or WebP image (which has no PNG text chunks) the same text is kept in a sidecar:
 * `hero.jpg` → `hero.jpg.imagegen.json`.
 */
export function provenanceSidecarPath(imagePath: string): string {
  return `${imagePath}.imagegen.json`;
}

/** A sidecar's text, read leniently: string values only, anything else left out. */
export function readProvenanceSidecar(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}

/** The entry Convert / Resize Image… adds to the provenance it carries over: what was made from what. */
export const conversionKey = 'converted';
