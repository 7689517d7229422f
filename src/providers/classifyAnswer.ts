// Maps what providers say — HTTP statuses, in-body codes, task status words — onto our types.
import { providerError, type ProviderError } from './errors';
import { sanitizeServerText } from './sanitize';
import type { TaskStatus } from './provider';

const moderationWords = /moderation|safety|content[ _-]?policy|blocked|nsfw|sensitive/i;

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
  if (code === 402 || code === 433) {
    return providerError('insufficientCredits', details);
  }
  if (code === 429) {
    return providerError('rateLimited', { ...details, retryable: true });
  }
  if (code >= 500) {
    return providerError('server', { ...details, retryable: true });
  }
  if (code >= 400) {
    return providerError(moderationWords.test(String(rawMessage ?? '')) ? 'moderation' : 'invalidRequest', details);
  }
  return providerError('unexpectedAnswer', { ...details, serverMessage: serverMessage ?? `code ${code}` });
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
  const kind = moderationWords.test(serverMessage) ? 'moderation' : 'taskFailed';
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
        throw unexpectedAnswer(provider, 'the task completed without an image URL');
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
