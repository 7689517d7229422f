// The multi-step quick input behind "Generate Image": prompt, model, ratio or custom size,
// resolution, quality, reference images, confirmation (with the output as one line to edit, see
// wizardOutput.ts). Every step has a default (Enter accepts it) and a back button; the last
// choices are remembered (the output is asked afresh: it belongs to this image).
import * as vscode from 'vscode';
import { workspaceReference } from '../generation/referenceFiles';
import { draftInput, modelOf, restoreDraft, suggestedCustomSize, withModel, type GenerationDraft } from '../core/catalog/generationDraft';
import { offeredModels } from '../core/catalog/models';
import { offerEndpointModels } from './modelChoices';
import { formatSize } from '../core/catalog/sizes';
import { validateGeneration, type GenerationInput } from '../core/catalog/validateGeneration';
import { offeredPresetInput, presetSummary, type OfferedPreset } from '../features/presets/presetStore';
import { editOutputLine, outputItem, outputItemValue, withOutputEdit, type OutputEdit } from './wizardOutput';
import { back, pick, pickMany, text, type PickItem, type StepResult } from './wizardSteps';
import { candidateItem, candidateItemValue, confirmationOf, pickCount } from './wizardCandidates';
import { candidateCountProblem } from '../core/candidates/candidateCount';

const lastChoicesKey = 'imagegen.lastChoices';
const lastPresetKey = 'imagegen.lastPreset';
const customSize = '$custom';
const presetValue = 'preset:';

export interface WizardOptions {
  readonly state: vscode.Memento;
  readonly defaultModel: string;
  /** A prompt already known (from a selection): the prompt step is skipped. */
  readonly prompt?: string;
  /** The team's presets, offered first in the model step; applied only when `applicable` (a trusted workspace). */
  readonly presets?: { readonly list: readonly OfferedPreset[]; readonly applicable: boolean };
  /** The `openai:<id>` keys the OpenAI-compatible endpoint lists (GET /v1/models, cached), offered beside the catalog. */
  readonly listModels?: () => Promise<readonly string[]>;
}

function modelStepItems(presets: WizardOptions['presets']): PickItem[] {
  const modelItems = offeredModels.map((m) => ({ value: m.key, label: m.label, description: m.key }));
  if (!presets || presets.list.length === 0) return modelItems;
  const note = presets.applicable ? '' : ` · ${vscode.l10n.t('applies once you trust this workspace')}`;
  return [
    { value: '', label: vscode.l10n.t('Presets (.vscode/imagegen.json)'), kind: vscode.QuickPickItemKind.Separator },
    ...presets.list.map((offered) => ({
      value: `${presetValue}${offered.id}`,
      label: `$(${presets.applicable ? 'bookmark' : 'workspace-untrusted'}) ${offered.label}`,
      description: `${presetSummary(offered.preset)}${note}`,
      ...(offered.preset.description || offered.preset.style ? { detail: [offered.preset.description, offered.preset.style && vscode.l10n.t('Style: {0}', offered.preset.style)].filter(Boolean).join(' — ') } : {}),
    })),
    { value: '', label: vscode.l10n.t('Models'), kind: vscode.QuickPickItemKind.Separator },
    ...modelItems,
  ];
}

async function explainUntrustedPreset(): Promise<void> {
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const choice = await vscode.window.showWarningMessage(vscode.l10n.t('Presets from this workspace apply once you trust it; until then choose the model and settings yourself.'), manage);
  if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
}

/** What the wizard was asked for: the input, and how many candidates of it (1: one image, linked when it arrives). */
export interface WizardAnswer {
  readonly input: GenerationInput;
  readonly count: number;
}

/** Runs the steps; resolves with a validated input, or undefined when the user cancelled. */
export async function runGenerationWizard(options: WizardOptions): Promise<WizardAnswer | undefined> {
  const last = restoreDraft(options.state.get<unknown>(lastChoicesKey), options.defaultModel);
  let draft: GenerationDraft = { ...last, ...(options.prompt !== undefined ? { prompt: options.prompt } : {}) };
  const title = vscode.l10n.t('Generate Image');
  const steps = ['prompt', 'model', 'ratio', 'resolution', 'quality', 'references', 'confirm'] as const;
  let index = options.prompt !== undefined ? 1 : 0;
  let references: string[] = [];
  /** A preset the user picked: it decides every choice, and its style goes after the prompt. */
  let preset: OfferedPreset | undefined;
  /** Skipped steps (no quality setting, say) keep moving the way the user went. */
  let direction = 1;
  /** The output line as the user edited it on the confirmation; until then the preset's output, or none. */
  let outputEdit: OutputEdit | undefined;
  /** Candidates to make (1–8), chosen on the confirmation; a preset may set it. */
  let count = 1;

  // A preset's own size stays as its author wrote it; the draft leaves the size to an output that fixes it.
  const inputWith = (edit: OutputEdit | undefined): GenerationInput => (preset ? withOutputEdit(offeredPresetInput(preset, draft.prompt), edit) : draftInput(draft, references, edit?.options));
  const input = (): GenerationInput => inputWith(outputEdit);

  while (index < steps.length) {
    const step = steps[index]!;
    const number = index + 1;
    const spec = modelOf(draft);
    let result: StepResult<unknown>;
    switch (step) {
      case 'prompt':
        result = await text(title, number, draft.prompt, vscode.l10n.t('Describe the image'), (value) => (value.trim() ? undefined : vscode.l10n.t('Write a prompt.')), false);
        if (typeof result === 'string') draft = { ...draft, prompt: result.trim() };
        break;
      case 'model': {
        const offered = options.presets?.list ?? [];
        const lastPreset = preset?.id ?? (preset === undefined && index === 1 ? options.state.get<string>(lastPresetKey) : undefined);
        const active = lastPreset && offered.some((candidate) => candidate.id === lastPreset) ? `${presetValue}${lastPreset}` : spec.key;
        result = await pick(title, number, modelStepItems(options.presets), active, offered.length > 0 ? vscode.l10n.t('Preset or model') : vscode.l10n.t('Model'), (input) => offerEndpointModels(input, options.listModels, spec.key));
        if (typeof result === 'string' && result.startsWith(presetValue)) {
          const chosen = offered.find((candidate) => `${presetValue}${candidate.id}` === result);
          // Trust may have been granted while the wizard was open: asked now, not when it opened.
          if (!chosen || !vscode.workspace.isTrusted) {
            void explainUntrustedPreset();
            continue;
          }
          preset = chosen;
          // A preset decides every choice, its output and its count too.
          outputEdit = undefined;
          count = presetCount(chosen);
          direction = 1;
          index = steps.indexOf('confirm');
          continue;
        }
        if (typeof result === 'string') {
          preset = undefined;
          if (result !== draft.modelKey) draft = withModel(draft, result);
        }
        break;
      }
      case 'ratio': {
        const resolution = draft.resolution as (typeof spec.resolutions)[number];
        const items: PickItem[] = spec.ratios.map((ratio) => {
          const cell = ratio === 'auto' ? undefined : spec.cellSize(ratio, resolution);
          return { value: ratio, label: ratio, description: cell ? `${formatSize(cell.size)}${cell.approximate ? ' ≈' : ''} @ ${resolution}` : vscode.l10n.t('the provider chooses') };
        });
        if (spec.custom) {
          items.push({ value: customSize, label: vscode.l10n.t('Custom size…'), description: vscode.l10n.t('exact width × height') });
        }
        result = await pick(title, number, items, draft.custom ? customSize : draft.aspectRatio, vscode.l10n.t('Aspect ratio'));
        if (result === customSize) {
          const sized = await text(title, number, suggestedCustomSize(spec, draft.customSize), 'WIDTHxHEIGHT', (value) => {
            const check = validateGeneration({ modelKey: spec.key, prompt: draft.prompt || 'x', size: value });
            return check.ok ? undefined : check.issues.map((issue) => issue.message).join(' ');
          }, true);
          if (sized === back) continue;
          if (sized === undefined) return undefined;
          draft = { ...draft, custom: true, customSize: sized };
          direction = 1;
          index = steps.indexOf('quality');
          continue;
        }
        if (typeof result === 'string') draft = { ...draft, aspectRatio: result, custom: false };
        break;
      }
      case 'resolution': {
        if (draft.custom || spec.resolutions.length === 1) {
          index += direction;
          continue;
        }
        const ratio = draft.aspectRatio;
        const items = spec.resolutions
          .filter((resolution) => resolution !== '4K' || !spec.fourKRatios || spec.fourKRatios.includes(ratio))
          .map((resolution) => {
            const cell = ratio === 'auto' ? undefined : spec.cellSize(ratio, resolution);
            return { value: resolution, label: resolution, description: cell ? formatSize(cell.size) : '' };
          });
        result = await pick(title, number, items, draft.resolution, vscode.l10n.t('Resolution'));
        if (typeof result === 'string') draft = { ...draft, resolution: result };
        break;
      }
      case 'quality':
        if (spec.qualities.length === 0) {
          index += direction;
          continue;
        }
        result = await pick(title, number, spec.qualities.map((quality) => ({ value: quality, label: quality })), draft.quality, vscode.l10n.t('Quality'));
        if (typeof result === 'string') draft = { ...draft, quality: result };
        break;
      case 'references': {
        if (spec.maxReferenceImages === 0) {
          index += direction;
          continue;
        }
        const files = await vscode.workspace.findFiles('**/*.{png,jpg,jpeg,webp}', '**/node_modules/**', 200);
        if (files.length === 0) {
          index += direction;
          continue;
        }
        const picked = await pickMany(
          title,
          number,
          files.map((uri) => ({ value: uri.toString(), label: vscode.workspace.asRelativePath(uri) })),
          vscode.l10n.t('Reference images (optional, up to {0}); Enter to continue', spec.maxReferenceImages),
        );
        result = picked;
        if (Array.isArray(picked)) {
          references = picked.slice(0, spec.maxReferenceImages).flatMap((uri) => workspaceReference(vscode.Uri.parse(uri)) ?? []);
        }
        break;
      }
      case 'confirm': {
        const check = validateGeneration(input());
        if (!check.ok) {
          void vscode.window.showErrorMessage(check.issues.map((issue) => issue.message).join(' '));
          index = preset ? steps.indexOf('model') : 2;
          continue;
        }
        const pixels = check.pixels ? `${formatSize(check.pixels.size)}${check.pixels.approximate ? ' ≈' : ''}${check.pixels.alternative ? ` (${vscode.l10n.t('or')} ${formatSize(check.pixels.alternative)})` : ''}` : vscode.l10n.t('size chosen by the provider');
        const warnings = check.warnings.map((warning) => `⚠ ${warning.message}`).join(' ');
        const { label, cost } = confirmationOf(pixels, count, check.model.key);
        const go: PickItem = { value: 'go', label: `$(sparkle) ${label}`, description: `${preset ? `${vscode.l10n.t('Preset {0}', preset.label)} · ` : ''}${modelOf(input()).label}${check.quality ? ` · ${check.quality}` : ''}`, detail: `${cost} ${warnings}`.trim() };
        result = await pick(title, number, [go, candidateItem(count), outputItem(check)], 'go', draft.prompt);
        if (result === candidateItemValue) {
          const chosen = await pickCount(title, number, count, check.model.key);
          if (chosen === undefined) return undefined;
          if (chosen !== back) count = chosen;
          continue;
        }
        if (result === outputItemValue) {
          const edited = await editOutputLine(title, number, check, (edit) => {
            const trial = validateGeneration(inputWith(edit));
            return trial.ok ? undefined : trial.issues.filter((issue) => issue.field === 'output').map((issue) => issue.message).join(' ') || undefined;
          });
          if (edited === undefined) return undefined;
          // Back from the box, or a new line: the confirmation again, showing what it now delivers.
          if (edited !== back) outputEdit = edited;
          continue;
        }
        break;
      }
    }
    if (result === undefined) {
      return undefined;
    }
    if (result === back) {
      direction = -1;
      // A preset made every choice: back from the confirmation is back to the presets.
      index = preset && steps[index] === 'confirm' ? steps.indexOf('model') : Math.max(options.prompt !== undefined ? 1 : 0, index - 1);
      continue;
    }
    direction = 1;
    index += 1;
  }
  // References are chosen afresh each time: only the other choices are remembered.
  await options.state.update(lastChoicesKey, { ...draft, referencePaths: [] });
  await options.state.update(lastPresetKey, preset?.id);
  return { input: input(), count };
}

/** A preset's count of candidates (1 when it sets none). */
function presetCount(offered: OfferedPreset): number {
  const { count } = offered.preset;
  return count !== undefined && candidateCountProblem(count) === undefined ? count : 1;
}
