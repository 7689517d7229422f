import * as vscode from 'vscode';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { insertionTargetAt, TrackedPlace, trackPlace } from '../generation/delivery/insertionTracker';
import type { GenerationPipeline } from '../generation/generationPipeline';
import type { Command } from './command';
import { loadEngine } from '../engineLoader';
import type { Presets } from '../presets/presets';
import type { OpenaiModelSources } from '../generation/openaiModelChoices';

/** The endpoint's listed model keys for the wizard (the engine loads with the wizard anyway). */
const lister = (sources: OpenaiModelSources | undefined) => (sources ? { listModels: () => loadEngine().listedOpenaiModelKeys(sources) } : {});

/** `imagegen.generate`: the image goes where the cursor is, or opens when no editor is active. */
export class GenerateCommand implements Command {
  readonly id = 'imagegen.generate';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly state: vscode.Memento,
    private readonly presets: Presets,
    private readonly models?: OpenaiModelSources,
  ) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    // Taken before the wizard and followed through its steps: what is typed meanwhile moves it.
    const place = trackPlace(editor && editor.document.uri.scheme !== 'output' ? insertionTargetAt(editor) : undefined);
    try {
      const input = await loadEngine().requestedGeneration(arg, { state: this.state, presets: this.presets.get(), ...lister(this.models) });
      const started = input ? await this.generation.generate(input, place?.target) : undefined;
      return started?.ok ? started.handle.record : undefined;
    } finally {
      place?.dispose();
    }
  }
}

/** `imagegen.generateFromSelection`: the selection is the prompt; the link goes right after it. */
export class GenerateFromSelectionCommand implements Command {
  readonly id = 'imagegen.generateFromSelection';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly state: vscode.Memento,
    private readonly presets: Presets,
    private readonly models?: OpenaiModelSources,
  ) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    const selected = editor ? editor.document.getText(editor.selection).trim() : '';
    if (!editor || selected.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to use as the prompt first.'));
      return undefined;
    }
    // Right after the selection; what goes between follows the document's kind (core/insert/linkPlacement).
    // Followed from now on: the wizard's steps take time and the user may type meanwhile.
    const place = new TrackedPlace({ ...insertionTargetAt(editor), offset: editor.document.offsetAt(editor.selection.end) });
    try {
      const input = await loadEngine().requestedGeneration(arg, { state: this.state, presets: this.presets.get(), selection: selected, ...lister(this.models) });
      if (!input) {
        return undefined;
      }
      const started = await this.generation.generate(input, place.target);
      return started.ok ? started.handle.record : undefined;
    } finally {
      place.dispose();
    }
  }
}
