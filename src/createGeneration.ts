// The generation parts the composition root builds: the vscode-free engine (src/engine) behind
// its editor ports (generation/editorEngine.ts), and what the capabilities share from it.
import type * as vscode from 'vscode';
import type { TaskBoard } from './core/tasks/taskBoard';
import type { ApiKeyStore } from './generation/apiKeyStore';
import { createEditorEngine, type DeferredEngineCode, type EditorEngine } from './generation/editorEngine';
import type { GenerationPipeline } from './generation/generationPipeline';
import type { Notifier } from './generation/notifier';
import type { OpenaiModelSources } from './generation/openaiModelChoices';

export interface Generation {
  readonly board: TaskBoard;
  readonly keys: ApiKeyStore;
  readonly notifier: Notifier;
  readonly generation: GenerationPipeline;
  readonly modelSources: OpenaiModelSources;
  /** The budget and its ledger (loaded on first use). */
  readonly budget: EditorEngine['budget'];
  /** For context.subscriptions: the pipeline disposes the tracker, settles handles, stops polling, then saves the history one last time. */
  readonly disposables: readonly vscode.Disposable[];
  /** Follows the tasks a reload interrupted; called once every view that shows them is registered. */
  resumePending(): Promise<void>;
}

export function createGeneration(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, deferred: () => DeferredEngineCode): Generation {
  const { board, keys, notifier, generation, http, budget } = createEditorEngine(context, log, deferred);
  return { board, keys, notifier, generation, modelSources: { keys, http }, budget, disposables: [generation], resumePending: () => generation.resumePending() };
}
