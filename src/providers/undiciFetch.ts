// The transport outside VS Code (simulator tools, benchmarks, a standalone server): undici's
// fetch with EnvHttpProxyAgent, which honours HTTPS_PROXY/HTTP_PROXY/NO_PROXY. Inside VS Code the
// extension host's global fetch is used instead (never this file: it is not in the extension bundle).
import { EnvHttpProxyAgent, fetch } from 'undici';
import type { FetchLike } from './httpClient';

export interface UndiciTransport {
  readonly fetch: FetchLike;
  close(): Promise<void>;
}

export function undiciTransport(options: { connectTimeoutMs?: number } = {}): UndiciTransport {
  const dispatcher = new EnvHttpProxyAgent({ connect: { timeout: options.connectTimeoutMs ?? 10_000 }, keepAliveTimeout: 30_000 });
  return {
    fetch: (input, init) => fetch(input, { ...(init as Parameters<typeof fetch>[1]), dispatcher }) as unknown as Promise<Response>,
    close: () => dispatcher.close(),
  };
}
