import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { TaskBoard } from '../core/tasks/taskBoard';
import { hostToWebviewSchema, webviewToHostSchema, type HostToWebview, type WebviewToHost } from '../protocol/studioMessages';
import { Disposable } from '../util/dispose';
import { createNonce, renderStudioHtml } from './studioHtml';
import { studioStrings } from './studioStrings';

/** Webview options shared by the sidebar view and the editor panel. */
export function studioWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
  };
}

/**
 * Drives one studio webview, whether it is hosted in the sidebar or in an editor panel. The host
 * posts nothing until the webview says `ready`, so no message is lost while the page loads.
 */
export class StudioController extends Disposable {
  private ready = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly extensionUri: vscode.Uri,
    private readonly board: TaskBoard,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    webview.options = studioWebviewOptions(extensionUri);
    this.register(webview.onDidReceiveMessage((message: unknown) => this.receive(message)));
    this.register(board.onDidChange(() => this.postState()));
    webview.html = this.render();
  }

  private render(): string {
    const asset = (...segments: string[]) => this.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    return renderStudioHtml({
      cspSource: this.webview.cspSource,
      nonce: createNonce((size) => randomBytes(size)),
      scriptUri: asset('dist', 'webview', 'studio.js'),
      styleUri: asset('media', 'studio.css'),
      title: vscode.l10n.t('Image Studio'),
      lang: vscode.env.language,
    });
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = webviewToHostSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`Ignored a studio message that is not part of the protocol: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
      return;
    }
    await this.handle(parsed.data);
  }

  private async handle(message: WebviewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.postState();
        return;
      case 'runCommand':
        try {
          await vscode.commands.executeCommand(message.command);
          this.post({ type: 'reply', requestId: message.requestId, ok: true });
        } catch (error) {
          this.post({ type: 'reply', requestId: message.requestId, ok: false, message: error instanceof Error ? error.message : String(error) });
        }
        return;
    }
  }

  private postState(): void {
    this.post({ type: 'state', tasks: this.board.list(), strings: studioStrings() });
  }

  private post(message: HostToWebview): void {
    if (!this.ready || this.isDisposed) {
      return;
    }
    void this.webview.postMessage(hostToWebviewSchema.parse(message));
  }
}
