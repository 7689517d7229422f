// What the engine needs from the host it runs in, and nothing more. The editor implements these
// with workspace state, SecretStorage, the document and its notifications; the standalone host
// (MCP server, command line) with a journal file, the IMAGEGEN_* environment, a folder and log lines.
// Locations cross these ports as strings (URIs or paths), never as vscode.Uri.
import type { LedgerHost } from '../core/budget/ledgerEntry';
import type { ProviderId } from '../core/catalog/models';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { ImageResult, ImageSink, SavedImage } from '../providers/provider';
import type { EngineSettings } from './engineSettings';

export type { SettingsSource } from './engineSettings';

export interface Disposal {
  dispose(): unknown;
}

/** Where log lines go (vscode.LogOutputChannel fits). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, ...details: unknown[]): void;
}

/** The records as they were at start, and where every change of them is written. */
export interface TaskPersistence {
  /** Every readable record; one that cannot be read is dropped alone and said through `onProblem`. */
  load(onProblem: (message: string) => void): TaskRecord[];
  /** Settles `false` when the records could not be written (the store said why); a task is then not sent. */
  save(records: readonly TaskRecord[]): Promise<boolean | void>;
}

/** The providers' API keys. */
export interface KeySource {
  get(provider: ProviderId): PromiseLike<string | undefined>;
  /** Calls `listener` whenever a key for `provider` is stored (a host whose keys cannot change never calls it). */
  onDidStore(provider: ProviderId, listener: () => void): Disposal;
}

/** Time, replaceable in tests. */
export interface Clock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: Date.now,
  setTimer: (callback, delay) => setTimeout(callback, delay),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Whether this workspace may send requests and write files (the editor's Restricted Mode). */
export interface Trust {
  readonly isTrusted: boolean;
}

/** Where a task's link goes: a document (as a URI string), a place in it, and how the link is joined to the text. */
export type TaskTarget = NonNullable<TaskRecord['target']>;
export type SavePlace = NonNullable<TaskRecord['savePlace']>;

/** Where the image goes and what happens after it is saved. */
export interface Destination {
  /** Keeps the place task `id`'s link will go while the user edits (a placeholder); nothing without a target. */
  track(id: string, target: TaskTarget | undefined): void;
  /** Where task `id`'s link goes now. */
  placeOf(id: string): number | undefined;
  /** The task will insert nothing: its placeholder goes. */
  forget(id: string): void;
  /** A group's candidates all ended, some with an image: its placeholder says one is to be picked (where there is one). */
  awaitingPick?(group: string): void;
  /** Before anything is paid for: throws when the image could not be saved; the place to keep for a task without a target. */
  checkSaveLocation(record: TaskRecord, settings: EngineSettings): Promise<SavePlace | undefined>;
  /** A file an image inside the provider's answer is streamed into. */
  openImage(record: TaskRecord, settings: EngineSettings): Promise<ImageSink>;
  /**
   * Saves the image (downloading it unless it was streamed), makes the asset the task's output asks
   * for, and places its link: the file the link points to, every file of an asset set, whether the
   * link went in, and a note when the asset could not be made (the provider's image is then delivered).
   * `onSaved` is told as soon as the provider's image is on disk, before the output is made from it.
   */
  deliver(record: TaskRecord, image: ImageResult, settings: EngineSettings, providerBaseUrl: string, signal: AbortSignal, onSaved?: (image: SavedImage) => void): Promise<Delivered>;
  /** The image is saved and the task done: tell the user. */
  announce(record: TaskRecord, uri: string, inserted: boolean): void;
  /** Where the image would have gone, a note that keeps the prompt and says what failed. */
  failureNote(record: TaskRecord, message: string): Promise<void>;
}

export interface Delivered {
  readonly uri: string;
  readonly inserted: boolean;
  /** An asset set's files, the primary among them. */
  readonly assetSet?: NonNullable<TaskRecord['assetSet']>;
  readonly note?: string;
}

export type OverdueChoice = 'keepWaiting' | 'stopFollowing';

/**
 * Progress, messages and questions. A host that cannot ask (`canAsk: false`) answers no question:
 * an overdue task is followed on slowly, a task without its key is left as it is with a note.
 */
export interface Reporter {
  readonly canAsk: boolean;
  /** True once a key is stored by the user's answer; false when the question was dismissed. */
  askForApiKey(provider: ProviderId, reason: 'missing' | 'refused'): Promise<boolean>;
  generationFailed(message: string, retry: () => void, mayChargeAgain: boolean): void;
  askAboutOverdueTask(prompt: string, providerName: string, waitedMs: number): Promise<OverdueChoice | undefined>;
  settingsReplacedByDefaults(keys: readonly string[]): void;
  // The words of a request that is not sent are returned (for a form, a tool's answer) and, where the host shows messages, shown.
  restrictedMode(): string;
  invalidSettings(message: string): string;
  requestRefused(reasons: readonly string[]): string;
  /** A cap the request would go over (or a budget that cannot be read): nothing was sent. */
  overBudget(message: string): string;
  noKeyNoRequest(provider: ProviderId): string;
  /** A task's error when its provider has no key: where to set one, in this host. */
  noKeyMessage(modelKey: string): string;
  /** A task the provider may have, left waiting for a key this host cannot ask for: what to do. */
  waitingForKeyNote(record: TaskRecord): string;
}

/** The files a reference image names, found by the host's rules (workspace folders, one folder). */
export interface ReferenceFiles {
  /**
   * `file`: how `size` and `read` name it; `confine`: the real paths to compare (a link inside the
   * root that leads out is never read), absent where the file system has no real paths. Throws
   * with words when the reference cannot be placed (no folder open).
   */
  locate(reference: string): { readonly file: string; readonly confine?: { readonly path: string; readonly root: string } };
  size(file: string): Promise<number>;
  read(file: string): Promise<Uint8Array>;
}

/** What a budget answered before a request: go on, or the words of its refusal (nothing is sent). */
export type SpendingAnswer = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * The workspace's spending (src/budget/budgetKeeper.ts): a task's expected cost is checked against
 * the caps and reserved before it is sent; once it ends it is charged (the provider's figure, or the
 * estimate) or released. `host` is who asked: an agent's calls count against its own cap too.
 */
export interface Spending {
  reserve(record: TaskRecord, host: LedgerHost): Promise<SpendingAnswer>;
  settle(record: TaskRecord, host: LedgerHost, outcome: { readonly charged: number | undefined } | 'released'): void;
  /** The provider's own estimate of the sent request (AIReiter's `estimated_credits`): it replaces the task's reservation. */
  estimated?(record: TaskRecord, host: LedgerHost, amount: number): void;
  /** Settles once the ledger lines written so far are on disk (a host about to exit waits for it). */
  flushed?(): Promise<void>;
}
