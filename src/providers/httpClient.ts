// All provider traffic goes through one keep-alive dispatcher with timeouts, proxy support and
// a retry policy: 429 (honouring Retry-After), 5xx and connection resets are retried with
// exponential backoff and full jitter; 4xx and in-body errors never are.
import { Writable } from 'node:stream';
import type { ConnectionOptions } from 'node:tls';
import { EnvHttpProxyAgent, request, stream, type Dispatcher, type FormData as UndiciFormData } from 'undici';
import { directGet, type BodySink } from './directGet';
import { providerError, ProviderError } from './errors';

export type { BodySink } from './directGet';

export interface HttpClientOptions {
  readonly userAgent: string;
  /** VS Code's `http.proxy`; when empty, HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment apply. */
  readonly proxyUrl?: string;
  readonly noProxy?: string;
  readonly connectTimeoutMs?: number;
  readonly headersTimeoutMs?: number;
  readonly bodyTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the caller gets a rateLimited error instead. */
  readonly maxRetryAfterMs?: number;
  readonly maxJsonBytes?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onRetry?: (event: RetryEvent) => void;
  /** Extra trusted certificates for direct downloads (tests against a loopback TLS server). */
  readonly tlsCa?: ConnectionOptions['ca'];
}

export interface RetryEvent {
  readonly url: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface HttpRequest {
  readonly provider: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  /** undici's own FormData: the global one belongs to Node's bundled undici. */
  readonly form?: UndiciFormData;
  /**
   * Whether repeating the request cannot create a second effect. Queries and idempotency-keyed
   * submits are; a plain submit is retried only where the server provably did not process it.
   */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal;
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, or undefined when the body was not JSON (see `text`). */
  readonly body: unknown;
  readonly text: string;
}

export interface StreamResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Dispatcher.ResponseData['body'];
  /** Present when the body was already read (a retryable status on the last attempt). */
  readonly text?: string;
}

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED']);
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);
const timeoutCodes = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      return code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return signal?.aborted === true || (error as { name?: string })?.name === 'AbortError' || errorCode(error) === 'UND_ERR_ABORTED';
}

/** Retry-After in milliseconds, from seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) {
    return undefined;
  }
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) {
    return Math.round(Number(text) * 1000);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly maxJsonBytes: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: HttpClientOptions) {
    const proxy = options.proxyUrl?.trim() || undefined;
    this.dispatcher = new EnvHttpProxyAgent({
      ...(proxy ? { httpProxy: proxy, httpsProxy: proxy } : {}),
      ...(options.noProxy !== undefined ? { noProxy: options.noProxy } : {}),
      connect: { timeout: options.connectTimeoutMs ?? 10_000 },
      headersTimeout: options.headersTimeoutMs ?? 60_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
      keepAliveTimeout: 30_000,
    });
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
    return this.withRetries(req, async () => {
      const response = await this.send(req);
      const text = await this.readText(req, response.body);
      let body: unknown;
      try {
        body = text.length > 0 ? JSON.parse(text) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body, text };
    });
  }

  /** Sends a request and hands back the open body stream (downloads, large JSON). */
  async stream(req: HttpRequest): Promise<StreamResponse> {
    return this.withRetries(req, async () => {
      const response = await this.send(req);
      if (this.shouldRetryStatus(response.statusCode, req)) {
        // Read the (small) error body so the retry decision and the final error can use it.
        const text = await this.readText(req, response.body);
        return { status: response.statusCode, headers: response.headers, body: response.body, text };
      }
      return { status: response.statusCode, headers: response.headers, body: response.body };
    });
  }

  /**
   * Streams a GET answer into the sink that `sink` returns for its status and headers. Without a
   * proxy the answer is read on its own connection into one reused buffer (directGet); through a
   * proxy, with undici's stream(). 429/503 are retried; once body bytes have been taken nothing
   * is, so a broken body is reported to the caller. `sink` may throw to refuse the answer.
   */
  async download(req: Omit<HttpRequest, 'method' | 'json' | 'form' | 'idempotent'>, sink: (status: number, headers: Record<string, string | string[] | undefined>) => BodySink): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
    const headers = { 'user-agent': this.options.userAgent, ...req.headers };
    return this.withRetries({ ...req, method: 'GET', idempotent: false }, async () => {
      if (!this.proxyConfigured()) {
        const head = await directGet(new URL(req.url), {
          headers,
          connectTimeoutMs: this.options.connectTimeoutMs ?? 10_000,
          headersTimeoutMs: this.options.headersTimeoutMs ?? 60_000,
          bodyTimeoutMs: this.options.bodyTimeoutMs ?? 60_000,
          ...(req.signal ? { signal: req.signal } : {}),
          ...(this.options.tlsCa ? { ca: this.options.tlsCa } : {}),
        }, (answer) => sink(answer.status, answer.headers));
        return { status: head.status, headers: head.headers };
      }
      let answer = { status: 0, headers: {} as Record<string, string | string[] | undefined> };
      await stream(
        req.url,
        {
          method: 'GET',
          headers,
          dispatcher: this.dispatcher,
          opaque: undefined,
          ...(req.signal ? { signal: req.signal } : {}),
          highWaterMark: 1024 * 1024,
        } as Parameters<typeof stream>[1],
        ({ statusCode, headers: answerHeaders }) => {
          answer = { status: statusCode, headers: answerHeaders as Record<string, string | string[] | undefined> };
          return writableFor(sink(statusCode, answer.headers));
        },
      );
      return answer;
    });
  }

  /** Whether traffic may have to go through a proxy (http.proxy or the *_PROXY variables); then undici handles it. */
  private proxyConfigured(): boolean {
    const environment = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => (process.env[name] ?? '').trim() !== '');
    return Boolean(this.options.proxyUrl?.trim()) || environment;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private shouldRetryStatus(status: number, req: HttpRequest): boolean {
    if (status === 429 || status === 503) {
      return true; // The server states it did not process the request.
    }
    return req.idempotent && status >= 500 && status !== 501 && status !== 505;
  }

  private async send(req: HttpRequest): Promise<Dispatcher.ResponseData> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent, accept: 'application/json', ...req.headers };
    let body: string | UndiciFormData | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    } else if (req.form) {
      body = req.form;
    }
    return (await request(req.url, {
      method: req.method,
      headers,
      ...(body !== undefined ? { body } : {}),
      dispatcher: this.dispatcher,
      ...(req.signal ? { signal: req.signal } : {}),
    } as Parameters<typeof request>[1])) as Dispatcher.ResponseData;
  }

  private async readText(req: HttpRequest, body: Dispatcher.ResponseData['body']): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of body) {
      size += chunk.length;
      if (size > this.maxJsonBytes) {
        body.destroy();
        throw providerError('unexpectedAnswer', { provider: req.provider, serverMessage: `answer larger than ${this.maxJsonBytes} bytes` });
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private backoff(attempt: number): number {
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * cap);
  }

  private async withRetries<T extends { status: number; headers: Record<string, string | string[] | undefined>; text?: string }>(req: HttpRequest, attemptOnce: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      let delayMs: number | undefined;
      let reason: string;
      try {
        const response = await attemptOnce();
        if (!this.shouldRetryStatus(response.status, req) || attempt >= this.maxAttempts) {
          return response;
        }
        const retryAfter = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers['retry-after']) : undefined;
        if (retryAfter !== undefined && retryAfter > this.maxRetryAfterMs) {
          return response; // Too long to wait here; the caller reports when to retry.
        }
        delayMs = retryAfter ?? this.backoff(attempt);
        reason = `HTTP ${response.status}`;
      } catch (error) {
        if (error instanceof ProviderError) {
          throw error;
        }
        if (isAbort(error, req.signal)) {
          throw providerError('cancelled', { provider: req.provider });
        }
        const code = errorCode(error);
        const retryable = (code !== undefined && notSentCodes.has(code)) || (req.idempotent && code !== undefined && (resetCodes.has(code) || timeoutCodes.has(code)));
        if (!retryable || attempt >= this.maxAttempts) {
          throw this.transportError(req, code, error);
        }
        delayMs = this.backoff(attempt);
        reason = code ?? 'transport error';
      }
      this.options.onRetry?.({ url: req.url, attempt, delayMs, reason });
      try {
        await this.sleep(delayMs, req.signal);
      } catch {
        throw providerError('cancelled', { provider: req.provider });
      }
    }
  }

  private transportError(req: HttpRequest, code: string | undefined, error: unknown): ProviderError {
    const detail = code ?? (error instanceof Error ? error.message : 'unknown error');
    if (code !== undefined && timeoutCodes.has(code)) {
      return providerError('timeout', { provider: req.provider, code, retryable: true, serverMessage: detail });
    }
    if (!req.idempotent && code !== undefined && resetCodes.has(code)) {
      return providerError(
        'network',
        { provider: req.provider, code, retryable: true },
        'The connection was reset while the request was being sent. The provider may or may not have started the task; check Show Tasks and your provider dashboard before retrying.',
      );
    }
    return providerError('network', { provider: req.provider, code, retryable: true, serverMessage: detail });
  }
}

/** A BodySink as a Writable, for undici's stream(). */
function writableFor(sink: BodySink): Writable {
  return new Writable({
    highWaterMark: 1024 * 1024,
    write: (chunk: Uint8Array, _encoding, callback) => {
      try {
        const pending = sink.take(chunk);
        if (pending) pending.then(() => callback(), callback);
        else callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}
