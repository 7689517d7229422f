// gpt-image-2's transparent background is a preview: some accounts get HTTP 400 "Transparent
// background is not supported for this model" [3p, providers.md §5]. Nothing was made or billed,
// and the same request would be refused again, so it is a refusal the user can act on: never
// re-sent, never read as a broken answer.
import { providerError, type ProviderError, type ProviderErrorDetails } from '../errors';

const refusalWords = /transparent background[^.]*not supported|not support[^.]*transparen/i;

/** Whether a provider's message is the refusal of `background: transparent`. */
export function refusesTransparency(message: unknown): boolean {
  return typeof message === 'string' && refusalWords.test(message);
}

export function transparencyRefused(details: ProviderErrorDetails): ProviderError {
  return providerError(
    'invalidRequest',
    { ...details, retryable: false },
    `${details.provider} refused a transparent background for this model on this account: use background auto, or remove a flat background.`,
  );
}
