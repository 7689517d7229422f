import * as vscode from 'vscode';
import { providerIds, type ProviderId } from '../core/catalog/models';
import { providerNames as providerLabels } from '../core/catalog/providerNames';
import type { ApiKeyStore } from '../generation/apiKeyStore';
import type { Notifier } from '../generation/notifier';
import type { Command } from './command';

function isProvider(value: unknown): value is ProviderId {
  return typeof value === 'string' && (providerIds as readonly string[]).includes(value);
}

async function pickProvider(keys: ApiKeyStore, title: string, onlyWithKey: boolean): Promise<ProviderId | undefined> {
  const items = await Promise.all(
    providerIds.map(async (id) => ({ id, label: providerLabels[id], description: (await keys.get(id)) ? vscode.l10n.t('key set') : vscode.l10n.t('no key') , hasKey: Boolean(await keys.get(id)) })),
  );
  const choices = onlyWithKey ? items.filter((item) => item.hasKey) : items;
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No API keys are stored.'));
    return undefined;
  }
  // Stays open when focus moves: the walkthrough's button runs this and its page takes focus back.
  return (await vscode.window.showQuickPick(choices, { title, placeHolder: vscode.l10n.t('Provider'), ignoreFocusOut: true }))?.id;
}

/** `imagegen.setApiKey`: pick a provider, type the key in a password box; stored in SecretStorage only. */
export class SetApiKeyCommand implements Command {
  readonly id = 'imagegen.setApiKey';

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly notifier: Notifier,
  ) {}

  async execute(providerArg?: unknown, keyArg?: unknown): Promise<boolean> {
    const provider = isProvider(providerArg) ? providerArg : await pickProvider(this.keys, vscode.l10n.t('Set API Key'), false);
    if (!provider) {
      return false;
    }
    if (typeof keyArg === 'string' && keyArg.trim().length > 0) {
      await this.keys.set(provider, keyArg.trim());
      this.notifier.keySaved(provider);
      return true;
    }
    return (await this.notifier.enterApiKey(provider)) !== undefined;
  }
}

export class ClearApiKeyCommand implements Command {
  readonly id = 'imagegen.clearApiKey';

  constructor(private readonly keys: ApiKeyStore) {}

  async execute(providerArg?: unknown): Promise<boolean> {
    const provider = isProvider(providerArg) ? providerArg : await pickProvider(this.keys, vscode.l10n.t('Clear API Key'), true);
    if (!provider) {
      return false;
    }
    await this.keys.clear(provider);
    void vscode.window.showInformationMessage(vscode.l10n.t('API key for {0} removed.', providerLabels[provider]));
    return true;
  }
}
