// The provider clients of a host, on one HTTP client: inside VS Code over the extension host's
// patched global fetch (proxies, certificates), outside it over undici with EnvHttpProxyAgent.
// The host passes the client in (created when first needed) and the factory (the editor's comes
// from dist/deferred.js, so no provider code is in the activation bundle); limits from the settings.
import type { ProviderId } from '../core/catalog/models';
import type { Settings } from '../config/settings';
import type { ProviderFactory, ProviderLimits } from '../providers/createProvider';
import type { HttpClient } from '../providers/httpClient';
import type { ImageProvider } from '../providers/provider';

export class ProviderClients {
  private client: HttpClient | undefined;

  constructor(
    private readonly makeHttp: () => HttpClient,
    private readonly create: ProviderFactory,
  ) {}

  /** The one HTTP client, made on first use. */
  http(): HttpClient {
    this.client ??= this.makeHttp();
    return this.client;
  }

  /** How many images one request to this provider (at the settings' base URL) may make; asks nothing of the network. */
  imagesPerRequest(provider: ProviderId, settings: Settings): number {
    return this.providerFor(provider, '', settings).imagesPerRequest?.() ?? 1;
  }

  providerFor(provider: ProviderId, apiKey: string, settings: Settings): ImageProvider {
    const limits: ProviderLimits = { maxImageBytes: settings.maxDownloadMegabytes * 1024 * 1024, openaiTimeoutMs: settings.openai.timeoutSeconds * 1000, partialImages: settings.openai.partialImages };
    return this.create(provider, { baseUrl: settings.baseUrls[provider], apiKey, http: this.http() }, limits);
  }
}
