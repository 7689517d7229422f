import * as vscode from 'vscode';
import { ClearApiKeyCommand, SetApiKeyCommand } from './commands/apiKeyCommands';
import { CommandManager } from './commands/commandManager';
import { GenerateCommand, GenerateFromSelectionCommand } from './commands/generateCommands';
import { EditImageCommand, ImageVariationCommand, RegenerateImageCommand } from './commands/imageActionCommands';
import { OpenPanelCommand } from './commands/openPanel';
import { CancelTaskCommand, ShowTasksCommand } from './commands/showTasks';
import { TaskBoard } from './core/tasks/taskBoard';
import { createEditorEngine } from './generation/editorEngine';
import type { GenerationPipeline } from './generation/generationPipeline';
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
}

export function activate(context: vscode.ExtensionContext): ImageGenApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ImageGen', { log: true });
  const version = String(context.extension.packageJSON.version ?? '0');
  const { board, keys, notifier, generation, http } = createEditorEngine(context, log);
  const lastEditor = new LastTextEditor();
  const presets = new Presets();
  const modelSources = { keys, http };
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
    // Disposed with it, in this order: the tracker, handles settle, polling stops, the history is saved one last time.
    generation,
    panels,
    viewProvider,
    commands,
    new TaskStatusBar(board),
    new WelcomeProgress(keys, generation),
    vscode.window.registerWebviewViewProvider(StudioViewProvider.viewType, viewProvider),
  );
  void generation.resumePending();
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
  return { board, panels, generation, presets, mcpServers, openaiModels: () => loadEngine().openaiModelListing(modelSources), logUri: context.logUri, activationMs: performance.now() - started };
}

export function deactivate(): void {}
