// What a generate command was asked for: a scripted input (tests, keybindings, other extensions),
// one of the team's presets by name with a prompt, or the wizard's answers. Deferred code.
import * as vscode from 'vscode';
import { defaultModelKey } from '../core/catalog/generationDraft';
import type { GenerationInput } from '../core/catalog/validateGeneration';
import { readOutputBlock } from '../core/output/outputBlock';
import { readImageGenSettings } from '../config/readImageGenSettings';
import type { PresetStore } from '../features/presets/presetStore';
import { runGenerationWizard, type WizardAnswer } from './generationWizard';
import { candidateCountProblem } from '../core/candidates/candidateCount';

export interface RequestOptions {
  readonly state: vscode.Memento;
  readonly presets: PresetStore;
  /** The selection, when the command generates from it: it is the prompt. */
  readonly selection?: string;
  /** The OpenAI-compatible endpoint's listed model keys, for the wizard's model step. */
  readonly listModels?: () => Promise<readonly string[]>;
}

/** The input to generate and how many candidates of it, or undefined when the user cancelled or the request cannot be used (said). */
export async function requestedGeneration(arg: unknown, options: RequestOptions): Promise<WizardAnswer | undefined> {
  const scripted: Record<string, unknown> | undefined = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? { ...(arg as Record<string, unknown>), ...(options.selection !== undefined ? { prompt: options.selection } : {}) } : undefined;
  if (scripted && typeof scripted.prompt === 'string') {
    const count = scripted.count === undefined ? 1 : Number(scripted.count);
    const countProblem = candidateCountProblem(count);
    if (countProblem) {
      void vscode.window.showErrorMessage(countProblem);
      return undefined;
    }
    const input = typeof scripted.preset === 'string' ? await presetInput(options.presets, scripted.preset, scripted.prompt, scripted.output) : scriptedInput(scripted as Partial<GenerationInput> & { prompt: string }, scripted.output);
    return input ? { input, count } : undefined;
  }
  return runGenerationWizard({ state: options.state, defaultModel: defaultModel(), presets: await options.presets.offer(), ...(options.listModels ? { listModels: options.listModels } : {}), ...(options.selection !== undefined ? { prompt: options.selection } : {}) });
}

/** A scripted output block (the wizard's line or an object, as in presets); a bad one is said, and the caller generates nothing. */
function scriptedOutput(rawOutput: unknown): { readonly options: GenerationInput['output'] } | undefined {
  const output = readOutputBlock(rawOutput);
  if (!output.ok) {
    void vscode.window.showErrorMessage(output.problems.join(' '));
    return undefined;
  }
  return { options: output.options };
}

/** A preset by name; an output given beside it replaces the preset's (never dropped without a word). */
async function presetInput(presets: PresetStore, name: string, prompt: string, rawOutput: unknown): Promise<GenerationInput | undefined> {
  const output = rawOutput === undefined ? undefined : scriptedOutput(rawOutput);
  if (rawOutput !== undefined && !output) return undefined;
  const input = await presets.inputFor(name, prompt);
  if (!input || !output) return input;
  const { output: _preset, ...rest } = input;
  return output.options ? { ...rest, output: output.options } : rest;
}

/** Scripted use: the wizard is skipped; the model defaults to the setting. */
function scriptedInput({ modelKey, prompt, aspectRatio, resolution, size, quality, referenceImages }: Partial<GenerationInput> & { prompt: string }, rawOutput: unknown): GenerationInput | undefined {
  const output = scriptedOutput(rawOutput);
  if (!output) return undefined;
  return {
    modelKey: typeof modelKey === 'string' ? modelKey : defaultModel(),
    prompt,
    ...(aspectRatio !== undefined ? { aspectRatio } : {}),
    ...(resolution !== undefined ? { resolution } : {}),
    ...(size !== undefined ? { size } : {}),
    ...(quality !== undefined ? { quality } : {}),
    ...(referenceImages !== undefined ? { referenceImages } : {}),
    ...(output.options ? { output: output.options } : {}),
  };
}

function defaultModel(): string {
  const settings = readImageGenSettings(vscode.window.activeTextEditor?.document.uri);
  return settings.ok ? settings.settings.defaultModel : defaultModelKey;
}
