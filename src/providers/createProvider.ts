// The client for a provider, built by its descriptor (src/providers/<id>/descriptor.ts).
import type { ProviderId } from '../core/catalog/models';
import { providerDescriptors } from './descriptors';
import type { ProviderLimits } from './providerDescriptor';
import type { ImageProvider, ProviderConfig } from './provider';

export type { ProviderLimits };

/** How a host makes a provider's client: createProvider, or the same loaded on first use. */
export type ProviderFactory = (id: ProviderId, config: ProviderConfig, limits: ProviderLimits) => ImageProvider;

export function createProvider(id: ProviderId, config: ProviderConfig, limits: ProviderLimits): ImageProvider {
  return providerDescriptors[id].create(config, limits);
}
