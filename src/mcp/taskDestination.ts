// A standalone task's plain facts: where its image goes (the folder and name its call fixed, the
// provenance it carries), its input as the journal keeps it, and a failure in words for the agent.
import { findModel } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import { provenanceText } from '../core/images/provenance';
import { isProviderError } from '../providers/errors';
import type { TaskHandle } from '../providers/provider';
import type { ImageFileOptions } from '../saving/imageFileWriter';
import type { JournalEntry } from './taskJournal';
import { outputFolder } from './workspaceFiles';

export const maxImageBytes = 50 * 1024 * 1024;

/** Where the call asked the image to go, checked again (a resumed task's folder may have changed since). */
export async function imageDestination(workspace: string, task: JournalEntry, handle?: TaskHandle): Promise<ImageFileOptions> {
  const credits = handle?.estimatedCredits ?? task.estimatedCredits;
  return {
    folder: await outputFolder(workspace, task.folder),
    baseName: task.baseName,
    provider: providerNames[findModel(task.input.modelKey)?.provider ?? 'openai'],
    maxBytes: maxImageBytes,
    provenance: provenanceText({ input: task.input, task: handle?.taskId ?? task.providerTaskId ?? task.id, software: 'ImageGen MCP server', ...(credits !== undefined ? { estimatedCredits: credits } : {}) }),
  };
}

export function journalInput({ referenceImages, ...rest }: GenerationInput): JournalEntry['input'] {
  return { ...rest, ...(referenceImages ? { referenceImages: [...referenceImages] } : {}) };
}

export function messageOf(error: unknown): string {
  // Provider errors and local save problems carry their own words; anything else is unexpected.
  if (isProviderError(error) || ['ImageWriteError', 'WorkspacePathError', 'Error'].includes((error as Error | undefined)?.name ?? '')) {
    return (error as Error).message;
  }
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
