// First: stamps the start of the bundle's evaluation (see bundleStart.ts).
import { bundleEvaluationStart } from './bundleStart';
import * as vscode from 'vscode';
import { ClearApiKeyCommand, SetApiKeyCommand } from './commands/apiKeyCommands';
import { CommandManager } from './commands/commandManager';
import { GenerateCommand, GenerateFromSelectionCommand } from './commands/generateCommands';
import { EditImageCommand, ImageVariationCommand, RegenerateImageCommand } from './commands/imageActionCommands';
import { OpenPanelCommand } from './commands/openPanel';
import { CancelTaskCommand, ShowTasksCommand } from './commands/showTasks';
import { TaskBoard } from './core/tasks/taskBoard';
import { ApiKeyStore } from './generation/apiKeyStore';
import { Delivery } from './generation/delivery/delivery';
import { InsertionTracker } from './generation/delivery/insertionTracker';
import { GenerationPipeline } from './generation/generationPipeline';
import { HistoryStore } from './generation/historyStore';
import { Notifier } from './generation/notifier';
import { ProviderClients } from './generation/providerClients';
import { TaskRunner } from './generation/runner/taskRunner';
import { TaskStore } from './generation/taskStore';
import { sweepLeftoverParts } from './saving/sweepWorkspace';
import { TaskStatusBar } from './statusBar';
import { LastTextEditor } from './studio/lastTextEditor';
import { StudioPanelManager } from './studio/studioPanel';
import { WelcomeProgress } from './welcomeProgress';
import { loadEngine } from './engineLoader';
import type { GenerateImageToolInput } from './core/agent/generateImageInput';
import type { GenerateImageTool } from './lm/generateImageTool';
import { StudioViewProvider } from './studio/studioViewProvider';
import { Presets } from './presets/presets';
import type { ModelListingResult } from './providers/openai/modelListing';

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
  /** How long activate() took, in milliseconds (the benchmark reads it). */
  readonly activationMs: number;
  /** How long evaluating the bundle took before activate() was called, in milliseconds (the benchmark reads it). */
  readonly evaluationMs: number;
}

export function activate(context: vscode.ExtensionContext): ImageGenApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ImageGen', { log: true });
  const board = new TaskBoard();
  const keys = new ApiKeyStore(context.secrets);
  const tracker = new InsertionTracker();
  const version = String(context.extension.packageJSON.version ?? '0');
  const tasks = new TaskStore(board, new HistoryStore(context.workspaceState), log);
  const clients = new ProviderClients(`ImageGen-VSCode/${version} (vscode ${vscode.version})`, log);
  const notifier = new Notifier(keys);
  const delivery = new Delivery(tracker, notifier, () => clients.http());
  // The runner retries through the pipeline (a new task, the same checks); the pipeline is made right after.
  const runner: TaskRunner = new TaskRunner(tasks, keys, clients, delivery, notifier, log, (id) => generation.retry(id));
  const generation = new GenerationPipeline(tasks, runner, delivery, keys, notifier);
  const lastEditor = new LastTextEditor();
  const presets = new Presets();
  const modelSources = { keys, http: () => clients.http() };
  const studio = { extensionUri: context.extensionUri, board, generation, lastEditor, log, presets, modelSources };
  const panels = new StudioPanelManager(studio);
  const viewProvider = new StudioViewProvider(studio);
  const commands = new CommandManager();
  commands.add(new GenerateCommand(generation, context.globalState, presets, modelSources));
  commands.add(new GenerateFromSelectionCommand(generation, context.globalState, presets, modelSources));
  commands.add(new OpenPanelCommand(panels));
  commands.add(new SetApiKeyCommand(keys, notifier));
  commands.add(new ClearApiKeyCommand(keys));
  commands.add(new ShowTasksCommand(generation));
  commands.add(new CancelTaskCommand(generation));
  commands.add(new RegenerateImageCommand(generation));
  commands.add(new ImageVariationCommand(generation));
  commands.add(new EditImageCommand(generation));

  context.subscriptions.push(
    log,
    lastEditor,
    presets,
    tracker,
    // Disposed in this order: handles settle, polling stops, then the history is saved one last time.
    generation,
    runner,
    tasks,
    tracker.onDidMove(({ taskId, offset }) => tasks.moveTarget(taskId, offset)),
    panels,
    viewProvider,
    commands,
    new TaskStatusBar(board),
    new WelcomeProgress(keys, generation),
    vscode.window.registerWebviewViewProvider(StudioViewProvider.viewType, viewProvider),
  );
  void runner.resumePending();
  // The agent-mode tool; its code loads with the engine on the first call.
  let tool: GenerateImageTool | undefined;
  const agentTool = () => (tool ??= new (loadEngine().GenerateImageTool)(generation));
  context.subscriptions.push(
    vscode.lm.registerTool<GenerateImageToolInput>('imagegen_generateImage', {
      prepareInvocation: (options) => agentTool().prepareInvocation(options),
      invoke: (options, token) => agentTool().invoke(options, token),
    }),
  );
  // The standalone MCP server for agents in VS Code; what it runs is worked out by the engine when asked.
  const mcpChanged = new vscode.EventEmitter<void>();
  const fireMcpChanged = () => mcpChanged.fire();
  const mcpServers: vscode.McpServerDefinitionProvider = {
    onDidChangeMcpServerDefinitions: mcpChanged.event,
    provideMcpServerDefinitions: () => loadEngine().mcpServerDefinitions(context.extensionUri, version),
    resolveMcpServerDefinition: (server) => loadEngine().resolveMcpServer(server, keys),
  };
  context.subscriptions.push(
    mcpChanged,
    vscode.workspace.onDidChangeWorkspaceFolders(fireMcpChanged),
    vscode.workspace.onDidGrantWorkspaceTrust(fireMcpChanged),
    vscode.workspace.onDidChangeConfiguration((event) => (event.affectsConfiguration('imagegen') || event.affectsConfiguration('http')) && fireMcpChanged()),
    vscode.lm.registerMcpServerDefinitionProvider('imagegen.mcpServer', mcpServers),
  );
  // How an image was made, on hover; the reading code loads with the engine once a line holds an image link.
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(['markdown', 'mdx', 'html'], {
      provideHover: (document, position) => (/!\[|<img/i.test(document.lineAt(position.line).text) ? loadEngine().provenanceHover(document, position) : undefined),
    }),
  );
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(['markdown', 'mdx', 'html'], {
      provideCodeActions: (document, range) => (/!\[|<img/i.test(document.lineAt(range.start.line).text) ? loadEngine().imageCodeActions(document, range) : undefined),
    }),
  );
  // ImageGen starts with the window (so interrupted tasks resume); a workspace it was never used
  // in is not searched for leftovers until it is.
  if (generation.list().length > 0) {
    sweepLeftoverParts(log, context.globalStorageUri);
  } else {
    const firstUse = board.onDidChange(() => {
      firstUse.dispose();
      sweepLeftoverParts(log, context.globalStorageUri);
    });
    context.subscriptions.push(firstUse);
  }
  return { board, panels, generation, presets, mcpServers, openaiModels: () => loadEngine().openaiModelListing(modelSources), logUri: context.logUri, activationMs: performance.now() - started, evaluationMs };
}

export function deactivate(): void {}
