import * as vscode from 'vscode';
import { defaultModelKey } from '../core/catalog/generationDraft';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { readImageGenSettings } from '../config/readImageGenSettings';
import { insertionTargetAt, type InsertionTarget } from '../generation/delivery/insertionTracker';
import type { GenerationPipeline } from '../generation/generationPipeline';
import type { Command } from './command';
import { loadEngine } from '../engineLoader';
import type { Presets } from '../presets/presets';

/** Scripted use (tests, other extensions, keybindings): the wizard is skipped; the model defaults to the setting. */
function scriptedInput(arg: unknown): GenerationInput | undefined {
  if (!arg || typeof arg !== 'object' || typeof (arg as GenerationInput).prompt !== 'string') {
    return undefined;
  }
  const { modelKey, prompt, aspectRatio, resolution, size, quality, referenceImages } = arg as Partial<GenerationInput> & { prompt: string };
  return {
    modelKey: typeof modelKey === 'string' ? modelKey : defaultModel(),
    prompt,
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(quality !== undefined ? { quality } : {}),
    ...(referenceImages !== undefined ? { referenceImages } : {}),
  };
}

/** `{ prompt, preset }`: a scripted generation with one of the team's presets (by name). */
function scriptedPreset(arg: unknown): { readonly prompt: string; readonly preset: string } | undefined {
  const value = arg && typeof arg === 'object' ? (arg as { prompt?: unknown; preset?: unknown }) : undefined;
  return typeof value?.preset === 'string' && typeof value.prompt === 'string' ? { prompt: value.prompt, preset: value.preset } : undefined;
}

function defaultModel(): string {
  const settings = readImageGenSettings(vscode.window.activeTextEditor?.document.uri);
  return settings.ok ? settings.settings.defaultModel : defaultModelKey;
}

/** `imagegen.generate`: the image goes where the cursor is, or opens when no editor is active. */
export class GenerateCommand implements Command {
  readonly id = 'imagegen.generate';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly state: vscode.Memento,
    private readonly presets: Presets,
  ) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    // Taken before the wizard: the quick input does not move the cursor, but be explicit.
    const target = editor && editor.document.uri.scheme !== 'output' ? insertionTargetAt(editor) : undefined;
    const withPreset = scriptedPreset(arg);
    const input = withPreset
      ? await this.presets.get().inputFor(withPreset.preset, withPreset.prompt)
      : (scriptedInput(arg) ?? (await loadEngine().runGenerationWizard({ state: this.state, defaultModel: defaultModel(), presets: await this.presets.get().offer() })));
    const started = input ? await this.generation.generate(input, target) : undefined;
    return started?.ok ? started.handle.record : undefined;
  }
}

/** `imagegen.generateFromSelection`: the selection is the prompt; the link goes right after it. */
export class GenerateFromSelectionCommand implements Command {
  readonly id = 'imagegen.generateFromSelection';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly state: vscode.Memento,
    private readonly presets: Presets,
  ) {}

  async execute(arg?: unknown): Promise<TaskRecord | undefined> {
    const editor = vscode.window.activeTextEditor;
    const selected = editor ? editor.document.getText(editor.selection).trim() : '';
    if (!editor || selected.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Select the text to use as the prompt first.'));
      return undefined;
    }
    // Right after the selection; what goes between follows the document's kind (core/insert/linkPlacement).
    const target: InsertionTarget = { ...insertionTargetAt(editor), offset: editor.document.offsetAt(editor.selection.end) };
    const scripted = arg && typeof arg === 'object' ? scriptedInput({ ...(arg as object), prompt: selected }) : undefined;
    const input = scripted ?? (await loadEngine().runGenerationWizard({ state: this.state, defaultModel: defaultModel(), prompt: selected, presets: await this.presets.get().offer() }));
    if (!input) {
      return undefined;
    }
    const started = await this.generation.generate(input, target);
    return started.ok ? started.handle.record : undefined;
  }
}
