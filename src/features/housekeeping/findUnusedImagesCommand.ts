// ImageGen: Find Unused Images. The scan and the list are deferred code (findUnusedImages.ts),
// loaded when the command first runs.
import type { Command } from '../../commands/command';
import type { FindUnusedResult } from './findUnusedImages';

export class FindUnusedImagesCommand implements Command {
  readonly id = 'imagegen.findUnusedImages';

  constructor(private readonly run: () => Promise<FindUnusedResult | undefined>) {}

  execute(): Promise<FindUnusedResult | undefined> {
    return this.run();
  }
}
