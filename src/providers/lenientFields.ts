// Provider answers vary: a field may be missing, null, a number sent as a string, an object where
// text was expected. Only a task's status is required (checked with zod by each provider); every
// other field is read through these, which take what they can and ignore the rest.
import * as z from 'zod/mini';
import { providerError, type ProviderError } from './errors';
import { sanitizeServerText } from './sanitize';

/** The one thing a task answer must have. Everything else is optional and read leniently. */
export const withStatus = z.looseObject({ status: z.union([z.string().check(z.minLength(1)), z.number()]) });

export type Fields = Record<string, unknown>;

export function record(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** Text from a string or number, or from `{ message }` / `{ msg }` objects. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  const object = record(value);
  return object ? (text(object.message) ?? text(object.msg) ?? text(object.reason)) : undefined;
}

/** A number, also when sent as a string (`"100"`, `"42%"`). */
export function number(value: unknown): number | undefined {
  const candidate = typeof value === 'string' && value.trim() !== '' ? Number(value.trim().replace(/%$/, '')) : value;
  return typeof candidate === 'number' && Number.isFinite(candidate) ? candidate : undefined;
}

/** The first field of `names` that holds text. */
export function firstText(fields: Fields, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = text(fields[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Links from a string, an array of strings, or arrays of `{ url }` items (with `url` either). */
export function urls(value: unknown): string[] {
  if (typeof value === 'string') return value.length > 0 ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' ? urls(item) : urls(record(item)?.url)));
  return [];
}

export function unique(values: readonly string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) === index);
}

/**
 * An answer that cannot be read: retryable, so the poller logs it and asks again until the
 * deadline. The excerpt is truncated, cleaned of control characters and links, key redacted.
 */
export function unreadableAnswer(provider: string, what: string, answer: unknown, secrets: readonly string[]): ProviderError {
  let excerpt: string | undefined;
  try {
    excerpt = sanitizeServerText(typeof answer === 'string' ? answer.slice(0, 400) : JSON.stringify(answer)?.slice(0, 400), secrets);
  } catch {
    excerpt = undefined;
  }
  return providerError('unexpectedAnswer', { provider, retryable: true, serverMessage: `${what}${excerpt ? `: ${excerpt}` : ''}` });
}
