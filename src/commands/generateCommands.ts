import * as vscode from 'vscode';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { insertionTargetAt, insertionTargetAtCursor, TrackedPlace, trackPlace, type InsertionTarget } from '../generation/delivery/insertionTracker';
import type { GenerationPipeline } from '../generation/generationPipeline';
import type { ImageGenServices } from '../services';
import type { Command } from './command';

/** What a generate command uses; the wizard and the endpoint's model list are deferred code. */
export type GenerateServices = Pick<ImageGenServices, 'generation' | 'globalState' | 'presets' | 'modelSources' | 'deferred'>;

/** How the wizard is asked for the input (requestedGeneration, with the endpoint's listed model keys). */
function requested(services: GenerateServices, arg: unknown, selection?: string) {
  const code = services.deferred();
  const listModels = () => code.listedOpenaiModelKeys(services.modelSources);
  return code.requestedGeneration(arg, { state: services.globalState, presets: services.presets.get(), ...(selection === undefined ? {} : { selection }), listModels });
}

/**
 * Starts what was asked for: one image, linked when it arrives; or candidates, none linked until
 * the user picks one, offered once they all ended. Resolves with the (first) task.
 */
async function start(generation: GenerationPipeline, { input, count }: { readonly input: GenerationInput; readonly count: number }, target: InsertionTarget | undefined): Promise<TaskRecord | undefined> {
  if (count === 1) {
    const started = await generation.generate(input, target);
    return started.ok ? started.handle.record : undefined;
  }
  const started = await generation.generateCandidates(input, count, target);
  if (!started.ok) return undefined;
  void Promise.all(started.handles.map((handle) => handle.result)).then((ended) => offerPick(ended, started.group));
  return started.handles[0]?.record;
}

/** The group ended: how many came, and Pick… to choose one (the palette's quick pick). */
async function offerPick(ended: readonly TaskRecord[], group: string | undefined): Promise<void> {
  const made = ended.filter((record) => record.state === 'succeeded').length;
  if (made === 0 || group === undefined) return; // Each failure was said already.
  const pickOne = vscode.l10n.t('Pick…');
  const choice = await vscode.window.showInformationMessage(vscode.l10n.t('{0} of {1} candidates are ready: pick the one to insert.', made, ended.length), pickOne);
  if (choice === pickOne) await vscode.commands.executeCommand('imagegen.pickCandidate', group);
}

/** `imagegen.generate`: the image goes where the cursor is, or opens when no editor is active. */
export class GenerateCommand implements Command {
  readonly id = 'imagegen.generate';

  constructor(private readonly services: GenerateServices) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    // Taken before the wizard and followed through its steps: what is typed meanwhile moves it.
    const place = trackPlace(editor && editor.document.uri.scheme !== 'output' ? insertionTargetAtCursor(editor) : undefined);
    try {
      const answer = await requested(this.services, arg);
      return answer ? await start(this.services.generation, answer, place?.target) : undefined;
    } finally {
      place?.dispose();
    }
  }
}

/** `imagegen.generateFromSelection`: the selection is the prompt; the link goes right after it. */
export class GenerateFromSelectionCommand implements Command {
  readonly id = 'imagegen.generateFromSelection';

  constructor(private readonly services: GenerateServices) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    const selected = editor ? editor.document.getText(editor.selection).trim() : '';
    if (!editor || selected.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to use as the prompt first.'));
      return undefined;
    }
    // Right after the selection; what goes between follows the document's kind (core/insert/linkPlacement).
    // Followed from now on: the wizard's steps take time and the user may type meanwhile.
    const place = new TrackedPlace(insertionTargetAt(editor.document, editor.document.offsetAt(editor.selection.end)));
    try {
      const answer = await requested(this.services, arg, selected);
      return answer ? await start(this.services.generation, answer, place.target) : undefined;
    } finally {
      place.dispose();
    }
  }
}
