// Regenerate, Variation and Edit… on an image link (offered by its hover): each runs the deferred
// code, which checks the arguments; see imageActions.ts.
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { Command } from '../../commands/command';
import type { ImageAction } from './imageActions';

/** Runs one action on the image link the arguments name (imageActions.runImageAction, loaded on first use). */
export type RunImageAction = (action: ImageAction, args: unknown) => Promise<TaskRecord | undefined>;

abstract class ImageActionCommand implements Command {
  abstract readonly id: string;
  protected abstract readonly action: ImageAction;

  constructor(private readonly run: RunImageAction) {}

  execute(args?: unknown): Promise<TaskRecord | undefined> {
    return this.run(this.action, args);
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
