// Providers as users know them, the one home of their display names: messages never show ids
// such as `aireiter`.
import { providerIds, type ProviderId } from './models';

export type { ProviderId };

export const providerNames: Readonly<Record<ProviderId, string>> = { aireiter: 'AIReiter', jimmyai: 'JimmyAI', openai: 'OpenAI-compatible' };

/** The provider of a `provider:model` key, or undefined for a key of no known provider. */
export function providerIdOf(modelKey: string): ProviderId | undefined {
  return providerIds.find((id) => modelKey.startsWith(`${id}:`));
}

/** The display name of a `provider:model` key's provider (the key's own prefix when unknown). */
export function providerNameOf(modelKey: string): string {
  const id = providerIdOf(modelKey);
  return id ? providerNames[id] : (modelKey.split(':')[0] ?? '');
}
