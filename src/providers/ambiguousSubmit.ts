// A request that creates a paid task and failed after it may have reached the provider: a
// timeout waiting for the answer, a connection reset, a gateway's 5xx. Whether the task exists
// is then unknown; sending it again could charge twice.
import { isProviderError, providerError, type ProviderError } from './errors';
import { certificateCodes, notSentCodes } from './http/transportErrors';

/** Whether the provider may have received (and may charge for) the request that failed so. */
export function isAmbiguousSubmitFailure(error: unknown): error is ProviderError {
  if (!isProviderError(error)) {
    return false;
  }
  switch (error.kind) {
    case 'timeout':
      return true;
    case 'network':
      // Without a code the failure came before any connection (fetch's "bad port", a refused
      // scheme): nothing was sent. With one, only "could not connect" codes and a refused
      // certificate (the TLS handshake ends before any byte of the request) prove that.
      return error.details.code !== undefined && !notSentCodes.has(error.details.code) && !certificateCodes.has(error.details.code);
    case 'server':
      // `retryable: false`: the provider's own verdict inside an answer that arrived (a 2xx with
      // an error object), not a lost answer.
      return error.details.retryable !== false && error.details.status !== 501 && error.details.status !== 505;
    case 'unexpectedAnswer':
      // Accepted, but the answer could not be read (lenientFields' unreadableAnswer).
      return error.details.retryable === true;
    default:
      return false;
  }
}

/**
 * For providers whose create has no idempotency key: the failure, with what the user needs to
 * know. The request is not sent again; the task (and its prompt) stays in Show Tasks for a retry.
 */
export function ambiguousSubmitError(error: ProviderError, providerName: string): ProviderError {
  return providerError(
    error.kind,
    { ...error.details, retryable: false, mayHaveCharged: true },
    `${providerName} may have started this image (and may charge for it), but its answer did not arrive. ImageGen did not send the request again; check your ${providerName} dashboard before retrying from Show Tasks (a retry may charge again).`,
  );
}
