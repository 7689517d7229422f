// JimmyAI: its profile and the client that speaks its task API.
import type { ProviderDescriptor } from '../providerDescriptor';
import { JimmyaiProvider } from './jimmyaiProvider';
import { jimmyaiProfile } from './profile';

export const jimmyaiDescriptor: ProviderDescriptor<'jimmyai'> = {
  ...jimmyaiProfile,
  create: (config) => new JimmyaiProvider(config),
};
