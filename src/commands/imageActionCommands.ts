// Regenerate, Variation and Edit… on an image link (offered by its hover): each runs from the
// engine, which checks the arguments; see provenance/imageActions.ts.
import type { TaskRecord } from '../core/tasks/taskRecord';
import { loadEngine } from '../engineLoader';
import type { GenerationPipeline } from '../generation/generationPipeline';
import type { Command } from './command';

abstract class ImageActionCommand implements Command {
  abstract readonly id: string;
  protected abstract readonly action: 'regenerate' | 'variation' | 'edit';

  constructor(private readonly generation: GenerationPipeline) {}

  execute(args?: unknown): Promise<TaskRecord | undefined> {
    return loadEngine().runImageAction(this.generation, this.action, args);
  }
}

export class RegenerateImageCommand extends ImageActionCommand {
  readonly id = 'imagegen.regenerateImage';
  protected readonly action = 'regenerate';
}

export class ImageVariationCommand extends ImageActionCommand {
  readonly id = 'imagegen.imageVariation';
  protected readonly action = 'variation';
}

export class EditImageCommand extends ImageActionCommand {
  readonly id = 'imagegen.editImage';
  protected readonly action = 'edit';
}
