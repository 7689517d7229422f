// `#generateImage` with count 2–8: the candidates of one request through the pipeline, counted as
// the agent's (its budget holds for the whole group: refused, nothing is sent). None links itself;
// the answer lists every saved file and carries the images within one answer's size limit, and
// tells the agent the candidates are in the gallery: the user picks one there, or the agent inserts
// the chosen path itself. Stopping the chat cancels what was not sent yet and lets go of the rest.
import * as vscode from 'vscode';
import { chooseInlineImages, leftOutWords } from '../../core/agent/inlineImages';
import type { GenerationInput } from '../../core/catalog/validateGeneration';
import { findModel } from '../../core/catalog/models';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { mayBeBilled } from '../../engine/billing';
import type { InsertionTarget } from '../../generation/delivery/insertionTracker';
import type { GenerationPipeline } from '../../generation/generationPipeline';
import { savedImageFacts, type SavedImageFacts } from './savedImageFacts';

export interface CandidatesRequest {
  readonly input: GenerationInput;
  readonly count: number;
  readonly target: InsertionTarget | undefined;
  readonly folder: string | undefined;
}

const text = (value: string) => new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);

export async function generateCandidates(generation: GenerationPipeline, request: CandidatesRequest, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
  const { input, count, target, folder } = request;
  const started = await generation.generateCandidates(input, count, target, { askForKey: false, spentBy: 'agent', ...(folder ? { saveFolder: folder } : {}) });
  if (!started.ok) return text(`The images were not generated: ${started.reason} The user can do that; tell them.`);
  const records = started.handles.map((handle) => handle.record);
  const synchronous = findModel(input.modelKey)?.polling.intervalMs === 0;
  const current = (record: TaskRecord) => generation.get(record.id) ?? record;
  // A candidate whose image comes with another task's request is billed (or not) with that request.
  const billable = (record: TaskRecord) => mayBeBilled(current(record), synchronous);
  // A rider is cancelled with its sender's request, never on its own (that would cancel the request).
  const senders = records.filter((record) => record.candidate?.viaTask === undefined);
  let listener: vscode.Disposable | undefined;
  const detached = new Promise<'detached'>((resolve) => {
    if (token.isCancellationRequested) {
      // Stopped before anything went out: nothing can have been charged, so all of them are cancelled.
      senders.forEach((record) => generation.cancel(record.id));
      return;
    }
    listener = token.onCancellationRequested(() => {
      // What was not sent yet is cancelled (nothing is charged); what may be billed goes on and is saved.
      senders.filter((record) => !billable(record)).forEach((record) => generation.cancel(record.id));
      if (records.some(billable)) resolve('detached');
    });
  });
  try {
    const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('ImageGen: generating {0} candidates for the agent', count) }, () => Promise.race([Promise.all(started.handles.map((handle) => handle.result)), detached]));
    if (done === 'detached') {
      const open = records.filter((record) => billable(record)).map((record) => record.id);
      // VS Code drops the answer of a cancelled tool call, so the user hears it here too (as for one image).
      const showTasks = vscode.l10n.t('Show Tasks');
      void vscode.window.showInformationMessage(vscode.l10n.t('The chat stopped, but {0} candidate tasks it started go on: the provider already has them (they may be charged). ImageGen saves them into the gallery when they are done.', open.length), showTasks).then((choice) => {
        if (choice === showTasks) void vscode.commands.executeCommand('imagegen.showTasks');
      });
      return text(`The call was stopped, but ${open.length} of the ${count} candidate tasks go on in the background: the provider already has them (they may be charged), so ImageGen saves their images into the gallery. Task ids: ${open.join(', ')}. They are listed in "ImageGen: Show Tasks". Do not call the tool again for them; that would be charged again.`);
    }
    return await answerOf(done, target !== undefined);
  } finally {
    listener?.dispose();
  }
}

/** Every candidate's line, and the saved images that fit one answer. */
async function answerOf(done: readonly TaskRecord[], placeAsked: boolean): Promise<vscode.LanguageModelToolResult> {
  const count = done.length;
  const saved = await Promise.all(done.map((record) => (record.state === 'succeeded' && record.imageUri ? savedImageFacts(record, record.imageUri).catch(() => undefined) : Promise.resolve(undefined))));
  const lines = done.map((record, index) => {
    const facts = saved[index];
    if (facts) return `${index + 1}. Saved ${facts.workspacePath}${facts.pixels ? ` (${facts.pixels})` : ''}.${facts.setFiles} Markdown link (relative to the workspace folder): ${facts.link}`;
    if (record.state === 'succeeded') return `${index + 1}. Saved, but the file is no longer there (moved or deleted since).`;
    if (record.state === 'cancelled') return `${index + 1}. Cancelled; nothing was saved.`;
    return `${index + 1}. Not generated: ${record.error?.message ?? 'the task ended without an image.'}`;
  });
  const files = saved.flatMap((facts, index): { facts: SavedImageFacts; index: number }[] => (facts ? [{ facts, index }] : []));
  const choices = chooseInlineImages(files.map(({ facts }) => facts.bytes.byteLength));
  const images: vscode.LanguageModelDataPart[] = [];
  const leftOut: string[] = [];
  files.forEach(({ facts, index }, at) => {
    const choice = choices[at]!;
    if (choice.inline) images.push(vscode.LanguageModelDataPart.image(facts.bytes, facts.mime));
    else leftOut.push(`${index + 1} (${facts.workspacePath}: ${leftOutWords(choice.why, facts.bytes.byteLength)})`);
  });
  if (files.length === 0) return text([`None of the ${count} candidates was generated.`, ...lines, "The prompt is kept in ImageGen's task list."].join('\n'));
  const credits = done.reduce((sum, record) => sum + (record.estimatedCredits ?? 0), 0);
  const header = [
    `${count} candidates of one request, ${files.length} saved; they are in ImageGen's gallery (the studio) marked as candidates, and no link was inserted.`,
    placeAsked ? 'The user can pick one there (Pick inserts it where you asked), or pick one with the user and insert its link yourself.' : 'Pick one (or ask the user which), then insert its Markdown link yourself where it belongs; the others stay in the folder.',
    credits > 0 ? `The provider estimated ${credits} credits in all.` : undefined,
  ].filter(Boolean).join(' ');
  const footer = `The saved images follow in this order${leftOut.length > 0 ? `, except candidate ${leftOut.join('; ')}: open the file instead` : ''}.`;
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart([header, ...lines, footer].join('\n')), ...images]);
}
