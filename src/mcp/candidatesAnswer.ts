// generate_image's answer for several candidates of one request (count 2–8): every task with its
// id, state and saved path (structuredContent's `candidates`), and the saved images inline as far as
// one answer's size limit allows, the total across candidates included; the text names the ones left
// out and why. None is linked anywhere: the agent picks one and uses its path.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFile } from 'node:fs/promises';
import { chooseInlineImages, leftOutWords } from '../core/agent/inlineImages';
import { imageMimeType } from '../core/images/imageInfo';
import { altTextFromPrompt, formatImageLink } from '../core/insert/imageLink';
import type { StandaloneTask } from '../hosts/standalone/standaloneTasks';
import { factsOf } from './taskFacts';

/** One progress for the group: the candidates' mean, never going down, each message saying whose it is. */
export function groupProgress(count: number, report: (progress: number, message: string) => void): (progress: number, message: string, index: number) => void {
  const each = new Array<number>(count).fill(0);
  let reported = 0;
  return (progress, message, index) => {
    each[index] = Math.max(each[index] ?? 0, progress);
    const mean = Math.floor(each.reduce((sum, value) => sum + value, 0) / count);
    if (mean < reported) return;
    reported = mean;
    report(mean, `Candidate ${index + 1} of ${count}: ${message}`);
  };
}

const isOpen = (task: StandaloneTask) => task.state === 'submitting' || task.state === 'running';

/** How one candidate stands, in one line. */
function lineOf(task: StandaloneTask, number: number): string {
  const credits = task.creditsUsed ?? task.estimatedCredits;
  switch (task.state) {
    case 'succeeded': {
      const saved = task.assetSet ? `the ${task.assetSet.kind} set: ${task.assetSet.files.map((file) => file.path).join(', ')}` : `${task.path} (${task.pixels ?? 'size unknown'}${credits !== undefined ? `, ${credits} credits` : ''})`;
      return `${number}. Saved ${saved}; Markdown from the workspace root: ${formatImageLink('markdown', task.path!, altTextFromPrompt(task.input.prompt))}`;
    }
    case 'unconfirmed':
      return `${number}. Not known whether it was generated (it may have been charged): ${task.error ?? ''} (task ${task.id})`;
    case 'failed':
    case 'cancelled':
      return `${number}. Not generated: ${task.error ?? task.state} (task ${task.id})`;
    default:
      if (!task.followed) return `${number}. Not followed by this server, so its state will not change here: ${task.note ?? 'it cannot be followed from this environment and may be charged'} (task ${task.id})`;
      return `${number}. ${task.state === 'submitting' ? 'Sent; its answer has not arrived yet (it may be charged)' : `Still running at the provider${task.progress !== undefined ? ` (${task.progress}%)` : ''}`}: call get_task with id "${task.id}"`;
  }
}

export async function candidatesAnswer(tasks: readonly StandaloneTask[]): Promise<CallToolResult> {
  const count = tasks.length;
  const files = await Promise.all(tasks.map(async (task) => (task.state === 'succeeded' && task.absolutePath ? await readFile(task.absolutePath).catch(() => undefined) : undefined)));
  const readable = files.flatMap((bytes, index) => (bytes ? [{ bytes, index }] : []));
  const choices = chooseInlineImages(readable.map(({ bytes }) => bytes.byteLength));
  const lines = tasks.map((task, index) => lineOf(task, index + 1));
  const leftOut: string[] = [];
  const images: CallToolResult['content'] = [];
  readable.forEach(({ bytes, index }, at) => {
    const choice = choices[at]!;
    if (choice.inline) images.push({ type: 'image', data: bytes.toString('base64'), mimeType: imageMimeType(bytes) });
    else leftOut.push(`${index + 1} (${tasks[index]!.path}: ${leftOutWords(choice.why, bytes.byteLength)})`);
  });
  files.forEach((bytes, index) => {
    if (!bytes && tasks[index]!.state === 'succeeded') lines[index] += ' — the file is no longer there (moved or deleted since).';
  });
  const saved = tasks.filter((task) => task.state === 'succeeded').length;
  const open = tasks.filter(isOpen);
  const group = tasks.find((task) => task.candidate)?.candidate?.group;
  const text = [
    `${count} candidates of one request${group ? ` (group ${group})` : ''}: ${saved} saved${open.length > 0 ? `, ${open.length} not done yet` : ''}. None is linked anywhere: look at them, pick one and use its path or Markdown; the others stay in the folder.`,
    ...lines,
    ...(readable.length > 0 ? [`The saved images follow in this order${leftOut.length > 0 ? `, except candidate ${leftOut.join('; ')}: open the file instead` : ''}.`] : []),
    ...(open.length > 0 ? ['Do not call generate_image again for the ones not done yet; that would be charged again.'] : []),
  ].join('\n');
  const candidates = tasks.map((task) => factsOf(task));
  // Nothing to show and nothing still coming: the call failed as a whole.
  const failed = saved === 0 && open.length === 0;
  return { ...(failed ? { isError: true } : {}), content: [{ type: 'text', text }, ...images], structuredContent: { ...(group ? { group } : {}), count, saved, candidates } };
}
