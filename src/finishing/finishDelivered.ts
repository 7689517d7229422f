// The step between "the provider's image is saved" and "its link goes in", for every host's
// Destination: when the task asked for an output, the finished asset replaces the provider's file;
// when making it fails, the provider's file is delivered as it is and the task says why in its
// note (a paid image never fails or disappears because a conversion did).
import * as l10n from '@vscode/l10n';
import { findModel } from '../core/catalog/models';
import { keysOutBackground } from '../core/output/keyOut';
import { resolveOutput, type AssetSetKind } from '../core/output/outputOptions';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Imaging } from '../imaging/imaging';
import type { SavedImage } from '../providers/provider';
import { finishImage, isFinishError, needsFinishing, type FinishedFile, type FinishSteps } from './finishImage';

export interface DeliveredImage {
  /** What the link points to. */
  readonly primary: FinishedFile;
  /** Every file of the asset (one, or a set's). */
  readonly files: readonly FinishedFile[];
  /** Present when the files are an asset set. */
  readonly assetSet?: AssetSetKind;
  /** For the task's note: what was decided, or why the provider's image is delivered as it is. */
  readonly note?: string;
}

/** The record's asset set for what was delivered, each file named by the host's URI for it. */
export function recordedAssetSet(delivered: DeliveredImage, uriOf: (path: string) => string): TaskRecord['assetSet'] {
  return delivered.assetSet ? { kind: delivered.assetSet, files: delivered.files.map((file) => ({ uri: uriOf(file.path), width: file.width, height: file.height })) } : undefined;
}

/** Whether the task's model cannot make a transparent background, so the flat one it was asked for is keyed out. */
export function taskKeysOutBackground(input: TaskRecord['input']): boolean {
  return keysOutBackground(findModel(input.modelKey)?.takesBackground, input.output?.background);
}

export async function finishDelivered(saved: SavedImage, record: TaskRecord, provenance: Readonly<Record<string, string>>, imaging: () => Promise<Imaging>, steps: FinishSteps): Promise<DeliveredImage> {
  const asSaved: DeliveredImage = { primary: { path: saved.path, width: saved.width, height: saved.height }, files: [{ path: saved.path, width: saved.width, height: saved.height }] };
  const resolution = record.input.output ? resolveOutput(record.input.output) : undefined;
  if (!resolution) return asSaved;
  if (!resolution.ok) {
    // Checked before sending; a record edited since (or written by an older version) is said, not guessed.
    return { ...asSaved, note: l10n.t('The image is saved as generated: its output options are not valid ({0}).', resolution.problems.join(' ')) };
  }
  const output = resolution.output;
  const keyOut = taskKeysOutBackground(record.input);
  if (!needsFinishing(output, saved, keyOut)) return asSaved;
  try {
    const finished = await finishImage(await imaging(), { source: saved.path, output, keyOut, provenance }, steps);
    return { primary: finished.primary, files: finished.files, ...(output.assetSet ? { assetSet: output.assetSet } : {}), ...(finished.notes.length > 0 ? { note: finished.notes.join(' ') } : {}) };
  } catch (error) {
    if (isFinishError(error)) return { ...asSaved, note: error.message };
    const message = error instanceof Error ? error.message : String(error);
    return { ...asSaved, note: l10n.t('The image is saved as generated: the image library could not be used ({0}). It can be converted again later (in VS Code: "ImageGen: Convert / Resize Image…").', message) };
  }
}
