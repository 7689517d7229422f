// Convert / Resize Image… on an image: from its link's hover or light bulb, the explorer's menu on
// an image file, or the command palette (the open image, else a file picker). The work is deferred
// code (convertImage.ts), and so is the image library, loaded on the first conversion.
import type { Command } from '../../commands/command';
import type { FinishedFile } from '../../finishing/finishImage';

/** Runs the deferred command with whatever the caller passed (a hover's place, an explorer Uri, nothing). */
export type RunConvertImage = (args: unknown) => Promise<FinishedFile | undefined>;

export class ConvertImageCommand implements Command {
  readonly id = 'imagegen.convertImage';

  constructor(private readonly run: RunConvertImage) {}

  execute(...args: unknown[]): Promise<FinishedFile | undefined> {
    return this.run(args[0]);
  }
}
