import type * as vscode from 'vscode';
import type { ProviderId } from '../core/catalog/models';

/** API keys live only in VS Code's SecretStorage, one per provider. */
export class ApiKeyStore {
  private readonly setListeners = new Set<(provider: ProviderId) => void>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(provider: ProviderId): string {
    return `imagegen.apiKey.${provider}`;
  }

  get(provider: ProviderId): Thenable<string | undefined> {
    return this.secrets.get(this.key(provider));
  }

  async set(provider: ProviderId, value: string): Promise<void> {
    await this.secrets.store(this.key(provider), value);
    // Also when the value is the same as before: secret storage announces only changes.
    for (const listener of [...this.setListeners]) listener(provider);
  }

  /** Calls `listener` after a key is stored in this window, even one equal to the old key. */
  onDidSet(listener: (provider: ProviderId) => void): vscode.Disposable {
    this.setListeners.add(listener);
    return { dispose: () => this.setListeners.delete(listener) };
  }

  async clear(provider: ProviderId): Promise<void> {
    await this.secrets.delete(this.key(provider));
  }

  /** Calls `listener` whenever a key for `provider` is stored, here or in another window. */
  onDidStore(provider: ProviderId, listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key === this.key(provider)) {
        void this.get(provider).then((value) => value && listener());
      }
    });
  }
}
