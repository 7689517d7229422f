// The command line's one run: the arguments read into a command, the command run, and its exit
// code; every problem ends as one plain line on stderr (a UsageError or a path problem: exit 2; a
// generation that failed: exit 1, said by the command), and anything unexpected as one line
// naming the file its details were written to, never a stack. The commands that talk to a
// provider (and load the transport, the engine and the journal) are loaded only when run, so
// `models`, `--help` and a usage problem start as fast as the catalog allows.
import { parseCommandLine } from './commandLine';
import { exitCodes, isUsageError, unexpectedErrorLine, type ExitCode } from './failures';
import { runModels } from './modelsCommand';
import { ProcessTerminal } from './terminal';
import { cliVersion, commandHelp, generalHelp } from './usage';

export async function runProgram(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ExitCode> {
  const terminal = new ProcessTerminal();
  try {
    const command = parseCommandLine(argv, cwd);
    switch (command.kind) {
      case 'help':
        await terminal.print(`${command.command ? commandHelp(command.command) : generalHelp()}\n`);
        return exitCodes.saved;
      case 'version':
        await terminal.print(`${cliVersion}\n`);
        return exitCodes.saved;
      case 'models':
        return await runModels(command, terminal, env);
      case 'tasks':
        return await (await import('./tasksCommand')).runTasks(command, terminal);
      case 'unused':
        return await (await import('./unusedCommand')).runUnused(command, terminal);
      case 'resume':
        return await (await import('./resumeCommand')).runResume(command, terminal, env);
      case 'generate':
        return await (await import('./generateCommand')).runGenerate(command, terminal, env);
    }
  } catch (error) {
    if (isUsageError(error)) {
      terminal.say((error as Error).message);
      if ((error as Error).name === 'UsageError' && argv.length === 0) terminal.say('imagegen --help lists the commands and where keys come from.');
      return exitCodes.usage;
    }
    terminal.say(unexpectedErrorLine(error));
    return exitCodes.failed;
  }
}
