// The parts a running engine is made of, handed to the runner, the resumer and the polling.
import type { ProviderClients } from './providerClients';
import type { LedgerHost } from '../core/budget/ledgerEntry';
import type { Clock, Destination, KeySource, Logger, ReferenceFiles, Reporter, SettingsSource, Spending } from './ports';
import type { TaskStore } from './taskStore';
import type { TaskRecord } from '../core/tasks/taskRecord';

/**
 * A host's say before a remembered task is resumed (the standalone server's: a task is followed
 * only at the base URL it was sent to, and a key it lacks is waited for with a note): go on by the
 * engine's rules, leave it as it is with a note, or end it (it may have been charged).
 */
export type ResumeGate = { readonly kind: 'go' } | { readonly kind: 'wait'; readonly note: string } | { readonly kind: 'conclude'; readonly error: string; readonly mayHaveCharged: boolean };

export interface EngineParts {
  readonly tasks: TaskStore;
  readonly keys: KeySource;
  readonly clients: ProviderClients;
  readonly destination: Destination;
  readonly reporter: Reporter;
  readonly log: Logger;
  readonly settings: SettingsSource;
  readonly references: ReferenceFiles;
  readonly clock: Clock;
  readonly resumeGate?: (record: TaskRecord) => ResumeGate;
  /** The workspace's budget and spending ledger; none: nothing is counted. */
  readonly spending?: Spending;
  /** Who this host's calls are, unless a call says otherwise (the agent tool in the editor). */
  readonly ledgerHost?: LedgerHost;
}
