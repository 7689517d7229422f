// The confirmation step's candidates line: how many images of this request to make and pick from
// (1–8), and what they will probably cost in all, shown before anything is sent.
import * as vscode from 'vscode';
import { candidateCounts } from '../core/candidates/candidateCount';
import { candidatesCost } from '../core/candidates/candidateCost';
import { back, pick, type PickItem, type StepResult } from './wizardSteps';

export const candidateItemValue = 'candidates';

/** The confirmation's line that changes the count. */
export function candidateItem(count: number): PickItem {
  return {
    value: candidateItemValue,
    label: `$(copy) ${count === 1 ? vscode.l10n.t('Candidates: 1') : vscode.l10n.t('Candidates: {0}, to pick one from', count)}`,
    description: vscode.l10n.t('make several and pick the best'),
  };
}

/** The Generate line's words and the estimated cost of `count` images of `modelKey`. */
export function confirmationOf(pixels: string, count: number, modelKey: string): { readonly label: string; readonly cost: string } {
  const label = count === 1 ? vscode.l10n.t('Generate {0} image', pixels) : vscode.l10n.t('Generate {0} candidates of {1}', count, pixels);
  return { label, cost: costText(modelKey, count) };
}

function costText(modelKey: string, count: number): string {
  const cost = candidatesCost(modelKey, count);
  // One image: the provider's own estimate comes after submitting, as it always did.
  if (!cost || count === 1) return vscode.l10n.t('Credits: estimated by the provider after submitting.');
  if (cost.unit === 'images') return vscode.l10n.t('Cost: {0} images from the endpoint.', count);
  return vscode.l10n.t('Credits: about {0} in all, {1} each (an estimate; the provider says after submitting).', cost.total, cost.perImage);
}

/** Asks for the count; back keeps the one there was. */
export async function pickCount(title: string, step: number, count: number, modelKey: string): Promise<StepResult<number>> {
  const items: PickItem[] = candidateCounts.map((value) => ({ value: String(value), label: String(value), description: costText(modelKey, value) }));
  const chosen = await pick(title, step, items, String(count), vscode.l10n.t('How many candidates to make (1–8)?'));
  if (chosen === undefined || chosen === back) return chosen;
  return Number(chosen);
}
