// The studio's form: prompt, model, ratio grid with real pixels, resolution, quality, custom size
// with live validation, reference images, the output. It validates with the same function the host uses.
import { draftInput, modelOf, presetDraft, suggestedCustomSize, withModel, type GenerationDraft } from '../../core/catalog/generationDraft';
import { findModel, offeredModels, type ModelSpec, type Resolution } from '../../core/catalog/models';
import { formatSize } from '../../core/catalog/sizes';
import { validateGeneration, type GenerationInput } from '../../core/catalog/validateGeneration';
import type { GenerationRequestMessage, StudioPreset, StudioStrings } from '../../protocol/studioMessages';
import { defaultOutputFields, outputFieldsOf, type OutputFields } from '../../core/output/outputFields';
import { format, h } from './dom';
import { CountField, countCostText } from './countField';
import { OutputSection } from './outputSection';
import { renderReferences } from './referenceList';
import { renderSegments } from './segments';

export type Draft = GenerationDraft;

export interface FormCallbacks {
  readonly strings: () => StudioStrings;
  /** The draft changed, or the preset it started from (undefined: none), or the output. */
  readonly onChange: (draft: Draft, presetId: string | undefined, output: OutputFields, count: number) => void;
  readonly onSubmit: (request: GenerationRequestMessage) => Promise<string | undefined>;
  readonly onPickReferences: () => Promise<string[]>;
}

type ValueElement = HTMLElement & { value: string; disabled: boolean };

export class GenerationForm {
  readonly element: HTMLElement;
  private readonly prompt: ValueElement;
  private readonly presetSelect: ValueElement;
  private readonly presetRow: HTMLElement;
  private readonly presetNote: HTMLElement;
  private presets: readonly StudioPreset[] = [];
  private presetsKey = '';
  private readonly modelSelect: ValueElement;
  private listedModels: string[] = [];
  private readonly ratioGrid: HTMLElement;
  private readonly resolutionRow: HTMLElement;
  private readonly qualityRow: HTMLElement;
  private readonly customField: ValueElement;
  private readonly customRow: HTMLElement;
  private readonly referencesRow: HTMLElement;
  private readonly output: OutputSection;
  private readonly count: CountField;
  private readonly summary: HTMLElement;
  private readonly issues: HTMLElement;
  private readonly submit: ValueElement;
  private trusted = true;
  private busy = false;

  constructor(
    private draft: Draft,
    private readonly callbacks: FormCallbacks,
    /** The preset the restored draft started from; kept once the presets arrive and it is still there. */
    private presetId: string | undefined = undefined,
    output: OutputFields = defaultOutputFields,
    count = 1,
  ) {
    const s = callbacks.strings();
    this.count = new CountField(count, s, () => {
      this.changed();
      this.refresh();
    });
    this.presetSelect = h('vscode-single-select', { id: 'preset', 'aria-label': s.preset }) as unknown as ValueElement;
    this.presetSelect.addEventListener('change', () => this.choosePreset(this.presetSelect.value));
    this.presetNote = h('p', { className: 'preset-note', id: 'preset-note' });
    this.presetRow = h('div', { className: 'preset-row' }, [h('vscode-label', { htmlFor: 'preset' }, [s.preset]), this.presetSelect, this.presetNote]);
    this.presetRow.hidden = true;
    this.prompt = h('vscode-textarea', { id: 'prompt', rows: 4, resize: 'vertical', placeholder: s.promptPlaceholder, value: draft.prompt, 'aria-label': s.promptLabel }) as unknown as ValueElement;
    this.prompt.addEventListener('input', () => this.update({ prompt: this.prompt.value }));
    this.prompt.addEventListener('keydown', (event: KeyboardEvent) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void this.send();
      }
    });
    this.modelSelect = h('vscode-single-select', { id: 'model', 'aria-label': s.model }, this.modelOptions(draft.modelKey)) as unknown as ValueElement;
    this.modelSelect.addEventListener('change', () => this.changeModel(this.modelSelect.value));
    this.ratioGrid = h('div', { className: 'ratio-grid', role: 'radiogroup', 'aria-label': s.aspectRatio });
    this.customField = h('vscode-textfield', { id: 'custom-size', placeholder: s.customSizePlaceholder, value: draft.customSize }) as unknown as ValueElement;
    this.customField.addEventListener('input', () => this.update({ customSize: this.customField.value.trim() }));
    this.customRow = h('div', { className: 'row custom-row' }, [this.customField]);
    this.resolutionRow = h('div', { className: 'segmented', role: 'radiogroup', 'aria-label': s.resolution });
    this.qualityRow = h('div', { className: 'segmented', role: 'radiogroup', 'aria-label': s.quality });
    this.referencesRow = h('div', { className: 'references' });
    this.output = new OutputSection(output, callbacks.strings, () => {
      this.changed();
      this.refresh();
    });
    this.summary = h('p', { className: 'summary', id: 'summary' });
    this.issues = h('ul', { className: 'issues', id: 'issues', role: 'alert' });
    this.submit = h('vscode-button', { id: 'generate', icon: 'sparkle' }, [s.generate]) as unknown as ValueElement;
    this.submit.addEventListener('click', () => void this.send());
    this.element = h('section', { className: 'form' }, [
      this.presetRow,
      h('vscode-label', { htmlFor: 'prompt' }, [s.promptLabel]),
      this.prompt,
      h('vscode-label', { htmlFor: 'model' }, [s.model]),
      this.modelSelect,
      h('vscode-label', {}, [s.aspectRatio]),
      this.ratioGrid,
      this.customRow,
      h('vscode-label', { className: 'resolution-label' }, [s.resolution]),
      this.resolutionRow,
      h('vscode-label', { className: 'quality-label' }, [s.quality]),
      this.qualityRow,
      h('vscode-label', { className: 'references-label' }, [s.references]),
      this.referencesRow,
      this.output.element,
      this.count.element,
      this.summary,
      this.issues,
      h('div', { className: 'actions' }, [this.submit]),
    ]);
    this.changeModel(draft.modelKey, false);
  }

  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.refresh();
  }

  /**
   * The catalog's offered models, the endpoint's listed ids, and the draft's own model when it is
   * neither (a preset's or a remembered id): shown, so the form never claims another model.
   */
  private modelOptions(current: string): HTMLElement[] {
    const keys = [...offeredModels.map((model) => model.key), ...this.listedModels];
    if (!keys.includes(current) && findModel(current)) keys.push(current);
    return [...new Set(keys)].map((key) => {
      const model = findModel(key);
      return h('vscode-option', { value: key, description: model?.unlisted ? `${key} · ${this.callbacks.strings().unlistedModel}` : key }, [model?.unlisted ? model.model : (model?.label ?? key)]);
    });
  }

  /** The endpoint's listed model keys; the list is rebuilt only when they changed. */
  setListedModels(keys: readonly string[]): void {
    if (JSON.stringify(keys) === JSON.stringify(this.listedModels)) return;
    this.listedModels = [...keys];
    this.modelSelect.replaceChildren(...this.modelOptions(this.draft.modelKey));
    this.modelSelect.value = this.draft.modelKey;
  }

  /** The team's presets, offered first; a preset that is gone is no longer the form's. */
  setPresets(presets: readonly StudioPreset[]): void {
    const s = this.callbacks.strings();
    // Every state update carries the presets; the list is rebuilt only when they changed (an open dropdown stays open).
    const key = JSON.stringify(presets);
    if (key === this.presetsKey) return;
    this.presetsKey = key;
    this.presets = presets;
    this.presetRow.hidden = presets.length === 0;
    if (this.presetId !== undefined && !presets.some((preset) => preset.id === this.presetId)) {
      this.presetId = undefined;
      this.changed();
    }
    this.presetSelect.replaceChildren(
      h('vscode-option', { value: '' }, [s.noPreset]),
      ...presets.map((preset) => h('vscode-option', { value: preset.id, description: `${preset.summary}${preset.description ? ` — ${preset.description}` : ''}` }, [preset.label])),
    );
    this.presetSelect.value = this.presetId ?? '';
    this.refresh();
  }

  private choosePreset(id: string): void {
    const preset = this.presets.find((candidate) => candidate.id === id);
    if (preset && !this.trusted) {
      // Shown, never applied: the form keeps the user's own choices until the workspace is trusted.
      this.presetSelect.value = this.presetId ?? '';
      this.presetNote.textContent = this.callbacks.strings().presetUntrusted;
      return;
    }
    this.presetId = preset?.id;
    this.draft = preset ? presetDraft(this.draft, preset, preset.referencePaths) : this.draft;
    // A preset decides the output too (none: as generated); "no preset" keeps the form's own.
    if (preset) this.output.set(outputFieldsOf(preset.output));
    this.modelSelect.value = this.draft.modelKey;
    this.changed();
    this.refresh();
  }

  private changed(): void {
    this.callbacks.onChange(this.draft, this.presetId, this.output.current, this.count.value);
  }

  private model(): ModelSpec {
    return modelOf(this.draft);
  }

  private update(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch };
    this.changed();
    this.refresh();
  }

  private changeModel(key: string, notify = true): void {
    this.draft = withModel(this.draft, key);
    this.modelSelect.value = this.draft.modelKey;
    if (notify) this.changed();
    this.refresh();
  }

  /** The input as validateGeneration sees it (references counted by placeholders), with the output the section can read. */
  private input(): GenerationInput {
    const output = this.output.read();
    return draftInput(this.draft, this.draft.referencePaths.map(() => 'https://reference.invalid/x.png'), output.ok ? output.options : undefined);
  }

  private refresh(): void {
    const s = this.callbacks.strings();
    const model = this.model();
    const resolution = this.draft.resolution as Resolution;
    const allowedAt = (ratio: string, res: string) => validateGeneration({ modelKey: model.key, prompt: 'x', aspectRatio: ratio, resolution: res }).ok;

    const ratioButtons = model.ratios.map((ratio) => {
      const cell = ratio === 'auto' ? undefined : model.cellSize(ratio, resolution);
      const allowed = allowedAt(ratio, resolution);
      const selected = !this.draft.custom && ratio === this.draft.aspectRatio;
      const [w, hgt] = ratio === 'auto' ? [1, 1] : ratio.split(':').map(Number);
      const shape = h('span', { className: 'ratio-shape' });
      shape.style.aspectRatio = `${w} / ${hgt}`;
      const button = h('button', { type: 'button', className: `ratio${selected ? ' selected' : ''}`, disabled: !allowed, role: 'radio', 'aria-checked': String(selected), 'data-ratio': ratio, title: allowed ? undefined : s.notAvailable }, [
        shape,
        h('span', { className: 'ratio-name', textContent: ratio }),
        h('span', { className: 'ratio-pixels', textContent: cell ? `${formatSize(cell.size)}${cell.approximate ? ' ≈' : ''}` : '—' }),
      ]);
      button.addEventListener('click', () => this.update({ aspectRatio: ratio, custom: false }));
      return button;
    });
    if (model.custom) {
      const custom = h('button', { type: 'button', className: `ratio custom${this.draft.custom ? ' selected' : ''}`, role: 'radio', 'aria-checked': String(this.draft.custom), 'data-ratio': 'custom' }, [
        h('span', { className: 'codicon codicon-edit' }),
        h('span', { className: 'ratio-name', textContent: s.customSize }),
      ]);
      custom.addEventListener('click', () => this.update({ custom: true, customSize: suggestedCustomSize(model, this.draft.customSize) }));
      ratioButtons.push(custom);
    }
    this.ratioGrid.replaceChildren(...ratioButtons);
    this.customRow.hidden = !this.draft.custom;
    if (this.customField.value !== this.draft.customSize) this.customField.value = this.draft.customSize;

    this.resolutionRow.hidden = this.draft.custom || model.resolutions.length < 2;
    (this.element.querySelector('.resolution-label') as HTMLElement | null)?.toggleAttribute('hidden', this.resolutionRow.hidden);
    renderSegments(this.resolutionRow, model.resolutions, { selected: resolution, isAllowed: (res) => allowedAt(this.draft.aspectRatio, res), unavailable: s.notAvailable, pick: (res) => this.update({ resolution: res }), name: 'resolution' });

    this.qualityRow.hidden = model.qualities.length === 0;
    (this.element.querySelector('.quality-label') as HTMLElement | null)?.toggleAttribute('hidden', this.qualityRow.hidden);
    renderSegments(this.qualityRow, model.qualities, { selected: this.draft.quality, pick: (quality) => this.update({ quality }), name: 'quality' });

    renderReferences(this.referencesRow, this.element.querySelector('.references-label'), model, this.draft.referencePaths, s, {
      onChange: (referencePaths) => this.update({ referencePaths }),
      onPick: this.callbacks.onPickReferences,
    });
    const preset = this.presets.find((candidate) => candidate.id === this.presetId);
    this.presetNote.textContent = preset?.style ? format(s.presetStyle, preset.style) : !this.trusted && this.presets.length > 0 ? s.presetUntrusted : s.presetsFile;

    const result = validateGeneration(this.input());
    if (result.ok) {
      const pixels = result.pixels;
      this.summary.textContent = [
        pixels ? format(s.resultSize, `${formatSize(pixels.size)}${pixels.alternative ? ` / ${formatSize(pixels.alternative)}` : ''}${pixels.approximate ? ` (${s.approximate})` : ''}`) : s.resultAuto,
        ...(result.delivery ? [result.delivery] : []),
        countCostText(s, model.key, this.count.value),
      ].join(' · ');
    } else {
      this.summary.textContent = '';
    }
    // The output's issues are said in its section; so is a background made by keying out.
    const all = result.ok ? result.warnings : result.issues.filter((issue) => issue.field !== 'prompt' || this.draft.prompt.length > 0);
    this.output.refresh(model, all);
    const issues = all.filter((issue) => issue.field !== 'output' && issue.code !== 'backgroundNotNative');
    this.issues.replaceChildren(...issues.map((issue) => h('li', { className: result.ok ? 'warning' : 'error', textContent: issue.message })));
    if (!this.trusted) {
      this.issues.append(h('li', { className: 'error', textContent: s.restricted }));
    }
    this.submit.disabled = !result.ok || !this.output.read().ok || !this.trusted || this.busy;
  }

  private async send(): Promise<void> {
    const check = validateGeneration(this.input());
    if (!check.ok || !this.output.read().ok || !this.trusted || this.busy) {
      this.refresh();
      return;
    }
    this.busy = true;
    this.refresh();
    try {
      const { referenceImages: _placeholders, ...request } = this.input();
      const error = await this.callbacks.onSubmit({ ...request, referencePaths: [...this.draft.referencePaths], ...(this.presetId !== undefined ? { presetId: this.presetId } : {}), ...(this.count.value > 1 ? { count: this.count.value } : {}) });
      if (error) {
        this.issues.replaceChildren(h('li', { className: 'error', textContent: error }));
      }
    } finally {
      this.busy = false;
      this.submit.disabled = false;
    }
  }
}
