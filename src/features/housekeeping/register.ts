// The housekeeping capability (issue 25): Find Unused Images, over the images ImageGen made. Its
// code loads on first use through the deferred boundary; the history it forgets deleted images in
// is the pipeline's, so the studio's gallery stays right.
import { CommandManager } from '../../commands/commandManager';
import type { RegisterCapability } from '../../services';
import { FindUnusedImagesCommand } from './findUnusedImagesCommand';

export const registerHousekeeping: RegisterCapability = (_context, { deferred, generation }) => {
  const commands = new CommandManager();
  commands.add(new FindUnusedImagesCommand(() => deferred().runFindUnusedImages(generation)));
  return commands;
};
