import type { ProviderId } from '../core/catalog/models';
import { AireiterProvider } from './aireiter/aireiterProvider';
import { JimmyaiProvider } from './jimmyai/jimmyaiProvider';
import { OpenaiProvider } from './openai/openaiProvider';
import type { ImageProvider, ProviderConfig } from './provider';

export interface ProviderLimits {
  readonly maxImageBytes: number;
  /** How long an OpenAI-compatible generation may take to answer (imagegen.openai.timeoutSeconds). */
  readonly openaiTimeoutMs: number;
  /** Partial images to stream as previews (imagegen.openai.partialImages); 0 turns streaming off. */
  readonly partialImages: number;
  /** The pause before an ambiguous AIReiter submit is looked up (tests shorten it). */
  readonly aireiterLookupDelayMs?: number;
}

export function createProvider(id: ProviderId, config: ProviderConfig, limits: ProviderLimits): ImageProvider {
  switch (id) {
    case 'aireiter':
      return new AireiterProvider(config, limits.aireiterLookupDelayMs !== undefined ? { lookupDelayMs: limits.aireiterLookupDelayMs } : {});
    case 'jimmyai':
      return new JimmyaiProvider(config);
    case 'openai':
      return new OpenaiProvider(config, { ...limits, requestTimeoutMs: limits.openaiTimeoutMs });
  }
}
