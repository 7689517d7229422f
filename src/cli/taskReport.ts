// A task in the command line's words: the facts a `--json` object carries (ids, state, model,
// workspace-relative and absolute paths, pixels, credits, what went wrong) and the one line a
// person reads for each way a task can end. The exit code follows from the tasks' states.
import { join } from 'node:path';
import { providerNameOf } from '../core/catalog/providerNames';
import { journalFileName, journalFolderName } from '../mcp/taskJournal';
import { exitCodes, type ExitCode } from './failures';
import type { JournalEntry } from './tasks';

export const journalPath = `${journalFolderName}/${journalFileName}`;

type Reported = JournalEntry & { readonly absolutePath?: string };

export function taskFacts(task: Reported, workspace: string) {
  const credits = task.creditsUsed ?? task.estimatedCredits;
  const absolutePath = task.absolutePath ?? (task.path !== undefined ? join(workspace, ...task.path.split('/')) : undefined);
  return {
    id: task.id,
    state: task.state,
    model: task.input.modelKey,
    prompt: task.input.prompt,
    createdAt: new Date(task.createdAt).toISOString(),
    ...(task.providerTaskId ? { providerTaskId: task.providerTaskId } : {}),
    ...(task.state === 'succeeded' && task.path !== undefined ? { path: task.path, absolutePath } : {}),
    ...(task.state === 'succeeded' && task.assetSet ? { assetSet: task.assetSet.kind, files: task.assetSet.files.map((file) => file.path) } : {}),
    ...(task.pixels !== undefined ? { pixels: task.pixels } : {}),
    ...(credits !== undefined ? { credits } : {}),
    ...(task.progress !== undefined && task.state === 'running' ? { progress: task.progress } : {}),
    ...(task.error !== undefined ? { error: task.error } : {}),
    ...(task.note !== undefined ? { note: task.note } : {}),
    ...(task.mayHaveBeenCharged || task.state === 'submitting' ? { mayHaveBeenCharged: true } : {}),
    ...(task.candidate ? { candidate: { group: task.candidate.group, index: task.candidate.index, count: task.candidate.count } } : {}),
  };
}

export type TaskFacts = ReturnType<typeof taskFacts>;

/** How a task ended (or why it is still open), in one line. */
export function outcomeLine(task: Reported): string {
  const credits = task.creditsUsed ?? task.estimatedCredits;
  switch (task.state) {
    case 'succeeded':
      return `saved ${task.assetSet ? `the ${task.assetSet.kind} set: ${task.assetSet.files.map((file) => file.path).join(', ')}` : (task.path ?? '(path unknown)')} (${[task.assetSet ? undefined : task.pixels, task.input.modelKey, credits !== undefined ? `${credits} credits` : undefined].filter(Boolean).join(', ')}; task ${task.id})${task.note ? `. ${task.note}` : ''}`;
    case 'failed':
      return `task ${task.id} failed: ${task.error ?? 'no reason given'}`;
    case 'cancelled':
      return `task ${task.id} was cancelled: ${task.error ?? 'no reason given'}`;
    case 'unconfirmed':
      return `task ${task.id}: not known whether it was generated; it may have been charged. ${task.error ?? ''}`.trim();
    default:
      return `task ${task.id} is still ${task.state === 'submitting' ? 'unconfirmed (its request may have reached the provider)' : `running at ${providerNameOf(task.input.modelKey)}`}${task.note ? `: ${task.note}` : ''}`;
  }
}

/**
 * What an interrupted command says of a task it leaves: the provider may already bill it, and
 * `imagegen resume` follows it from the journal (when this command kept the journal).
 */
export function leftBehindLine(task: Reported, journaled: boolean): string {
  const provider = providerNameOf(task.input.modelKey);
  const where = task.state === 'submitting' ? `its request to ${provider} was on its way: it may have reached ${provider} and may be billed` : `${provider} accepted it${task.providerTaskId ? ` as ${task.providerTaskId}` : ''} and may bill it`;
  const follow = journaled
    ? `It is kept in ${journalPath}: \`imagegen resume ${task.id}\` follows it${task.state === 'submitting' ? ' (or says what can be known without sending it again)' : ' and saves the image'}.`
    : `It is NOT in ${journalPath} (another ImageGen process keeps that journal), so it cannot be resumed from here: check ${provider}'s dashboard${task.providerTaskId ? ` for task ${task.providerTaskId}` : ''}.`;
  return `interrupted: task ${task.id} (${task.input.modelKey}) was left unfinished: ${where}. ${follow}`;
}

/** 0 when every task saved its image, 1 when one failed or may have failed, 2 when one could not be followed from this environment (no key, another base URL). */
export function exitCodeOf(tasks: readonly Reported[]): ExitCode {
  if (tasks.some((task) => task.state === 'failed' || task.state === 'cancelled' || task.state === 'unconfirmed')) return exitCodes.failed;
  if (tasks.some((task) => task.state !== 'succeeded')) return exitCodes.usage;
  return exitCodes.saved;
}
