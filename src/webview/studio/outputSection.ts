// The form's Output section: format, quality (lossy formats only), an exact size with its fit, the
// background, an asset set with its widths. It holds what the user typed (OutputFields) and gives
// the form output options; the form validates them with the rest and hands back the output's issues.
import { keysOutBackground } from '../../core/output/keyOut';
import type { ModelSpec } from '../../core/catalog/models';
import type { ValidationIssue } from '../../core/catalog/validateGeneration';
import { defaultOutputFields, outputOptionsOf, type FieldsRead, type OutputFields } from '../../core/output/outputFields';
import { describeOutput } from '../../core/output/outputLine';
import { assetSetKinds, backgrounds, fits, outputFormats, resolveOutput } from '../../core/output/outputOptions';
import type { StudioStrings } from '../../protocol/studioMessages';
import { format, h } from './dom';
import { renderSegments } from './segments';

type ValueElement = HTMLElement & { value: string; checked: boolean; open: boolean; description: string };

const fitLabels = { cover: 'fitCover', contain: 'fitContain', fill: 'fitFill' } as const;
const setLabels = { favicon: 'assetFavicon', 'og-card': 'assetOgCard', responsive: 'assetResponsive' } as const;

export class OutputSection {
  readonly element: HTMLElement;
  private readonly formatRow = h('div', { className: 'segmented output-format', role: 'radiogroup' });
  private readonly qualityRow: HTMLElement;
  private readonly quality: ValueElement;
  private readonly size: ValueElement;
  private readonly fitRow = h('div', { className: 'segmented output-fit', role: 'radiogroup' });
  private readonly backgroundRow = h('div', { className: 'segmented output-background', role: 'radiogroup' });
  private readonly backgroundNote = h('p', { className: 'output-note', id: 'output-background-note' });
  private readonly assetSet: ValueElement;
  private readonly widthsRow: HTMLElement;
  private readonly widths: ValueElement;
  private readonly avif: ValueElement;
  private readonly issues = h('ul', { className: 'issues output-issues', id: 'output-issues', role: 'alert' });
  private model: ModelSpec | undefined;

  constructor(
    private fields: OutputFields,
    private readonly strings: () => StudioStrings,
    private readonly onChange: (fields: OutputFields) => void,
  ) {
    const s = strings();
    this.formatRow.setAttribute('aria-label', s.outputFormat);
    this.fitRow.setAttribute('aria-label', s.outputFit);
    this.backgroundRow.setAttribute('aria-label', s.outputBackground);
    this.quality = this.textField('output-quality', '', (value) => ({ quality: value }));
    this.quality.setAttribute('type', 'number');
    this.qualityRow = h('div', { className: 'output-quality-row' }, [h('vscode-label', { htmlFor: 'output-quality' }, [s.outputQuality]), this.quality]);
    this.size = this.textField('output-size', s.outputSizePlaceholder, (value) => ({ size: value }));
    this.assetSet = h('vscode-single-select', { id: 'output-asset-set', 'aria-label': s.outputAssetSet }, [
      h('vscode-option', { value: '' }, [s.noAssetSet]),
      ...assetSetKinds.map((kind) => h('vscode-option', { value: kind }, [s[setLabels[kind]]])),
    ]) as unknown as ValueElement;
    this.assetSet.addEventListener('change', () => this.update({ assetSet: this.assetSet.value as OutputFields['assetSet'] }));
    this.widths = this.textField('output-widths', s.outputWidthsPlaceholder, (value) => ({ widths: value }));
    this.avif = h('vscode-checkbox', { id: 'output-avif', label: s.outputAvif }) as unknown as ValueElement;
    this.avif.addEventListener('change', () => this.update({ avif: this.avif.checked }));
    this.widthsRow = h('div', { className: 'output-widths-row' }, [h('vscode-label', { htmlFor: 'output-widths' }, [s.outputWidths]), this.widths, this.avif]);
    this.element = h('vscode-collapsible', { className: 'output', id: 'output', heading: s.output }, [
      h('div', { className: 'output-body' }, [
        h('vscode-label', {}, [s.outputFormat]),
        this.formatRow,
        this.qualityRow,
        h('vscode-label', { htmlFor: 'output-size' }, [s.outputSize]),
        this.size,
        h('vscode-label', { className: 'output-fit-label' }, [s.outputFit]),
        this.fitRow,
        h('vscode-label', {}, [s.outputBackground]),
        this.backgroundRow,
        this.backgroundNote,
        h('vscode-label', { htmlFor: 'output-asset-set' }, [s.outputAssetSet]),
        this.assetSet,
        this.widthsRow,
        this.issues,
      ]),
    ]);
    (this.element as ValueElement).open = JSON.stringify(fields) !== JSON.stringify(defaultOutputFields);
  }

  private textField(id: string, placeholder: string, patch: (value: string) => Partial<OutputFields>): ValueElement {
    const field = h('vscode-textfield', { id, placeholder }) as unknown as ValueElement;
    field.addEventListener('input', () => this.update(patch(field.value)));
    return field;
  }

  get current(): OutputFields {
    return this.fields;
  }

  /** The options the fields ask for, or what could not be read. */
  read(): FieldsRead {
    return outputOptionsOf(this.fields);
  }

  /** A preset's output (or none): the section shows it, and opens when there is one. */
  set(fields: OutputFields): void {
    this.fields = fields;
    (this.element as ValueElement).open = JSON.stringify(fields) !== JSON.stringify(defaultOutputFields);
    this.refresh(this.model, []);
  }

  private update(patch: Partial<OutputFields>): void {
    this.fields = { ...this.fields, ...patch };
    this.onChange(this.fields);
  }

  /** Shows the fields for this model, with the output's issues (from the form's validation) and what could not be read. */
  refresh(model: ModelSpec | undefined, issues: readonly ValidationIssue[]): void {
    const s = this.strings();
    this.model = model;
    const fields = this.fields;
    renderSegments(this.formatRow, outputFormats, { selected: fields.format, pick: (value) => this.update({ format: value as OutputFields['format'] }), name: 'output-format' });
    this.qualityRow.hidden = fields.format === 'png';
    const hasSize = fields.size.trim() !== '';
    this.fitRow.hidden = !hasSize;
    (this.element.querySelector('.output-fit-label') as HTMLElement | null)?.toggleAttribute('hidden', !hasSize);
    renderSegments(this.fitRow, fits, { selected: fields.fit, label: (value) => s[fitLabels[value as keyof typeof fitLabels]], pick: (value) => this.update({ fit: value as OutputFields['fit'] }), name: 'output-fit' });
    renderSegments(this.backgroundRow, backgrounds, { selected: fields.background, pick: (value) => this.update({ background: value as OutputFields['background'] }), name: 'output-background' });
    // Said under the choice itself: without native transparency the result is a keyed-out plain background.
    this.backgroundNote.textContent = model && keysOutBackground(model.takesBackground, fields.background) ? s.keyedBackground : '';
    this.backgroundNote.hidden = this.backgroundNote.textContent === '';
    this.widthsRow.hidden = fields.assetSet !== 'responsive';
    for (const [field, value] of [[this.quality, fields.quality], [this.size, fields.size], [this.widths, fields.widths], [this.assetSet, fields.assetSet]] as const) {
      if (field.value !== value) field.value = value;
    }
    if (this.avif.checked !== fields.avif) this.avif.checked = fields.avif;
    const read = this.read();
    const unreadable = read.ok ? [] : read.unreadable.map(({ field, text }) => format(field === 'size' ? s.outputSizeSyntax : field === 'quality' ? s.outputQualitySyntax : s.outputWidthsSyntax, text));
    const messages = [...unreadable, ...issues.filter((issue) => issue.field === 'output').map((issue) => issue.message)];
    this.issues.replaceChildren(...messages.map((message) => h('li', { className: 'error', textContent: message })));
    const resolved = read.ok && read.options ? resolveOutput(read.options) : undefined;
    (this.element as ValueElement).description = !read.ok || (resolved && !resolved.ok) ? '⚠' : resolved?.ok ? describeOutput(resolved.output) : s.outputAsGenerated;
  }
}
