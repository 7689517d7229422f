// The client for a provider, built by its descriptor (src/providers/<id>/descriptor.ts).
import type { ProviderId } from '../core/catalog/models';
import { providerDescriptors } from './descriptors';
import type { ProviderLimits } from './providerDescriptor';
import type { ImageProvider, ProviderConfig } from './provider';

export type { ProviderLimits };

export function createProvider(id: ProviderId, config: ProviderConfig, limits: ProviderLimits): ImageProvider {
  return providerDescriptors[id].create(config, limits);
}
