// The wizard's Output: one line of its confirmation ("Output: 1200×630 webp q80, cropped"); choosing
// it opens a box with that line to edit, checked as it is typed with the words presets use
// (parseOutputLine). The default path has no extra step: Enter on the confirmation generates.
import * as vscode from 'vscode';
import type { GenerationInput, ValidGeneration } from '../core/catalog/validateGeneration';
import { describeOutput, parseOutputLine } from '../core/output/outputLine';
import type { OutputOptions } from '../core/output/outputOptions';
import { back, text, type PickItem, type StepResult } from './wizardSteps';

/** The confirmation item's value. */
export const outputItemValue = '$output';

/**
 * The output the user set in this run of the wizard: it replaces the preset's or the default
 * output; `options` undefined is "as generated" asked for explicitly (an empty line).
 */
export interface OutputEdit {
  readonly options: OutputOptions | undefined;
}

/** The confirmation's output line, built from the validation and nowhere else. */
export function confirmationOutputLine(check: ValidGeneration): string {
  return check.output ? vscode.l10n.t('Output: {0}', describeOutput(check.output)) : vscode.l10n.t('Output: as generated (png)');
}

export function outputItem(check: ValidGeneration): PickItem {
  return {
    value: outputItemValue,
    label: `$(file-media) ${confirmationOutputLine(check)}`,
    description: vscode.l10n.t('change…'),
    // What the model is asked for beside what is delivered ("generates 1536×864 → delivers 1200×630 (cropped)").
    detail: check.delivery ?? vscode.l10n.t('Size, format, quality, fit, background or an asset set, in one line.'),
  };
}

/** The input with the user's edit of the output, if there was one. */
export function withOutputEdit(input: GenerationInput, edit: OutputEdit | undefined): GenerationInput {
  if (!edit) return input;
  const { output: _previous, ...rest } = input;
  return edit.options ? { ...rest, output: edit.options } : rest;
}

/**
 * The line's problems: its words, then what this generation cannot deliver (a size no model size
 * reaches), so the box never takes a line the confirmation would refuse.
 */
function problemOf(line: string, refusalOf: (edit: OutputEdit) => string | undefined): string | undefined {
  const read = parseOutputLine(line);
  if (!read.ok) return read.problems.join(' ');
  return refusalOf({ options: line.trim() !== '' ? read.options : undefined });
}

/** Asks for the output line, prefilled with the current one; an empty line is the default output. */
export async function editOutputLine(title: string, step: number, check: ValidGeneration, refusalOf: (edit: OutputEdit) => string | undefined): Promise<StepResult<OutputEdit>> {
  const line = await text(
    title,
    step,
    check.output ? describeOutput(check.output) : '',
    vscode.l10n.t('Empty: as generated (png)'),
    (value) => problemOf(value, refusalOf),
    true,
    vscode.l10n.t('For example 1200x630 webp q80 cover, png transparent, og-card, favicon, or responsive 640,1280 png. Enter to use it.'),
  );
  if (line === undefined || line === back) return line;
  const read = parseOutputLine(line);
  // The box accepted only a line without problems; an empty line reads as no options at all.
  return { options: read.ok && line.trim() !== '' ? read.options : undefined };
}
