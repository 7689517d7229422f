import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { defaultModelKey } from '../../core/catalog/generationDraft';
import { maxErrorTextLength, truncateText } from '../../core/text';
import { workspaceReference } from '../../generation/referenceFiles';
import type { TaskBoard } from '../../core/tasks/taskBoard';
import { summaryOf } from '../../core/tasks/taskRecord';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import type { GenerationPipeline } from '../../generation/generationPipeline';
import { insertionTargetAtCursor } from '../../generation/delivery/insertionTracker';
import type { TaskPreview } from '../../engine/previewStore';
import { hostToWebviewSchema, webviewToHostSchema, type GenerationRequestMessage, type HostToWebview, type WebviewToHost } from '../../protocol/studioMessages';
import type { BudgetKeeper } from '../../budget/budgetKeeper';
import { Disposable } from '../../util/dispose';
import type { LastTextEditor } from './lastTextEditor';
import { createNonce, renderStudioHtml } from './studioHtml';
import { studioStrings } from './studioStrings';
import { studioWebviewOptions } from './studioWebviewOptions';
import type { Presets } from '../presets/presets';
import { studioPresetOf } from './studioPresets';
import { withStyle } from '../../core/presets/presets';
import { listedOpenaiModelKeys, type OpenaiModelSources } from '../../generation/openaiModelChoices';
import { candidateMarkOf, galleryItems } from './studioGallery';
import { runGalleryAction } from './studioGalleryActions';
import { readStudioSpending } from './studioSpending';
import { Throttle } from '../../core/tasks/throttle';

export interface StudioDependencies {
  readonly extensionUri: vscode.Uri;
  readonly board: TaskBoard;
  readonly generation: GenerationPipeline;
  readonly lastEditor: LastTextEditor;
  readonly log: vscode.LogOutputChannel;
  readonly presets: Presets;
  /** Where the OpenAI-compatible endpoint's model list comes from (optional: tests may leave it out). */
  readonly modelSources?: OpenaiModelSources;
  /** The workspace's spending (the budget keeper, loaded on first use): the studio's spending section. */
  readonly budget?: () => BudgetKeeper;
}

/**
 * Drives one studio webview, whether it is hosted in the sidebar or in an editor panel. The host
 * posts nothing until the webview says `ready`, so no message is lost while the page loads.
 */
export class StudioController extends Disposable {
  private ready = false;
  private rootsKey = '';
  /** The endpoint's listed model keys, once they arrived (cached by the listing for the window). */
  private listedModels: readonly string[] = [];
  /** Show Spending asked before the page was ready: the section gets the focus once it is. */
  private focusSpendingWhenReady = false;
  private readonly onDidPostEmitter = this.register(new vscode.EventEmitter<HostToWebview>());
  /** Each message as it is handed to the webview (what the studio was told, and when). */
  readonly onDidPost = this.onDidPostEmitter.event;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly deps: StudioDependencies,
    /** Whether the page is on screen (a sidebar view or panel that is hidden has no page). */
    private readonly isVisible: () => boolean = () => true,
  ) {
    super();
    this.updateRoots();
    this.register(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.register(deps.board.onDidChange(() => this.postState()));
    this.register(deps.generation.previews.onDidChange(({ taskId, preview }) => (preview ? this.postPreview(preview) : this.post({ type: 'previewCleared', taskId }))));
    this.register(vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('imagegen') && this.postState()));
    this.register(deps.presets.get().onDidChange(() => this.postState()));
    // The ledger changes when a task ends here and when another process (MCP server, CLI) writes it.
    const spending = this.register(new Throttle(() => void this.postSpending(), 1_000, { now: Date.now, setTimer: setTimeout, clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout) }));
    this.register(deps.generation.onDidFinish(() => spending.request()));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/.imagegen/spending.jsonl'));
    [watcher.onDidCreate, watcher.onDidChange].forEach((event) => this.register(event(() => spending.request())));
    webview.html = this.render();
  }

  private updateRoots(): void {
    const options = studioWebviewOptions(this.deps.extensionUri, this.deps.generation.list());
    const key = (options.localResourceRoots ?? []).map(String).join('|');
    if (key !== this.rootsKey) {
      this.rootsKey = key;
      this.webview.options = options;
    }
  }

  private render(): string {
    const asset = (...segments: string[]) => this.webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, ...segments)).toString();
    return renderStudioHtml({
      cspSource: this.webview.cspSource,
      nonce: createNonce((size) => randomBytes(size)),
      scriptUri: asset('dist', 'webview', 'studio.js'),
      styleUri: asset('media', 'studio.css'),
      codiconsUri: asset('dist', 'webview', 'codicons', 'codicon.css'),
      title: vscode.l10n.t('Image Studio'),
      lang: vscode.env.language,
    });
  }

  /** The page has said `ready`: messages posted now reach it. */
  get isReady(): boolean {
    return this.ready;
  }

  /** A message from the page (host tests also speak for the page here). Everything is checked. */
  async receive(raw: unknown): Promise<void> {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`Ignored a studio message that is not part of the protocol: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.ready = true;
      this.postState();
      this.refreshListedModels();
      this.deps.generation.previews.all().forEach((preview) => this.postPreview(preview));
      void this.postSpending().then(() => {
        if (this.focusSpendingWhenReady) this.post({ type: 'focusSection', section: 'spending' });
        this.focusSpendingWhenReady = false;
      });
      return;
    }
    try {
      const reply = await this.handle(message);
      this.post({ type: 'reply', requestId: message.requestId, ok: true, ...reply });
    } catch (error) {
      this.post({ type: 'reply', requestId: message.requestId, ok: false, message: truncateText(error instanceof Error ? error.message : String(error), maxErrorTextLength) });
    }
  }

  private async handle(message: Exclude<WebviewToHost, { type: 'ready' }>): Promise<{ message?: string; referencePaths?: string[] }> {
    switch (message.type) {
      case 'runCommand':
        await vscode.commands.executeCommand(message.command);
        return {};
      case 'generate':
        return this.generate(message.request);
      case 'pickReferences': {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: true,
          openLabel: vscode.l10n.t('Use as Reference'),
          filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'webp'] },
          ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
        });
        const inside = (picked ?? []).filter((uri) => vscode.workspace.getWorkspaceFolder(uri));
        if (picked && inside.length < picked.length) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Only images inside the workspace can be references.'));
        }
        return { referencePaths: inside.map((uri) => workspaceReference(uri)!) };
      }
      case 'cancelTask':
        this.deps.generation.cancel(message.taskId);
        return {};
      case 'galleryAction':
        return runGalleryAction(this.deps, message.action, message.taskId, this.editorTarget());
      case 'pickCandidate': {
        const editor = this.deps.lastEditor.editor;
        const picked = await this.deps.generation.pick(message.taskId, editor ? { uri: editor.document.uri, at: editor.selection.active } : undefined);
        if (!picked.ok) throw new Error(picked.message);
        return { message: picked.inserted ? vscode.l10n.t('Picked: the link is in the document.') : vscode.l10n.t('Picked, but its link could not be put in: use Insert on it in the gallery.') };
      }
      case 'openSpendingLedger': {
        const ledger = (await this.deps.budget?.().summary())?.ledger;
        if (!ledger) throw new Error(vscode.l10n.t('Open a folder: spending is kept in the workspace.'));
        if (!existsSync(ledger)) throw new Error(vscode.l10n.t('Nothing is in the spending ledger yet.'));
        await vscode.window.showTextDocument(vscode.Uri.file(ledger));
        return {};
      }
    }
  }

  private async generate(request: GenerationRequestMessage): Promise<{ message?: string }> {
    // Kept as workspace paths: the bytes are read when the request is sent, never stored.
    const referenceImages = request.referencePaths;
    const target = this.editorTarget();
    const { referencePaths: _paths, presetId, ...fields } = request;
    const prompt = presetId === undefined ? fields.prompt : withStyle(fields.prompt, this.presetStyle(presetId));
    const { count = 1, ...rest } = fields;
    const input = { ...rest, prompt, ...(referenceImages.length > 0 ? { referenceImages } : {}) };
    if (count > 1) {
      // Several to pick from: none is linked when it arrives; Pick puts the chosen one at the target.
      const group = await this.deps.generation.generateCandidates(input, count, target);
      if (!group.ok) throw new Error(group.reason);
      return { message: group.handles[0]!.record.id };
    }
    const started = await this.deps.generation.generate(input, target);
    if (!started.ok) {
      throw new Error(started.reason);
    }
    return { message: started.handle.record.id };
  }

  /** The style of the preset the form started from, read again here: the page's copy is not trusted. */
  private presetStyle(presetId: string): string | undefined {
    const store = this.deps.presets.get();
    const offered = store.find(presetId);
    if (!offered) {
      throw new Error(vscode.l10n.t('That preset is no longer in .vscode/imagegen.json; choose another one or no preset.'));
    }
    if (!store.applicable) {
      throw new Error(vscode.l10n.t('Presets from this workspace apply once you trust it.'));
    }
    return offered.preset.style;
  }

  private editorTarget() {
    const editor = this.deps.lastEditor.editor;
    return editor ? insertionTargetAtCursor(editor) : undefined;
  }

  /** Asks the endpoint for its models (in the background) and tells the page when they differ. */
  private refreshListedModels(): void {
    if (!this.deps.modelSources) return;
    void listedOpenaiModelKeys(this.deps.modelSources).then(
      (keys) => {
        if (JSON.stringify(keys) === JSON.stringify(this.listedModels)) return;
        this.listedModels = keys.slice(0, 500);
        this.postState();
      },
      (error: unknown) => this.deps.log.warn(`Could not list the OpenAI-compatible endpoint's models: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private postState(): void {
    if (!this.ready || this.isDisposed) {
      return;
    }
    this.updateRoots();
    const records = this.deps.generation.list();
    const settings = readImageGenSettings(this.deps.lastEditor.editor?.document.uri);
    this.post({
      type: 'state',
      tasks: records.slice(0, 30).map((record) => ({
        ...summaryOf(record),
        ...(record.pixels ? { pixels: record.pixels } : {}),
        ...(record.estimatedCredits !== undefined ? { estimatedCredits: record.estimatedCredits } : {}),
        ...(record.error ? { error: truncateText(record.error.message, maxErrorTextLength) } : {}),
        ...(record.candidate ? { candidate: candidateMarkOf(record.candidate) } : {}),
      })),
      gallery: galleryItems(records, this.webview),
      defaultModel: settings.ok ? settings.settings.defaultModel : defaultModelKey,
      ...(this.listedModels.length > 0 ? { listedModels: [...this.listedModels] } : {}),
      trusted: vscode.workspace.isTrusted,
      presets: this.deps.presets.get().list().map(studioPresetOf),
      strings: studioStrings(),
    });
  }

  /** Show Spending: the page scrolls to its spending section (with fresh numbers) and moves the focus there. */
  async focusSpending(): Promise<void> {
    if (!this.ready) {
      this.focusSpendingWhenReady = true;
      return;
    }
    await this.postSpending();
    this.post({ type: 'focusSection', section: 'spending' });
  }

  /** Reads the ledger again and sends it (the page is on screen, so it is looked at). */
  private async postSpending(): Promise<void> {
    if (!this.ready || this.isDisposed || !this.deps.budget || !this.isVisible()) return;
    const keeper = this.deps.budget();
    // A task that just ended has its charge on the way to the ledger: read it after it is written.
    await keeper.flushed();
    this.post({ type: 'spending', spending: await readStudioSpending(keeper) });
  }

  private postPreview(preview: TaskPreview): void {
    // A hidden studio's page is unloaded; it says `ready` again when shown and gets the preview then.
    if (!this.isVisible()) return;
    const { taskId, index, total, mimeType, parts } = preview;
    this.post({ type: 'preview', taskId, index, total, mimeType, parts: [...parts] });
  }

  private post(message: HostToWebview): void {
    if (!this.ready || this.isDisposed) {
      return;
    }
    const checked = hostToWebviewSchema.safeParse(message);
    if (!checked.success) {
      // One bad message (a provider's odd answer that got this far) must not stop the updates.
      this.deps.log.error(`A studio message was not sent: it does not fit the protocol (${checked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`);
      return;
    }
    void this.webview.postMessage(checked.data);
    this.onDidPostEmitter.fire(message);
  }
}
