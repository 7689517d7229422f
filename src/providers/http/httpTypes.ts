// The shapes of the HTTP layer (httpClient.ts): its options, requests and answers.
import type { ImageUrlPolicy } from '../../core/http/imageUrlPolicy';
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type Headers = Record<string, string | undefined>;

export interface HttpClientOptions {
  readonly fetch: FetchLike;
  readonly userAgent: string;
  /** Until the answer's headers, connecting included. */
  readonly headersTimeoutMs?: number;
  /** Longest silence while a body streams in. */
  readonly idleTimeoutMs?: number;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A Retry-After longer than this is not waited for: the caller gets a rateLimited error instead. */
  readonly maxRetryAfterMs?: number;
  readonly maxJsonBytes?: number;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onRetry?: (event: RetryEvent) => void;
  /** The proxy a request to `url` would go through, for error messages only (routing is fetch's). */
  readonly describeProxy?: (url: string) => string | undefined;
  /** Addresses a host name resolves to here (tests stand in for DNS); empty when it does not resolve. */
  readonly lookupHost?: (hostname: string) => Promise<string[]>;
}


export interface RetryEvent {
  readonly url: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/**
 * Where a request stands to the task it serves, which its failure's words depend on: `submit`
 * creates the task (and may be billed); `follow` is about a task already sent (a status query, a
 * lookup, the finished image), so a failure leaves a task that may be charged; `prepare` runs
 * before anything is sent (a reference image, the model list), so nothing was charged.
 * Idempotency alone cannot say it: AIReiter's queries are idempotent POSTs, an image download a
 * GET that is not repeated.
 */
export type RequestRole = 'submit' | 'follow' | 'prepare';

export interface HttpRequest {
  readonly provider: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly json?: unknown;
  readonly form?: FormData;
  /**
   * Whether repeating the request cannot create a second effect. Queries and idempotency-keyed
   * submits are; a plain submit is retried only where the server provably did not process it.
   */
  readonly idempotent: boolean;
  /** What the request is to the task, for the words of its failure (see RequestRole); unset: `submit` unless idempotent. */
  readonly role?: RequestRole;
  readonly signal?: AbortSignal;
  /** Overrides the client's timeouts for this request (a generation that answers when done). */
  readonly headersTimeoutMs?: number;
  readonly idleTimeoutMs?: number;
}

export interface JsonResponse {
  readonly status: number;
  readonly headers: Headers;
  /** Parsed JSON, or undefined when the body was not JSON (see `text`). */
  readonly body: unknown;
  readonly text: string;
}

export interface StreamResponse {
  readonly status: number;
  readonly headers: Headers;
  /** The body as it arrives; each chunk restarts the idle timer. Read it, or call `discard`. */
  readonly body: AsyncIterable<Uint8Array>;
  discard(): void;
  /** Present when the body was already read (an error status): at most 64 KB of it. */
  readonly text?: string;
}

export interface DownloadRequest {
  readonly provider: string;
  readonly url: string;
  readonly policy: ImageUrlPolicy;
  /** Overall time for the whole download, redirects and retries included. */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

/** Where a download's bytes go: called with each chunk; a returned promise pauses reading. */
export interface BodySink {
  take(chunk: Uint8Array): Promise<void> | undefined;
}
