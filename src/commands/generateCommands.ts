import * as vscode from 'vscode';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { insertionTargetAt, insertionTargetAtCursor, TrackedPlace, trackPlace } from '../generation/delivery/insertionTracker';
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

/** `imagegen.generate`: the image goes where the cursor is, or opens when no editor is active. */
export class GenerateCommand implements Command {
  readonly id = 'imagegen.generate';

  constructor(private readonly services: GenerateServices) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    // Taken before the wizard and followed through its steps: what is typed meanwhile moves it.
    const place = trackPlace(editor && editor.document.uri.scheme !== 'output' ? insertionTargetAtCursor(editor) : undefined);
    try {
      const input = await requested(this.services, arg);
      const started = input ? await this.services.generation.generate(input, place?.target) : undefined;
      return started?.ok ? started.handle.record : undefined;
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
      const input = await requested(this.services, arg, selected);
      if (!input) {
        return undefined;
      }
      const started = await this.services.generation.generate(input, place.target);
      return started.ok ? started.handle.record : undefined;
    } finally {
      place.dispose();
    }
  }
}
