// What an ImageGen image carries about how it was made (PNG text chunks), written the same way by
// the extension and the standalone MCP server, and read back by the provenance hover.
import type { GenerationInput } from '../catalog/validateGeneration';

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
    parameters: JSON.stringify({ aspectRatio: input.aspectRatio, resolution: input.resolution, size: input.size, quality: input.quality }),
    task,
    ...(estimatedCredits !== undefined ? { credits: String(estimatedCredits) } : {}),
    'Creation Time': now.toISOString(),
    Software: software,
  };
}
