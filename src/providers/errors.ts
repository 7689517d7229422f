// One error type for everything a provider call can end in, with a message a user can act on.

export const providerErrorKinds = [
  'auth',
  'insufficientCredits',
  'invalidRequest',
  'moderation',
  'rateLimited',
  'server',
  'network',
  'timeout',
  'taskFailed',
  'unexpectedAnswer',
  'taskNotFound',
  // Image retrieval.
  'imageExpired',
  'imageTooLarge',
  'notAnImage',
  'cancelled',
] as const;
export type ProviderErrorKind = (typeof providerErrorKinds)[number];

export interface ProviderErrorDetails {
  readonly provider: string;
  readonly status?: number;
  /** The provider's own code (`433`, `20002`, `moderation_blocked` …). */
  readonly code?: string;
  /** Whether sending the same request again later may succeed. */
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** Sanitized text from the provider, shown after our own explanation. */
  readonly serverMessage?: string;
  /**
   * The request may have reached the provider and been charged, and was not sent again: a retry
   * is a new request that may charge again (the Retry buttons say so).
   */
  readonly mayHaveCharged?: boolean;
}

export class ProviderError extends Error {
  override readonly name = 'ProviderError';

  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly details: ProviderErrorDetails,
  ) {
    super(message);
  }
}

/**
 * By brand, not instanceof: dist/deferred.js is a separate bundle, so an error it throws is an instance
 * of its own copy of the class.
 */
export function isProviderError(error: unknown, kind?: ProviderErrorKind): error is ProviderError {
  const candidate = error as Partial<ProviderError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.name === 'ProviderError' &&
    typeof candidate.kind === 'string' &&
    (providerErrorKinds as readonly string[]).includes(candidate.kind) &&
    (kind === undefined || candidate.kind === kind)
  );
}

const kindAdvice: Record<ProviderErrorKind, string> = {
  auth: 'The API key was refused. Run "ImageGen: Set API Key" for this provider.',
  insufficientCredits: 'The account has run out of credits. Top it up on the provider’s site, then retry.',
  invalidRequest: 'The provider rejected the request. Check the prompt, size and options.',
  moderation: 'The provider’s safety system blocked this prompt or image. Rephrase the prompt and try again.',
  rateLimited: 'The provider is rate-limiting requests. Wait a moment and retry.',
  server: 'The provider had a server error. Retry in a moment.',
  network: 'Could not reach the provider. Check the network, the proxy setting and the base URL.',
  timeout: 'The provider did not answer in time. Retry, or raise the timeout setting.',
  taskFailed: 'The provider could not generate this image.',
  unexpectedAnswer: 'The provider sent an answer ImageGen does not understand. The output log has details.',
  taskNotFound: 'The provider does not know this task (it may never have been created). Check your provider dashboard, then retry.',
  imageExpired: 'The finished image is no longer available at the provider (links expire). Generate it again.',
  imageTooLarge: 'The image is larger than the download limit.',
  notAnImage: 'The provider returned something that is not a PNG, JPEG or WebP image.',
  cancelled: 'Cancelled.',
};

/** Builds the user-facing message: our advice first, then what the provider said, if anything. */
export function providerError(kind: ProviderErrorKind, details: ProviderErrorDetails, advice = kindAdvice[kind]): ProviderError {
  const suffix = details.serverMessage ? ` (${details.provider}: ${details.serverMessage})` : '';
  return new ProviderError(kind, `${advice}${suffix}`, details);
}

