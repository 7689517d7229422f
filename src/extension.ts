// The composition root: builds the services once, lets each capability register itself, and
// owns the one lazy boundary (dist/deferred.js, loadDeferred): nothing below it loads a file.
// First: stamps the start of the bundle's evaluation (see bundleStart.ts).
import { bundleEvaluationStart } from './bundleStart';
import * as vscode from 'vscode';
import { registerCommands } from './commands/register';
import type { TaskBoard } from './core/tasks/taskBoard';
import { createGeneration } from './createGeneration';
import { registerAgentTool } from './features/agentTool/register';
import { registerHousekeeping } from './features/housekeeping/register';
import { registerMcpPublishing } from './features/mcpPublishing/register';
import { Presets } from './features/presets/presets';
import { registerPresets } from './features/presets/register';
import { registerProvenance } from './features/provenance/register';
import { SpendingSupport } from './features/spending/spendingSupport';
import { registerStudio } from './features/studio/register';
import type { StudioPanelManager } from './features/studio/studioPanel';
import type { GenerationPipeline } from './generation/generationPipeline';
import { loadDeferred } from './loadDeferred';
import type { ModelListingResult } from './providers/openai/modelListing';
import { sweepLeftoverPartsOnceUsed } from './saving/sweepWorkspace';
import type { ImageGenServices } from './services';
import { TaskStatusBar } from './statusBar';
import { WelcomeProgress } from './welcomeProgress';

// Every module of the bundle has been evaluated once this body runs (it comes last in the bundle).
const evaluationMs = performance.now() - bundleEvaluationStart;

/** What activate() returns; host tests use it to observe state the VS Code API does not expose. */
export interface ImageGenApi {
  readonly board: TaskBoard;
  readonly panels: StudioPanelManager;
  readonly generation: GenerationPipeline;
  /** The team's presets (.vscode/imagegen.json), as the wizard and the studio offer them. */
  readonly presets: Presets;
  /** What VS Code is told about the standalone MCP server. */
  readonly mcpServers: vscode.McpServerDefinitionProvider;
  /** Where this extension's log files are written (tests search them for secrets). */
  readonly logUri: vscode.Uri;
  /** What the OpenAI-compatible endpoint lists at GET /v1/models (cached), as the wizard and the studio offer it. */
  readonly openaiModels: () => Promise<ModelListingResult>;
  /** Today's spend as the status bar shows it, and Show Spending (host tests read it). */
  readonly spending: SpendingSupport;
  /** How long activate() took, in milliseconds (the benchmark reads it). */
  readonly activationMs: number;
  /** How long evaluating the bundle took before activate() was called, in milliseconds (the benchmark reads it). */
  readonly evaluationMs: number;
}

export function activate(context: vscode.ExtensionContext): ImageGenApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ImageGen', { log: true });
  const version = String(context.extension.packageJSON.version ?? '0');
  // The one lazy boundary: dist/deferred.js is required the first time a capability runs its code.
  const deferred = loadDeferred;
  const presets = new Presets(() => new (deferred().PresetStore)());
  const engine = createGeneration(context, log, deferred);
  const { board, keys, notifier, generation, modelSources } = engine;
  const services: ImageGenServices = { extensionUri: context.extensionUri, version, log, globalState: context.globalState, board, keys, notifier, generation, presets, modelSources, budget: engine.budget, deferred };
  const studio = registerStudio(context, services);
  const mcp = registerMcpPublishing(context, services);
  const statusBar = new TaskStatusBar(board);
  const spending = new SpendingSupport(engine.budget, statusBar, board, () => studio.panels.showSpending());
  context.subscriptions.push(
    log,
    presets,
    // Disposed in this order: handles settle, polling stops, then the history is saved one last time.
    ...engine.disposables,
    studio,
    registerCommands(context, services),
    statusBar,
    spending,
    new WelcomeProgress(keys, generation),
    registerPresets(context, services),
    registerAgentTool(context, services),
    mcp,
    registerProvenance(context, services),
    registerHousekeeping(context, services),
  );
  void engine.resumePending();
  context.subscriptions.push(sweepLeftoverPartsOnceUsed(log, context.globalStorageUri, generation.list().length > 0, (listener) => board.onDidChange(listener)));
  return { board, panels: studio.panels, generation, presets, spending, mcpServers: mcp.servers, openaiModels: () => deferred().openaiModelListing(modelSources), logUri: context.logUri, activationMs: performance.now() - started, evaluationMs };
}

export function deactivate(): void {}
