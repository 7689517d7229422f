// Builds the engine from a host's ports: the one place the parts are wired together, for the
// editor (hosts: generation/editorEngine.ts) and the standalone server and command line
// (hosts/standalone/). The caller disposes the engine; resuming pending tasks is the caller's call.
import { TaskBoard } from '../core/tasks/taskBoard';
import type { ProviderFactory } from '../providers/createProvider';
import type { HttpClient } from '../providers/httpClient';
import type { ResumeGate } from './engineParts';
import { GenerationEngine } from './generationEngine';
import { systemClock, type Clock, type Destination, type KeySource, type Logger, type ReferenceFiles, type Reporter, type SettingsSource, type Spending, type TaskPersistence, type Trust } from './ports';
import type { LedgerHost } from '../core/budget/ledgerEntry';
import { ProviderClients } from './providerClients';
import { TaskStore } from './taskStore';
import type { TaskRecord } from '../core/tasks/taskRecord';

export interface EngineHost {
  readonly persistence: TaskPersistence;
  readonly keys: KeySource;
  readonly destination: Destination;
  readonly reporter: Reporter;
  readonly log: Logger;
  readonly settings: SettingsSource;
  readonly references: ReferenceFiles;
  readonly trust: Trust;
  /** The HTTP client every provider request goes through, made on first use. */
  readonly http: () => HttpClient;
  /** Makes a provider's client (createProvider; the editor loads it with its deferred code). */
  readonly createProvider: ProviderFactory;
  readonly clock?: Clock;
  /** The tasks views show (the editor's status bar and studio); none where nothing shows them. */
  readonly board?: TaskBoard;
  readonly resumeGate?: (record: TaskRecord) => ResumeGate;
  readonly spending?: Spending;
  readonly ledgerHost?: LedgerHost;
}

export interface Engine {
  readonly generation: GenerationEngine;
  readonly clients: ProviderClients;
}

export function createEngine(host: EngineHost): Engine {
  const clock = host.clock ?? systemClock;
  const tasks = new TaskStore(host.board ?? new TaskBoard(), host.persistence, host.log, clock);
  const clients = new ProviderClients(host.http, host.createProvider);
  const parts = { tasks, keys: host.keys, clients, destination: host.destination, reporter: host.reporter, log: host.log, settings: host.settings, references: host.references, clock, ...(host.resumeGate ? { resumeGate: host.resumeGate } : {}), ...(host.spending ? { spending: host.spending } : {}), ...(host.ledgerHost ? { ledgerHost: host.ledgerHost } : {}) };
  return { generation: new GenerationEngine(parts, host.trust), clients };
}
