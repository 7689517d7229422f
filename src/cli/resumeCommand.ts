// `imagegen resume [ID]`: goes on with the tasks the workspace's journal holds unfinished, by the
// rules every host shares (a task the provider accepted is followed by its id; an AIReiter
// gpt_image_2 request whose answer never came is looked up by its out_task_id before anything is
// sent; any other such request is never sent again, it may have been charged), and waits for them.
// With an ID it waits for that task; the journal's keeper follows every unfinished task (as the MCP
// server does on start), and those still running when it ends stay in the journal for next time.
import { isFinished } from '../mcp/taskJournal';
import { exitCodes, UsageError, type ExitCode } from './failures';
import { exitCodeOf as signalExitCode, Interruption } from './interruption';
import { ProgressDisplay } from './progressDisplay';
import { openEngine, prepareWorkspace } from './session';
import { exitCodeOf, journalPath, leftBehindLine, outcomeLine, taskFacts } from './taskReport';
import type { TaskView } from './tasks';
import type { ProcessTerminal } from './terminal';

export async function runResume(command: { readonly id?: string; readonly workspace: string; readonly json: boolean }, terminal: ProcessTerminal, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const prepared = await prepareWorkspace(command.workspace, env);
  const interruption = new Interruption(terminal);
  const session = await openEngine(prepared, terminal);
  interruption.waitBeforeForcedExit(session.flushed);
  let display: ProgressDisplay | undefined;
  try {
    if (!session.journaled) throw new UsageError(`The task journal cannot be resumed from here (${session.journalProblem}). The process that keeps it follows its tasks; run resume again once it has stopped.`);
    const entry = command.id === undefined ? undefined : session.entries.find((candidate) => candidate.id === command.id);
    if (command.id !== undefined && !entry) throw new UsageError(`No task ${command.id} in ${journalPath} of ${prepared.workspace}: imagegen tasks lists the tasks it holds.`);
    const wanted = entry ? [entry.id] : session.entries.filter((candidate) => !isFinished(candidate.state)).map((candidate) => candidate.id);
    await session.tasks.resume(session.entries);
    const tasks = wanted.map((id) => session.tasks.get(id)).filter((task): task is TaskView => task !== undefined);
    if (tasks.length === 0) {
      terminal.say(`no unfinished tasks in ${journalPath}.`);
      await session.close();
      if (command.json) await terminal.printJson({ command: 'resume', ok: true, workspace: prepared.workspace, tasks: [] });
      return exitCodes.saved;
    }
    const open = tasks.filter((task) => !isFinished(task.state));
    if (open.length > 0) {
      terminal.say(`following ${open.map((task) => task.id).join(', ')}`);
      display = new ProgressDisplay(terminal);
      for (const task of open) display.watch(task);
    }
    const ended = await Promise.race([Promise.all(tasks.map((task) => task.ended)).then(() => 'ended' as const), interruption.signalled]);
    display?.stop();
    const left = ended === 'ended' ? [] : tasks.filter((task) => !isFinished(task.state));
    for (const task of tasks) terminal.say(left.includes(task) ? leftBehindLine(task, true) : outcomeLine(task));
    const others = session.tasks.list().filter((task) => !wanted.includes(task.id) && !isFinished(task.state));
    if (others.length > 0) terminal.say(`also unfinished, kept in ${journalPath} for the next resume: ${others.map((task) => task.id).join(', ')}`);
    await session.close();
    const code = ended === 'ended' ? exitCodeOf(tasks) : signalExitCode(ended);
    if (command.json) await terminal.printJson({ command: 'resume', ok: code === exitCodes.saved, ...(ended !== 'ended' ? { interrupted: true } : {}), workspace: prepared.workspace, tasks: tasks.map((task) => taskFacts(task, prepared.workspace)) });
    return code;
  } finally {
    display?.stop();
    await interruption.disposeAfter(session.close);
  }
}
