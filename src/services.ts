// What the composition root (extension.ts) builds once and hands to every capability's register():
// one typed object, so each capability's dependencies are visible in one place and none of them
// constructs another's parts.
import type * as vscode from 'vscode';
import type { TaskBoard } from './core/tasks/taskBoard';
import type { Presets } from './features/presets/presets';
import type { ApiKeyStore } from './generation/apiKeyStore';
import type { GenerationPipeline } from './generation/generationPipeline';
import type { Notifier } from './generation/notifier';
import type { OpenaiModelSources } from './generation/openaiModelChoices';
import type { DeferredCode } from './loadDeferred';
import type { BudgetKeeper } from './budget/budgetKeeper';

export interface ImageGenServices {
  readonly extensionUri: vscode.Uri;
  /** The extension's version (package.json), as the MCP server definition reports it. */
  readonly version: string;
  readonly log: vscode.LogOutputChannel;
  /** Where the wizard keeps its last choices. */
  readonly globalState: vscode.Memento;
  /** Every task as the status bar and the studio show it. */
  readonly board: TaskBoard;
  readonly keys: ApiKeyStore;
  readonly notifier: Notifier;
  /** The one front door for starting and managing generations. */
  readonly generation: GenerationPipeline;
  /** The team's presets (.vscode/imagegen.json). */
  readonly presets: Presets;
  /** Where the OpenAI-compatible endpoint's model list comes from. */
  readonly modelSources: OpenaiModelSources;
  /** The workspace's spending and its caps (deferred code, loaded on first use). */
  readonly budget: () => BudgetKeeper;
  /**
   * The code a capability runs once it is used (dist/deferred.js, loaded by the composition root
   * on the first call): the single lazy boundary, so nothing below the root loads a file itself.
   */
  readonly deferred: () => DeferredCode;
}

/** How a capability registers itself (as markdown-language-features' register*Support does). */
export type RegisterCapability<T extends vscode.Disposable = vscode.Disposable> = (context: vscode.ExtensionContext, services: ImageGenServices) => T;
