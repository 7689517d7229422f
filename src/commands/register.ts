// The generic commands, registered by the composition root: generate (at the cursor or from the
// selection), the task list and cancel, and the API keys. Commands that belong to a capability
// (Open Studio, the image actions) register with it, in src/features/.
import { ClearApiKeyCommand, SetApiKeyCommand } from './apiKeyCommands';
import { CommandManager } from './commandManager';
import { GenerateCommand, GenerateFromSelectionCommand } from './generateCommands';
import { CancelTaskCommand, PickCandidateCommand, ShowTasksCommand } from './showTasks';
import type { RegisterCapability } from '../services';

export const registerCommands: RegisterCapability = (_context, services) => {
  const { generation, keys, notifier, deferred } = services;
  const commands = new CommandManager();
  commands.add(new GenerateCommand(services));
  commands.add(new GenerateFromSelectionCommand(services));
  commands.add(new SetApiKeyCommand(keys, notifier));
  commands.add(new ClearApiKeyCommand(keys));
  commands.add(new ShowTasksCommand(generation, deferred));
  commands.add(new CancelTaskCommand(generation));
  commands.add(new PickCandidateCommand(generation, deferred));
  return commands;
};
