// The provider clients of the extension, on one HTTP client over VS Code's global fetch.
import type * as vscode from 'vscode';
import type { ProviderId } from '../core/catalog/models';
import type { Settings } from '../config/settings';
import { loadEngine } from '../engineLoader';
import type { ProviderLimits } from '../providers/createProvider';
import type { HttpClient } from '../providers/httpClient';
import type { ImageProvider } from '../providers/provider';
import { describeProxy } from './proxyDescription';

export class ProviderClients {
  private client: HttpClient | undefined;

  constructor(
    private readonly userAgent: string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * VS Code's global fetch: the extension host patches it for proxies (http.proxy, PAC, system),
   * http.noProxy, proxy authentication and system certificates. Looked up at each call, so the
   * patch is in place whenever it was applied. Created on first use (the engine loads then).
   */
  http(): HttpClient {
    this.client ??= new (loadEngine().HttpClient)({
      fetch: (input, init) => globalThis.fetch(input, init),
      userAgent: this.userAgent,
      describeProxy,
      onRetry: (event) => this.log.info(`Retrying ${new URL(event.url).host}${new URL(event.url).pathname} in ${event.delayMs} ms after ${event.reason} (attempt ${event.attempt})`),
    });
    return this.client;
  }

  providerFor(provider: ProviderId, apiKey: string, settings: Settings): ImageProvider {
    const limits: ProviderLimits = { maxImageBytes: settings.maxDownloadMegabytes * 1024 * 1024, openaiTimeoutMs: settings.openai.timeoutSeconds * 1000, partialImages: settings.openai.partialImages };
    return loadEngine().createProvider(provider, { baseUrl: settings.baseUrls[provider], apiKey, http: this.http() }, limits);
  }
}
