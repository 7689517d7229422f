// The engine inside VS Code: its ports over workspace state (the history), SecretStorage (keys),
// the document and its notifications (Delivery with the insertion tracker, the Notifier), the
// `imagegen` settings, Restricted Mode and VS Code's patched fetch. The composition root calls
// createEditorEngine once and hands the pipeline to the commands, the studio and the agent tool.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { TaskBoard } from '../core/tasks/taskBoard';
import { readImageGenSettings } from '../config/readImageGenSettings';
import { createEngine } from '../engine/createEngine';
import type { ProviderFactory } from '../providers/createProvider';
import type { HttpClient } from '../providers/httpClient';
import { ApiKeyStore } from './apiKeyStore';
import { Delivery, type EditorFinishing } from './delivery/delivery';
import { InsertionTracker } from './delivery/insertionTracker';
import type { editorHttpClient } from './editorHttp';
import type { editorBudget } from './editorBudget';
import type { Spending } from '../engine/ports';
import { editorReferenceFiles } from './editorReferenceFiles';
import { GenerationPipeline } from './generationPipeline';
import { HistoryStore } from './historyStore';
import { Notifier } from './notifier';

export interface EditorEngine {
  readonly board: TaskBoard;
  readonly keys: ApiKeyStore;
  readonly notifier: Notifier;
  /** Dispose it with the extension: handles settle, polling stops, the history is saved a last time. */
  readonly generation: GenerationPipeline;
  /** The one HTTP client (the OpenAI model listing uses it too). */
  readonly http: () => HttpClient;
  /** The budget and its ledger, loaded with the deferred code on first use (Show Spending, the status bar). */
  readonly budget: () => ReturnType<typeof editorBudget>;
}

/** What the engine loads on first use, from dist/deferred.js (the composition root's one boundary): HTTP and the providers. */
export interface DeferredEngineCode extends EditorFinishing {
  readonly editorHttpClient: typeof editorHttpClient;
  readonly editorBudget: typeof editorBudget;
  readonly createProvider: ProviderFactory;
}

export function createEditorEngine(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, deferred: () => DeferredEngineCode): EditorEngine {
  // The engine's words (@vscode/l10n) in the window's language, from the bundle VS Code loaded for us.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const board = new TaskBoard();
  const keys = new ApiKeyStore(context.secrets);
  const tracker = new InsertionTracker();
  const notifier = new Notifier(keys);
  const version = String(context.extension.packageJSON.version ?? '0');
  let client: HttpClient | undefined;
  const http = () => (client ??= deferred().editorHttpClient(`ImageGen-VSCode/${version} (vscode ${vscode.version})`, log));
  const delivery = new Delivery(tracker, notifier, http, deferred);
  // The budget's code comes with the first generation; its files are read at each request (a teammate may have changed them).
  let keeper: ReturnType<typeof editorBudget> | undefined;
  const budget = () => (keeper ??= deferred().editorBudget(log));
  const spending: Spending = { reserve: (record, host) => budget().reserve(record, host), settle: (record, host, outcome) => budget().settle(record, host, outcome), estimated: (record, host, amount) => budget().estimated(record, host, amount), flushed: async () => keeper?.flushed() };
  const { generation: engine } = createEngine({
    persistence: new HistoryStore(context.workspaceState),
    keys,
    destination: delivery,
    reporter: notifier,
    log,
    settings: { read: (scope) => readImageGenSettings(scope !== undefined ? vscode.Uri.parse(scope) : undefined) },
    references: editorReferenceFiles,
    trust: {
      get isTrusted() {
        return vscode.workspace.isTrusted;
      },
    },
    http,
    createProvider: (id, config, limits) => deferred().createProvider(id, config, limits),
    board,
    spending,
    ledgerHost: 'editor',
  });
  const generation = new GenerationPipeline(engine, delivery, [tracker, tracker.onDidMove(({ taskId, offset }) => engine.moveTarget(taskId, offset))]);
  return { board, keys, notifier, generation, http, budget };
}
