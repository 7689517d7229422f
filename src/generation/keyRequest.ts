// Asking for a provider's API key where the user is, instead of failing a generation: a missing
// key, or one the provider refused. Nothing is written into the document while this is asked; the
// caller goes on with the same prompt and choices once a key is stored.
import * as vscode from 'vscode';
import { providerIds, type ProviderId } from '../core/catalog/models';
import type { ApiKeyStore } from './apiKeyStore';

export const providerNames: Record<ProviderId, string> = { aireiter: 'AIReiter', jimmyai: 'JimmyAI', openai: 'OpenAI-compatible' };

/** The password box of "Set API Key"; resolves with the stored key, or undefined when dismissed. */
export async function enterApiKey(keys: ApiKeyStore, provider: ProviderId): Promise<string | undefined> {
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
  await keys.set(provider, key.trim());
  void vscode.window.showInformationMessage(vscode.l10n.t('API key for {0} saved in secret storage.', providerNames[provider]));
  return key.trim();
}

/** Tells the user the key is missing or was refused and offers to set it; true once one is stored. */
export async function askForApiKey(keys: ApiKeyStore, provider: ProviderId, reason: 'missing' | 'refused'): Promise<boolean> {
  const setKey = vscode.l10n.t('Set Key…');
  const message =
    reason === 'missing'
      ? vscode.l10n.t('No API key for {0}. Set one and this image is generated with the same prompt and choices.', providerNames[provider])
      : vscode.l10n.t('{0} refused the API key. Set another one and this image is generated again with the same prompt; nothing was inserted.', providerNames[provider]);
  const choice = await vscode.window.showWarningMessage(message, setKey);
  return choice === setKey && (await enterApiKey(keys, provider)) !== undefined;
}

/**
 * After a generation failed for its key: asks for one, saying whether it was missing or refused;
 * true once a new key is stored (the caller then runs the same generation again).
 */
export async function askForKeyAgain(keys: ApiKeyStore, modelKey: string): Promise<boolean> {
  const provider = providerIds.find((id) => modelKey.startsWith(`${id}:`));
  return provider !== undefined && askForApiKey(keys, provider, (await keys.get(provider)) ? 'refused' : 'missing');
}

