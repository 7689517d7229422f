// The generation parts the composition root builds: task store and history, provider clients,
// notifier, delivery with its insertion tracker, runner and pipeline. Kept in one block so that
// swapping it for the vscode-free engine's construction (issue 23, branch i23-engine) is one change.
import * as vscode from 'vscode';
import { TaskBoard } from './core/tasks/taskBoard';
import { ApiKeyStore } from './generation/apiKeyStore';
import { Delivery } from './generation/delivery/delivery';
import { InsertionTracker } from './generation/delivery/insertionTracker';
import { GenerationPipeline } from './generation/generationPipeline';
import { HistoryStore } from './generation/historyStore';
import { Notifier } from './generation/notifier';
import type { OpenaiModelSources } from './generation/openaiModelChoices';
import { ProviderClients } from './generation/providerClients';
import { TaskRunner } from './generation/runner/taskRunner';
import { TaskStore } from './generation/taskStore';

export interface Generation {
  readonly board: TaskBoard;
  readonly keys: ApiKeyStore;
  readonly notifier: Notifier;
  readonly generation: GenerationPipeline;
  readonly modelSources: OpenaiModelSources;
  /** For context.subscriptions, in this order: handles settle, polling stops, then the history is saved one last time. */
  readonly disposables: readonly vscode.Disposable[];
  /** Follows the tasks a reload interrupted; called once every view that shows them is registered. */
  resumePending(): Promise<void>;
}

export function createGeneration(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, version: string): Generation {
  const board = new TaskBoard();
  const keys = new ApiKeyStore(context.secrets);
  const tracker = new InsertionTracker();
  const tasks = new TaskStore(board, new HistoryStore(context.workspaceState), log);
  const clients = new ProviderClients(`ImageGen-VSCode/${version} (vscode ${vscode.version})`, log);
  const notifier = new Notifier(keys);
  const delivery = new Delivery(tracker, notifier, () => clients.http());
  // The runner retries through the pipeline (a new task, the same checks); the pipeline is made right after.
  const runner: TaskRunner = new TaskRunner(tasks, keys, clients, delivery, notifier, log, (id) => generation.retry(id));
  const generation = new GenerationPipeline(tasks, runner, delivery, keys, notifier);
  return {
    board,
    keys,
    notifier,
    generation,
    modelSources: { keys, http: () => clients.http() },
    disposables: [tracker, generation, runner, tasks, tracker.onDidMove(({ taskId, offset }) => tasks.moveTarget(taskId, offset))],
    resumePending: () => runner.resumePending(),
  };
}
