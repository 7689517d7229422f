// Every message and button a generation shows the user, in one place so wording and localisation
// stay together: a refused or missing key, an image that is ready, a failure with Retry, a task
// past its deadline, a document that went away, a request that cannot be sent. The engine's
// Reporter port, for the editor: it can ask.
import * as vscode from 'vscode';
import { providerNameOf, providerNames, type ProviderId } from '../core/catalog/providerNames';
import type { TaskRecord } from '../core/tasks/taskRecord';
import { truncateText } from '../core/text';
import type { OverdueChoice, Reporter } from '../engine/ports';
import type { ApiKeyStore } from './apiKeyStore';

export type { OverdueChoice };

export class Notifier implements Reporter {
  readonly canAsk = true;

  constructor(private readonly keys: ApiKeyStore) {}

  /** A task's error when its provider has no key. */
  noKeyMessage(modelKey: string): string {
    return vscode.l10n.t('No API key is set for {0}. Set one with "ImageGen: Set API Key".', providerNameOf(modelKey));
  }

  /** Never needed here (the editor asks for the key); the same words all the same. */
  waitingForKeyNote(record: TaskRecord): string {
    return this.noKeyMessage(record.input.modelKey);
  }

  /** The password box of "Set API Key"; resolves with the stored key, or undefined when dismissed. */
  async enterApiKey(provider: ProviderId): Promise<string | undefined> {
    const key = await vscode.window.showInputBox({
      title: vscode.l10n.t('API key for {0}', providerNames[provider]),
      password: true,
      ignoreFocusOut: true,
      placeHolder: vscode.l10n.t('Paste the key; it is kept in VS Code’s secret storage'),
      validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('The key cannot be empty.') : /\s/.test(value.trim()) ? vscode.l10n.t('A key has no spaces.') : undefined),
    });
    if (key === undefined || key.trim().length === 0) {
      return undefined;
    }
    await this.keys.set(provider, key.trim());
    this.keySaved(provider);
    return key.trim();
  }

  keySaved(provider: ProviderId): void {
    void vscode.window.showInformationMessage(vscode.l10n.t('API key for {0} saved in secret storage.', providerNames[provider]));
  }

  /** Tells the user the key is missing or was refused and offers to set it; true once one is stored. */
  async askForApiKey(provider: ProviderId, reason: 'missing' | 'refused'): Promise<boolean> {
    const setKey = vscode.l10n.t('Set Key…');
    const message =
      reason === 'missing'
        ? vscode.l10n.t('No API key for {0}. Set one and this image is generated with the same prompt and choices.', providerNames[provider])
        : vscode.l10n.t('{0} refused the API key. Set another one and this image is generated again with the same prompt; nothing was inserted.', providerNames[provider]);
    const choice = await vscode.window.showWarningMessage(message, setKey);
    return choice === setKey && (await this.enterApiKey(provider)) !== undefined;
  }

  /** Shows "Image ready" with Open / Reveal (and Insert when it was not inserted); opens it when it had no editor. */
  imageReady(record: TaskRecord, uri: vscode.Uri, inserted: boolean, insertAt: (editor: vscode.TextEditor) => Promise<boolean>): void {
    const open = vscode.l10n.t('Open');
    const insert = vscode.l10n.t('Insert');
    const reveal = vscode.l10n.t('Reveal');
    const name = uri.path.split('/').pop() ?? '';
    if (!record.target) {
      // With no editor to insert into, the image opens instead.
      void vscode.commands.executeCommand('vscode.open', uri, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }
    const actions = inserted ? [open, reveal] : [open, insert, reveal];
    void vscode.window.showInformationMessage(vscode.l10n.t('Image ready: {0}', name), ...actions).then(async (choice) => {
      if (choice === open) {
        await vscode.commands.executeCommand('vscode.open', uri);
      } else if (choice === reveal) {
        await vscode.commands.executeCommand('revealInExplorer', uri);
      } else if (choice === insert) {
        const editor = vscode.window.activeTextEditor;
        if (editor) {
          await insertAt(editor);
        }
      }
    });
  }

  /** A failed generation, with Retry. */
  /** `mayChargeAgain`: the failed request may have been billed, so the Retry button says a retry may charge again. */
  generationFailed(message: string, retry: () => void, mayChargeAgain: boolean = false): void {
    const again = retryLabel(mayChargeAgain);
    void vscode.window.showErrorMessage(vscode.l10n.t('Image generation failed: {0}', message), again).then((choice) => {
      if (choice === again) {
        retry();
      }
    });
  }

  /**
   * Asked when a task passes its deadline while the provider still reports it running: dropping
   * it silently would leave the user paying for an image they never see.
   */
  async askAboutOverdueTask(prompt: string, providerName: string, waitedMs: number): Promise<OverdueChoice | undefined> {
    const keep = vscode.l10n.t('Keep Waiting');
    const stop = vscode.l10n.t('Stop Following');
    const minutes = Math.max(1, Math.round(waitedMs / 60_000));
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is still working on "{1}" after {2} min. It may still finish and be charged. ImageGen keeps checking, less often, until you decide.', providerName, truncateText(prompt, 80), minutes),
      keep,
      stop,
    );
    return choice === keep ? 'keepWaiting' : choice === stop ? 'stopFollowing' : undefined;
  }

  documentGone(image: vscode.Uri): void {
    void vscode.window.showWarningMessage(vscode.l10n.t('The document for this image is gone; the image was saved at {0}.', vscode.workspace.asRelativePath(image, false)));
  }

  /** What the finished asset's step has to say: a note kept with the task, shown once (already in the user's language). */
  deliveryNote(note: string): void {
    void vscode.window.showWarningMessage(note);
  }

  /** Lines for a page's <head> (favicon links, the OG card's meta): offered to copy where they cannot go in. */
  offerSnippet(kind: string, text: string): void {
    const copy = vscode.l10n.t('Copy Snippet');
    void vscode.window.showInformationMessage(vscode.l10n.t('The {0} set is saved. Its lines belong in a page\'s <head>, so they were not put into this document.', kind), copy).then(async (choice) => {
      if (choice === copy) await vscode.env.clipboard.writeText(text);
    });
  }

  linkRelativeToWorkspace(folderName: string): void {
    void vscode.window.showInformationMessage(vscode.l10n.t('This document is not saved yet, so the image link is relative to the workspace folder {0}.', folderName));
  }

  // The messages for a request that is not sent also return their words, for the studio's form.

  restrictedMode(): string {
    const message = vscode.l10n.t('ImageGen does not generate images in Restricted Mode: trust this workspace first.');
    void vscode.window.showWarningMessage(message);
    return message;
  }

  invalidSettings(message: string): string {
    void vscode.window.showErrorMessage(message);
    return message;
  }

  /** Invalid settings a resumed task does not depend on: it goes on with their defaults. */
  settingsReplacedByDefaults(keys: readonly string[]): void {
    void vscode.window.showWarningMessage(vscode.l10n.t('Invalid settings: {0}. Images already being generated go on with their defaults; fix them in Settings (search "imagegen").', keys.join(', ')));
  }

  requestRefused(reasons: readonly string[]): string {
    const message = vscode.l10n.t('ImageGen cannot send this request: {0}', reasons.join(' '));
    void vscode.window.showErrorMessage(message);
    return message;
  }

  /** Over a cap: the budget's own words (they name the cap, the spend and where to change it). */
  overBudget(message: string): string {
    void vscode.window.showErrorMessage(message);
    return message;
  }

  /** The key question was dismissed: nothing more to show, only the words for the form. */
  noKeyNoRequest(provider: ProviderId): string {
    return vscode.l10n.t('Not sent: no API key for {0} was set.', providerNames[provider]);
  }
}

/** The Retry button's words; a task that may have been charged says that a retry may charge again. */
export function retryLabel(mayChargeAgain: boolean): string {
  return mayChargeAgain ? vscode.l10n.t('Retry (may charge again)') : vscode.l10n.t('Retry');
}
