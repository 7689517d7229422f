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
    fetch: async (input, init) => fetch(input, { ...((await withPortableBody(init)) as Parameters<typeof fetch>[1]), dispatcher }) as unknown as Promise<Response>,
    close: () => dispatcher.close(),
  };
}

/**
 * The global FormData belongs to Node's bundled undici, which npm undici's fetch does not
 * recognise as a form: encode it to multipart bytes with the global Response first.
 */
async function withPortableBody(init: RequestInit): Promise<RequestInit> {
  if (!(init.body instanceof FormData)) {
    return init;
  }
  const encoded = new Response(init.body);
  const headers = new Headers(init.headers);
  headers.set('content-type', encoded.headers.get('content-type')!);
  return { ...init, headers, body: new Uint8Array(await encoded.arrayBuffer()) };
}
