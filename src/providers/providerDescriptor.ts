// A provider as ImageGen drives it: its profile (id, name, defaultBaseUrl, models: what the
// catalog reads) plus `create`, which builds its HTTP client. Each provider folder exports one
// (src/providers/<id>/descriptor.ts); descriptors.ts holds them by id.
import type { ProviderProfile } from '../core/catalog/providerProfile';
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

export interface ProviderDescriptor<Id extends string = string> extends ProviderProfile<Id> {
  /** The client for one endpoint and key; each provider takes from `limits` what concerns it. */
  create(config: ProviderConfig, limits: ProviderLimits): ImageProvider;
}
