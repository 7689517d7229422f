// The engine's TaskRecord as the standalone host shows and journals it (JournalEntry, the journal's
// schema since before the engine), and back: one task, two spellings of the same facts.
// submitting = sent (or being sent) and not yet accepted; unconfirmed = its answer never came and
// it may have been charged (engine/billing.ts).
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { providerIdOf } from '../../core/catalog/providerNames';
import type { ProviderId } from '../../core/catalog/models';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { endedUnconfirmed } from '../../engine/billing';
import { endpointFingerprint } from '../../engine/endpointFingerprint';
import type { JournalEntry, TaskState } from '../../mcp/taskJournal';

export interface EntryContext {
  /** The workspace's real path. */
  readonly workspace: string;
  readonly baseUrls: Readonly<Record<ProviderId, string>>;
  /** The pixels of each image saved in this run (the record keeps the pixels asked for). */
  readonly savedPixels: ReadonlyMap<string, string>;
}

export function stateOf(record: TaskRecord): TaskState {
  switch (record.state) {
    case 'queued':
      return 'submitting';
    case 'running':
      return record.acceptedAt === undefined && record.taskId === undefined ? 'submitting' : 'running';
    case 'failed':
      return endedUnconfirmed(record) ? 'unconfirmed' : 'failed';
    default:
      return record.state;
  }
}

/** The saved image's real path, from the record's file URI. */
export function imagePathOf(record: TaskRecord): string | undefined {
  return record.imageUri ? fileURLToPath(record.imageUri) : undefined;
}

/** The task as the journal and the tools say it; `baseName` is empty until its save place was checked. */
export function entryOf(record: TaskRecord, context: EntryContext): JournalEntry {
  const provider = providerIdOf(record.input.modelKey) ?? 'openai';
  const image = imagePathOf(record);
  const mayHaveBeenCharged = record.error?.mayHaveCharged === true;
  return {
    id: record.id,
    input: record.input,
    folder: record.savePlace?.folder ?? record.saveFolder ?? 'assets',
    baseName: record.savePlace?.baseName ?? '',
    state: stateOf(record),
    createdAt: record.createdAt,
    ...(record.acceptedAt !== undefined ? { acceptedAt: record.acceptedAt } : {}),
    ...(record.finishedAt !== undefined ? { finishedAt: record.finishedAt } : {}),
    endpoint: record.endpoint ?? endpointFingerprint(context.baseUrls[provider]),
    ...(record.taskId !== undefined ? { providerTaskId: record.taskId } : {}),
    ...(record.estimatedCredits !== undefined ? { estimatedCredits: record.estimatedCredits } : {}),
    ...(record.creditsUsed !== undefined ? { creditsUsed: record.creditsUsed } : {}),
    ...(record.progress !== undefined ? { progress: record.progress } : {}),
    ...(image !== undefined ? { path: relative(context.workspace, image).split(/[\\/]/).join('/') } : {}),
    ...(record.savedImage ? { savedImage: { ...record.savedImage, path: relative(context.workspace, record.savedImage.path).split(/[\\/]/).join('/') } } : {}),
    ...(record.assetSet ? { assetSet: { kind: record.assetSet.kind, files: record.assetSet.files.map((file) => ({ path: relative(context.workspace, fileURLToPath(file.uri)).split(/[\\/]/).join('/'), width: file.width, height: file.height })) } } : {}),
    ...((context.savedPixels.get(record.id) ?? record.pixels) !== undefined ? { pixels: context.savedPixels.get(record.id) ?? record.pixels! } : {}),
    ...(record.error !== undefined ? { error: record.error.message } : {}),
    ...(record.note !== undefined ? { note: record.note } : {}),
    ...(mayHaveBeenCharged ? { mayHaveBeenCharged } : {}),
    ...(record.candidate ? { candidate: record.candidate } : {}),
  };
}

/** A journal's relative path with no way out: no `..`, no drive, no root, no backslash. */
function insideWorkspace(path: string): boolean {
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/[\\:]/.test(part));
}

/** A journal entry as the engine's record: its save place fixed as the call fixed it. */
export function recordOf(entry: JournalEntry, workspace: string): TaskRecord {
  const state = entry.state === 'submitting' ? (entry.acceptedAt !== undefined ? 'running' : 'queued') : entry.state === 'unconfirmed' ? 'failed' : entry.state;
  const failed = entry.state === 'failed' || entry.state === 'unconfirmed';
  return {
    id: entry.id,
    input: entry.input,
    state,
    createdAt: entry.createdAt,
    ...(entry.acceptedAt !== undefined ? { acceptedAt: entry.acceptedAt } : {}),
    ...(entry.finishedAt !== undefined ? { finishedAt: entry.finishedAt } : {}),
    endpoint: entry.endpoint,
    ...(entry.providerTaskId !== undefined ? { taskId: entry.providerTaskId } : {}),
    ...(entry.estimatedCredits !== undefined ? { estimatedCredits: entry.estimatedCredits } : {}),
    ...(entry.creditsUsed !== undefined ? { creditsUsed: entry.creditsUsed } : {}),
    ...(entry.progress !== undefined ? { progress: entry.progress } : {}),
    ...(entry.pixels !== undefined ? { pixels: entry.pixels } : {}),
    ...(entry.note !== undefined ? { note: entry.note } : {}),
    saveFolder: entry.folder,
    savePlace: { workspaceFolder: workspace, folder: entry.folder, baseName: entry.baseName },
    ...(entry.path !== undefined ? { imageUri: pathToFileURL(join(workspace, ...entry.path.split('/'))).href } : {}),
    // Only a path inside the workspace: a journal edited by hand never sends finishing (and its writes) elsewhere.
    ...(entry.savedImage && insideWorkspace(entry.savedImage.path) ? { savedImage: { ...entry.savedImage, path: join(workspace, ...entry.savedImage.path.split('/')) } } : {}),
    ...(entry.assetSet ? { assetSet: { kind: entry.assetSet.kind, files: entry.assetSet.files.map((file) => ({ uri: pathToFileURL(join(workspace, ...file.path.split('/'))).href, width: file.width, height: file.height })) } } : {}),
    ...(entry.candidate ? { candidate: entry.candidate } : {}),
    ...(failed || entry.error !== undefined ? { error: { kind: entry.state === 'unconfirmed' ? 'unconfirmed' : entry.state, message: entry.error ?? entry.state, ...(entry.mayHaveBeenCharged || entry.state === 'unconfirmed' ? { mayHaveCharged: true } : {}) } } : {}),
  };
}
