// Maps what providers say — HTTP statuses, in-body codes, task status words — onto our types.
import { providerError, type ProviderError } from './errors';
import { sanitizeServerText } from './sanitize';
import type { TaskStatus } from './provider';

// Providers answer in English, Chinese or Korean; a refusal is recognised by its words in any.
const moderationWords = /moderation|safety|content[ _-]?policy|blocked|nsfw|sensitive|敏感|违规|違規|内容安全|审核|審核|违禁|민감|유해|검열|정책\s*위반|부적절|안전\s*(?:정책|시스템)/i;
const creditWords = /not enough credits?|insufficient|out of credits?|积分不足|余额不足|額度不足|额度不足|点数不足|크레딧\s*부족|잔액\s*부족|포인트\s*부족|잔액이\s*부족|크레딧이\s*부족/i;

/** What a provider's message text says the problem is, when it says so in words. */
export function kindFromText(text: unknown): 'moderation' | 'insufficientCredits' | undefined {
  const value = typeof text === 'string' ? text : '';
  if (creditWords.test(value)) return 'insufficientCredits';
  if (moderationWords.test(value)) return 'moderation';
  return undefined;
}

/** An error for a non-success code (HTTP status or the provider's in-body equivalent). */
export function errorForCode(provider: string, code: number, rawMessage: unknown, extra: { providerCode?: string; retryAfterMs?: number; secrets?: readonly string[] } = {}): ProviderError {
  const serverMessage = sanitizeServerText(rawMessage, extra.secrets);
  const details = {
    provider,
    status: code,
    ...(extra.providerCode !== undefined ? { code: extra.providerCode } : {}),
    ...(serverMessage !== undefined ? { serverMessage } : {}),
    ...(extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {}),
  };
  if (code === 401 || code === 403) {
    return providerError('auth', details);
  }
  if (code === 402 || code === 433 || (code >= 400 && code < 500 && kindFromText(rawMessage) === 'insufficientCredits')) {
    return providerError('insufficientCredits', details);
  }
  if (code === 429) {
    return providerError('rateLimited', { ...details, retryable: true });
  }
  if (code >= 500) {
    return providerError('server', { ...details, retryable: true });
  }
  if (code >= 400) {
    return providerError(kindFromText(rawMessage) === 'moderation' ? 'moderation' : 'invalidRequest', details);
  }
  return providerError('unexpectedAnswer', { ...details, serverMessage: serverMessage ?? `code ${code}` });
}

/**
 * An error for a failing in-body code whose meaning ImageGen does not know (or no code at all):
 * what the text says (credits, moderation, "busy"), else the provider's plain refusal.
 */
export function errorForUnknownCode(provider: string, providerCode: string | undefined, rawMessage: unknown, secrets?: readonly string[]): ProviderError {
  const serverMessage = sanitizeServerText(rawMessage, secrets);
  const details = { provider, ...(providerCode !== undefined ? { code: providerCode } : {}), ...(serverMessage !== undefined ? { serverMessage } : {}) };
  const kind = kindFromText(rawMessage);
  if (kind) return providerError(kind, details);
  if (busyWords.test(typeof rawMessage === 'string' ? rawMessage : '')) return providerError('rateLimited', { ...details, retryable: true });
  return serverMessage !== undefined ? providerError('invalidRequest', details) : providerError('unexpectedAnswer', { ...details, serverMessage: `code ${providerCode ?? 'missing'}` });
}

const busyWords = /\bbusy\b|too many requests|rate.?limit|繁忙|频繁|頻繁|稍后再试/i;

// ── refusals inside a 2xx answer ─────────────────────────────────────────────

/** The provider's own `error` (an object with code/message, or a text) at the top of an answer. */
export interface BodyFailure {
  readonly code?: string;
  readonly message?: string;
}

/** The answer's top-level `error`, when it is an object or a non-empty text (`error: null` is not one). */
export function readBodyFailure(body: unknown): BodyFailure | undefined {
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
  const error = fields?.error;
  if (typeof error === 'string') {
    return error.trim().length > 0 ? { message: error } : undefined;
  }
  if (typeof error !== 'object' || error === null || Array.isArray(error)) {
    return undefined;
  }
  const { code, message, msg } = error as Record<string, unknown>;
  const codeText = typeof code === 'number' || (typeof code === 'string' && code.length > 0) ? String(code) : undefined;
  const messageText = typeof message === 'string' && message.length > 0 ? message : typeof msg === 'string' && msg.length > 0 ? msg : undefined;
  return codeText === undefined && messageText === undefined ? undefined : { ...(codeText !== undefined ? { code: codeText } : {}), ...(messageText !== undefined ? { message: messageText } : {}) };
}

/** Whether an answer's `data` holds no task: missing, null, an empty array or an empty object. */
export function holdsNoTask(data: unknown): boolean {
  if (data === undefined || data === null) return true;
  if (Array.isArray(data)) return data.length === 0;
  return typeof data === 'object' && Object.keys(data).length === 0;
}

/**
 * A 2xx answer with an `error` object and no task: the provider refused the request (AIReiter
 * says "balance too low" so, `{ error: { code: 433 } }` at HTTP 200 [3p]). The answer arrived,
 * so nothing is ambiguous about it: never a reason to look the task up or send it again. A
 * server error said so is not retryable here for that reason (ambiguousSubmit reads it).
 */
export function errorForRefusalInBody(provider: string, meaning: number | undefined, failure: BodyFailure, extra: { secrets?: readonly string[] } = {}): ProviderError {
  if (meaning === undefined || meaning < 400) {
    return errorForUnknownCode(provider, failure.code, failure.message, extra.secrets);
  }
  const error = errorForCode(provider, meaning, failure.message, { ...(failure.code !== undefined ? { providerCode: failure.code } : {}), ...(extra.secrets ? { secrets: extra.secrets } : {}) });
  return error.kind === 'server' ? providerError('server', { ...error.details, retryable: false }) : error;
}

export function unexpectedAnswer(provider: string, what: string): ProviderError {
  return providerError('unexpectedAnswer', { provider, serverMessage: what });
}

const queuedWords = new Set(['pending', 'queued', 'submitted', 'waiting', 'created', 'not_start', 'not_started']);
const runningWords = new Set(['processing', 'in_progress', 'running', 'generating', 'started']);
const succeededWords = new Set(['completed', 'complete', 'succeeded', 'success', 'done', 'finished']);
const failedWords = new Set(['failed', 'failure', 'error']);
const cancelledWords = new Set(['canceled', 'cancelled']);

export type StatusWord = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export function classifyStatusWord(word: string): StatusWord {
  const normalized = word.trim().toLowerCase();
  if (queuedWords.has(normalized)) return 'queued';
  if (runningWords.has(normalized)) return 'running';
  if (succeededWords.has(normalized)) return 'succeeded';
  if (failedWords.has(normalized)) return 'failed';
  if (cancelledWords.has(normalized)) return 'cancelled';
  return 'unknown';
}

/** A failed task's reason: moderation when the text says so, otherwise taskFailed. */
export function failedTask(provider: string, reason: unknown, secrets?: readonly string[]): TaskStatus {
  const serverMessage = sanitizeServerText(reason, secrets) ?? 'no reason given';
  const kind = kindFromText(serverMessage) ?? 'taskFailed';
  return { state: 'failed', error: providerError(kind, { provider, serverMessage }) };
}

export function clampProgress(progress: unknown): number | undefined {
  const value = typeof progress === 'string' ? Number(progress.replace('%', '')) : progress;
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : undefined;
}

export interface TaskAnswer {
  readonly status: string;
  readonly progress: unknown;
  /** Image URLs, read lazily: only a completed task must have them. */
  readonly imageUrls: () => readonly string[];
  readonly failureReason: unknown;
  readonly creditsUsed?: number | null;
}

/** The status of a task from the provider's words for it; unknown words stay non-terminal. */
export function taskStatusFrom(provider: string, answer: TaskAnswer, secrets?: readonly string[]): TaskStatus {
  const progress = clampProgress(answer.progress);
  switch (classifyStatusWord(answer.status)) {
    case 'queued':
      return { state: 'queued' };
    case 'running':
      return progress !== undefined ? { state: 'running', progress } : { state: 'running' };
    case 'succeeded': {
      const urls = answer.imageUrls().filter((url) => url.length > 0);
      if (urls.length === 0) {
        // Perhaps the link is written after the status: asked again until the deadline.
        throw providerError('unexpectedAnswer', { provider, retryable: true, serverMessage: 'the task completed without an image URL' });
      }
      return { state: 'succeeded', images: urls.map((url) => ({ kind: 'url', url })), ...(answer.creditsUsed != null ? { creditsUsed: answer.creditsUsed } : {}) };
    }
    case 'failed':
      return failedTask(provider, answer.failureReason, secrets);
    case 'cancelled':
      return { state: 'cancelled' };
    case 'unknown':
      // Unknown values stay non-terminal until the poller's timeout.
      // Cleaned here, where the key is known: the word is logged, and could be anything.
      return { state: 'running', unknownStatus: sanitizeServerText(answer.status, secrets) ?? '(unreadable)', ...(progress !== undefined ? { progress } : {}) };
  }
}
