// AIReiter: its profile and the client that speaks its task API.
import type { ProviderDescriptor } from '../providerDescriptor';
import { AireiterProvider } from './aireiterProvider';
import { aireiterProfile } from './profile';

export const aireiterDescriptor: ProviderDescriptor<'aireiter'> = {
  ...aireiterProfile,
  create: (config, limits) => new AireiterProvider(config, limits.aireiterLookupDelayMs !== undefined ? { lookupDelayMs: limits.aireiterLookupDelayMs } : {}),
};
