// All provider traffic goes through one client on the fetch API. Inside VS Code that is the
// extension host's global fetch, which VS Code patches for proxies (system, PAC, http.proxy,
// http.noProxy, proxy authentication) and system certificates; outside VS Code it is undici's
// fetch with EnvHttpProxyAgent (undiciFetch.ts). The client adds what fetch lacks: timeouts, a
// retry policy (429 honouring Retry-After, 503, and 5xx/resets only where repeating is safe, with
// exponential backoff and full jitter, a bounded number of attempts), capped bodies, and
// downloads that follow redirects only to links the image-URL policy allows.
import { lookup } from 'node:dns/promises';
import { addressKind, checkImageUrl, describeKind } from '../core/http/imageUrlPolicy';
import { isProviderError, providerError } from './errors';
import { defaultSleep, errorCode, errorText, notSentCodes, parseRetryAfter, resetCodes } from './http/transportErrors';
import { Exchange, isTimeoutAbort, readCapped, TimeoutAbort } from './http/timedBody';
import { RequestErrors } from './http/requestErrors';

export { parseRetryAfter } from './http/transportErrors';
export type { BodySink, DownloadRequest, FetchLike, Headers, HttpClientOptions, HttpRequest, JsonResponse, RetryEvent, StreamResponse } from './http/httpTypes';
import type { BodySink, DownloadRequest, Headers, HttpClientOptions, HttpRequest, JsonResponse, StreamResponse } from './http/httpTypes';

const lookupWithDns = async (hostname: string): Promise<string[]> => {
  try {
    return (await lookup(hostname, { all: true })).map((entry) => entry.address);
  } catch {
    return []; // Behind a proxy the name may only resolve there.
  }
};


export const maxErrorBodyBytes = 64 * 1024;
export const maxRedirects = 5;

function headersOf(response: Response): Headers {
  const result: Headers = {};
  response.headers.forEach((value, key) => (result[key] = value));
  return result;
}

interface Attempt<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly value: T;
  /** Frees an answer that is not returned (a retried status). */
  release(): void;
}

export class HttpClient {
  private readonly headersTimeoutMs: number;
  private readonly idleTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxJsonBytes: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  private readonly errors: RequestErrors;

  constructor(private readonly options: HttpClientOptions) {
    this.errors = new RequestErrors(options.describeProxy);
    this.headersTimeoutMs = options.headersTimeoutMs ?? 60_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 8_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
    this.maxJsonBytes = options.maxJsonBytes ?? 4 * 1024 * 1024;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /** Sends a request and reads a JSON answer, retrying what may be retried. Any HTTP status is returned. */
  async json(req: HttpRequest): Promise<JsonResponse> {
    const answer = await this.withRetries(req, req.url, async (exchange) => {
      const response = await this.send(req, exchange);
      const limit = response.ok ? this.maxJsonBytes : maxErrorBodyBytes;
      const { text, truncated } = await readCapped(exchange.chunks(response.body), limit + 1);
      if (truncated && response.ok) {
        throw providerError('unexpectedAnswer', { provider: req.provider, serverMessage: `answer larger than ${this.maxJsonBytes} bytes` });
      }
      return { status: response.status, headers: headersOf(response), value: text, release: () => undefined };
    });
    let body: unknown;
    try {
      body = answer.value.length > 0 ? JSON.parse(answer.value) : undefined;
    } catch {
      body = undefined;
    }
    return { status: answer.status, headers: answer.headers, body, text: answer.value };
  }

  /** Sends a request and hands back the open body (large JSON answers streamed as they arrive). */
  async stream(req: HttpRequest): Promise<StreamResponse> {
    type Opened = { body: AsyncIterable<Uint8Array>; discard: () => void; text?: string };
    const answer = await this.withRetries<Opened>(req, req.url, async (exchange) => {
      const response = await this.send(req, exchange);
      if (!response.ok) {
        const { text } = await readCapped(exchange.chunks(response.body), maxErrorBodyBytes);
        return { status: response.status, headers: headersOf(response), value: { body: emptyBody(), discard: () => undefined, text }, release: () => undefined };
      }
      const body = exchange.chunks(response.body, (error) => this.errors.bodyError(req.provider, req.url, exchange, error));
      return { status: response.status, headers: headersOf(response), value: { body, discard: () => exchange.abort() }, release: () => exchange.abort() };
    });
    return { status: answer.status, headers: answer.headers, ...answer.value };
  }

  /**
   * Streams an image into `sink`, following up to five redirects, each checked against the
   * image-URL policy; no credentials are ever sent. 429/503 are retried; once body bytes have been
   * taken nothing is. `accept` may throw to refuse an answer by its status and headers. The whole
   * download ends by `deadlineMs`.
   */
  async download(req: DownloadRequest, accept: (status: number, headers: Headers) => BodySink): Promise<{ status: number; headers: Headers; url: string }> {
    const deadline = { at: Date.now() + req.deadlineMs, ms: req.deadlineMs };
    let url = req.url;
    for (let hop = 0; ; hop++) {
      const verdict = checkImageUrl(url, req.policy);
      if (!verdict.ok) {
        throw providerError('unexpectedAnswer', { provider: req.provider }, `ImageGen did not download the image: ${verdict.reason}.`);
      }
      await this.refuseNamesOfPrivateHosts(req, verdict.url);
      const request: HttpRequest = { provider: req.provider, method: 'GET', url, idempotent: false, role: 'follow', ...(req.signal ? { signal: req.signal } : {}) };
      const answer = await this.withRetries(request, url, async (exchange) => {
        const response = await this.options.fetch(url, { method: 'GET', headers: { 'user-agent': this.options.userAgent, accept: 'image/*' }, redirect: 'manual', signal: exchange.signal });
        exchange.touch();
        const headers = headersOf(response);
        if (response.status >= 300 && response.status < 400 && headers.location !== undefined) {
          exchange.abort();
          let next: string;
          try {
            next = new URL(headers.location, url).href;
          } catch {
            throw providerError('unexpectedAnswer', { provider: req.provider }, 'ImageGen did not download the image: a redirect named an invalid link.');
          }
          return { status: response.status, headers, value: next, release: () => undefined };
        }
        if (!response.ok) {
          await readCapped(exchange.chunks(response.body), maxErrorBodyBytes);
          return { status: response.status, headers, value: undefined, release: () => undefined };
        }
        let sink: BodySink;
        try {
          sink = accept(response.status, headers);
        } catch (error) {
          exchange.abort();
          throw error;
        }
        for await (const chunk of exchange.chunks(response.body, (error) => this.errors.bodyError(req.provider, url, exchange, error))) {
          try {
            const pending = sink.take(chunk);
            if (pending) await pending;
          } catch (error) {
            throw new SinkFailure(error); // The image was refused or the disk failed: nothing to retry.
          }
        }
        return { status: response.status, headers, value: undefined, release: () => undefined };
      }, deadline);
      if (typeof answer.value !== 'string') {
        return { status: answer.status, headers: answer.headers, url };
      }
      if (hop + 1 > maxRedirects) {
        throw providerError('unexpectedAnswer', { provider: req.provider }, `ImageGen did not download the image: more than ${maxRedirects} redirects.`);
      }
      url = answer.value;
    }
  }

  /**
   * A public-looking name (`127.0.0.1.nip.io`, `metadata.internal`) may resolve to this machine or
   * the user's network. Names are looked up here and refused when they do; a name that does not
   * resolve here is left to the proxy.
   */
  private async refuseNamesOfPrivateHosts(req: DownloadRequest, url: URL): Promise<void> {
    if (req.policy.providerIsLoopback || /^\[|^\d+\.\d+\.\d+\.\d+$/.test(url.hostname)) {
      return;
    }
    const addresses = await (this.options.lookupHost ?? lookupWithDns)(url.hostname);
    const inner = addresses.map(addressKind).find((kind) => kind !== 'public');
    if (inner) {
      throw providerError('unexpectedAnswer', { provider: req.provider }, `ImageGen did not download the image: ${url.hostname} resolves to ${describeKind(inner)} address.`);
    }
  }

  /**
   * 429 means "not processed". A 503 can come from a gateway whose upstream already took the
   * request, so a request that may be billed is repeated after a 503 only when the server says
   * when to come back (Retry-After); idempotent ones after any 5xx but 501/505.
   */
  private shouldRetryStatus(status: number, req: HttpRequest, headers: Headers): boolean {
    if (status === 429) {
      return true;
    }
    if (status === 503 && headers['retry-after'] !== undefined) {
      return true;
    }
    return req.idempotent && status >= 500 && status !== 501 && status !== 505;
  }

  private async send(req: HttpRequest, exchange: Exchange): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/json', ...req.headers };
    let body: string | FormData | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form;
    }
    const response = await this.options.fetch(req.url, { method: req.method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual', signal: exchange.signal });
    exchange.touch();
    return response;
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * cap);
  }

  private async withRetries<T>(req: HttpRequest, url: string, attemptOnce: (exchange: Exchange) => Promise<Attempt<T>>, deadline?: { at: number; ms: number }): Promise<Attempt<T>> {
    for (let attempt = 1; ; attempt++) {
      let delayMs: number | undefined;
      let reason: string;
      // The exchange ends when its body has been read (or it is aborted): a streamed body
      // outlives this function, with its idle timer and the caller's cancel still attached.
      const exchange = new Exchange({ headersMs: req.headersTimeoutMs ?? this.headersTimeoutMs, idleMs: req.idleTimeoutMs ?? this.idleTimeoutMs, ...(deadline ? { deadline } : {}) }, req.signal);
      try {
        const response = await attemptOnce(exchange);
        if (!this.shouldRetryStatus(response.status, req, response.headers) || attempt >= this.maxAttempts) {
          return response;
        }
        const retryAfter = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
        if (retryAfter !== undefined && retryAfter > this.maxRetryAfterMs) {
          return response; // Too long to wait here; the caller reports when to retry.
        }
        response.release();
        delayMs = retryAfter ?? this.backoff(attempt);
        reason = `HTTP ${response.status}`;
      } catch (error) {
        exchange.abort();
        if (error instanceof SinkFailure) {
          throw error.cause;
        }
        if (isProviderError(error)) {
          throw error;
        }
        if (exchange.cancelledByCaller) {
          throw this.errors.callerAbort(req, url);
        }
        const timeout = exchange.timeout ?? (isTimeoutAbort(error) ? error : undefined);
        if (timeout) {
          // A timed-out submit may have been received: only idempotent requests are repeated.
          if (timeout.phase === 'deadline' || !req.idempotent || attempt >= this.maxAttempts) {
            throw this.errors.timeoutError(req, url, timeout);
          }
          delayMs = this.backoff(attempt);
          reason = `timeout (${timeout.message})`;
        } else {
          const code = errorCode(error);
          const retryable = (code !== undefined && notSentCodes.has(code)) || (req.idempotent && code !== undefined && resetCodes.has(code));
          if (!retryable || attempt >= this.maxAttempts) {
            throw this.errors.transportError(req, url, code, error, attempt);
          }
          delayMs = this.backoff(attempt);
          reason = code ?? errorText(error);
        }
      }
      if (deadline && Date.now() + delayMs >= deadline.at) {
        throw this.errors.timeoutError(req, url, new TimeoutAbort('deadline', deadline.ms));
      }
      this.options.onRetry?.({ url, attempt, delayMs, reason });
      try {
        await this.sleep(delayMs, req.signal);
      } catch {
        throw this.errors.callerAbort(req, url);
      }
    }
  }

}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

/** An error of the download's sink, carried through the retry loop unchanged. */
class SinkFailure {
  constructor(readonly cause: unknown) {}
}
