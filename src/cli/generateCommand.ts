// `imagegen generate PROMPT --model P:M …`: one image (or with --count the candidates of one
// request, each saved as its own file), checked by every host's rules before anything is sent (core/agent/generateImageInput, which runs core/catalog/validateGeneration:
// the MCP server's messages, with the CLI's flag names), a key from the environment, then the task
// life of the shared engine: written to the journal, submitted once, followed, saved inside the
// workspace. Interrupted, it says what the provider may already bill and leaves it to `resume`.
import { checkGenerateImageInput } from '../core/agent/generateImageInput';
import type { OutputParamNames } from '../core/output/outputParams';
import { defaultModelKey } from '../core/catalog/generationDraft';
import { providerIdOf, providerNames } from '../core/catalog/providerNames';
import { envNames } from '../features/mcpPublishing/serverEnvironment';
import type { GenerateCommand } from './commandLine';
import { exitCodes, UsageError, type ExitCode } from './failures';
import { exitCodeOf as signalExitCode, Interruption } from './interruption';
import { ProgressDisplay } from './progressDisplay';
import { openEngine, prepareWorkspace, type PreparedWorkspace } from './session';
import { exitCodeOf, leftBehindLine, outcomeLine, taskFacts } from './taskReport';
import type { StartedTask, TaskView } from './tasks';
import type { ProcessTerminal } from './terminal';

/** The core's field names as this command's flags, so a problem names what to change on the command line. */
const flagOfField: Readonly<Record<string, string>> = {
  model: '--model',
  prompt: 'PROMPT',
  aspectRatio: '--aspect-ratio',
  resolution: '--resolution',
  size: '--size',
  quality: '--quality',
  referenceImages: '--reference',
  folder: '--output-folder',
  count: '--count',
};

/** The output flags, named in outputParams' sentences as they are typed. */
const outputFlags: OutputParamNames = { format: '--output-format', quality: '--output-quality', size: '--output-size', fit: '--fit', background: '--background', assetSet: '--asset-set', widths: '--widths', avif: '--avif' };

export async function runGenerate(command: GenerateCommand, terminal: ProcessTerminal, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const prepared = await prepareWorkspace(command.workspace, env);
  const request = checkedRequest(command);
  const { input } = request;
  const provider = providerIdOf(input.modelKey)!;
  if (!prepared.environment.apiKeys[provider]) {
    throw new UsageError(`No API key for ${providerNames[provider]}: set ${envNames.apiKey(provider)} in the environment (never as a flag). Nothing was sent.`);
  }
  return generateIn(prepared, request, command.json, terminal);
}

function checkedRequest(command: GenerateCommand) {
  const check = checkGenerateImageInput(
    {
      prompt: command.prompt,
      model: command.model,
      ...(command.aspectRatio !== undefined ? { aspectRatio: command.aspectRatio } : {}),
      ...(command.size !== undefined ? { size: command.size } : {}),
      ...(command.resolution !== undefined ? { resolution: command.resolution } : {}),
      ...(command.quality !== undefined ? { quality: command.quality } : {}),
      ...(command.references.length > 0 ? { referenceImages: [...command.references] } : {}),
      ...(command.outputFolder !== undefined ? { folder: command.outputFolder } : {}),
      ...(command.outputFormat !== undefined ? { outputFormat: command.outputFormat } : {}),
      ...(command.outputQuality !== undefined ? { outputQuality: command.outputQuality } : {}),
      ...(command.outputSize !== undefined ? { outputSize: command.outputSize } : {}),
      ...(command.fit !== undefined ? { fit: command.fit } : {}),
      ...(command.background !== undefined ? { background: command.background } : {}),
      ...(command.assetSet !== undefined ? { assetSet: command.assetSet } : {}),
      ...(command.widths !== undefined ? { widths: command.widths } : {}),
      ...(command.avif ? { avif: true } : {}),
      ...(command.count !== undefined ? { count: command.count } : {}),
    },
    defaultModelKey,
    outputFlags,
  );
  if (!check.ok) {
    const problems = check.problems.map((problem) => problem.replace(/^(\w+):/, (_whole, field: string) => `${flagOfField[field] ?? field}:`));
    throw new UsageError(`Not sent: ${problems.join(' ')}`);
  }
  return { input: check.request.input, folder: check.request.folder ?? 'assets', count: check.request.count ?? 1 };
}

async function generateIn(prepared: PreparedWorkspace, request: ReturnType<typeof checkedRequest>, json: boolean, terminal: ProcessTerminal): Promise<ExitCode> {
  const interruption = new Interruption(terminal);
  const session = await openEngine(prepared, terminal);
  interruption.waitBeforeForcedExit(session.flushed);
  const call = new AbortController();
  const { count, ...generation } = request;
  let display: ProgressDisplay | undefined;
  try {
    if (!session.journaled) terminal.say(`${count > 1 ? 'these tasks are' : 'this task is'} kept only while this command runs: if it is interrupted, ${count > 1 ? 'they' : 'it'} cannot be resumed.`);
    const starting = session.tasks.startCandidates({ ...generation, onProgress: () => undefined, signal: call.signal }, count);
    // A refusal is read below, with the start's own words (exit 2): the race only watches for an interruption.
    const first = await Promise.race([starting.then(() => undefined, () => undefined), interruption.signalled]);
    if (typeof first === 'string') call.abort(); // Before its request left: nothing is sent.
    let started: StartedTask[];
    try {
      started = await starting;
    } catch (error) {
      // Problems found before anything was sent (the input, a reference, the output folder through a
      // link, the budget) are the caller's to fix: exit 2. Anything else (a disk that refuses) is not usage.
      throw error instanceof Error && error.name === 'StartRefused' ? new UsageError(`Not sent: ${error.message}`) : error;
    }
    const tasks = started.map(({ task }) => task);
    started.forEach(({ detach }) => detach());
    const where = `${request.input.modelKey} at ${providerNames[providerIdOf(request.input.modelKey)!]}, saving into ${request.folder}/`;
    terminal.say(count > 1 ? `${count} candidates, tasks ${tasks.map((task) => task.id).join(', ')}: ${where}` : `task ${tasks[0]!.id}: ${where}`);
    display = new ProgressDisplay(terminal);
    tasks.forEach((task) => display!.watch(task));
    const ended = await Promise.race([Promise.all(tasks.map((task) => task.ended)).then(() => 'ended' as const), interruption.signalled]);
    display.stop();
    const facts = tasks.map((task) => taskFacts(task, prepared.workspace));
    const group = tasks[0]!.candidate?.group;
    const about = { workspace: prepared.workspace, ...(group ? { group, count } : {}) };
    const open = tasks.filter((task) => task.state === 'submitting' || task.state === 'running');
    if (ended !== 'ended' && open.length > 0) {
      tasks.filter((task) => !open.includes(task)).forEach((task) => terminal.say(outcomeLine(task)));
      open.forEach((task) => terminal.say(leftBehindLine(task, session.journaled)));
      await session.close();
      if (json) await terminal.printJson({ command: 'generate', ok: false, interrupted: true, ...about, tasks: facts });
      return signalExitCode(ended);
    }
    tasks.forEach((task) => terminal.say(outcomeLine(task)));
    if (count > 1) terminal.say(groupLine(tasks));
    const code = exitCodeOf(tasks);
    await session.close();
    if (json) await terminal.printJson({ command: 'generate', ok: code === exitCodes.saved, ...about, tasks: facts });
    return code === exitCodes.saved || !interruption.signal ? code : signalExitCode(interruption.signal);
  } finally {
    display?.stop();
    await interruption.disposeAfter(session.close);
  }
}

/** How the candidates ended together: how many were saved, and which were not. */
function groupLine(tasks: readonly TaskView[]): string {
  const saved = tasks.filter((task) => task.state === 'succeeded').length;
  const missing = tasks.flatMap((task, index) => (task.state === 'succeeded' ? [] : [`candidate ${index + 1} (task ${task.id}, ${task.state})`]));
  return `${saved} of ${tasks.length} candidates saved${missing.length > 0 ? `; not saved: ${missing.join(', ')}` : ''}. None is linked anywhere: pick one and use its path.`;
}
