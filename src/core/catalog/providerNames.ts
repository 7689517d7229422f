// Providers as users know them: messages never show ids such as `aireiter`. The names are the
// profiles' (src/providers/<id>/profile.ts).
import { perProvider, providerIds, type ProviderId } from '../../providers/profiles';

export type { ProviderId };

export const providerNames: Readonly<Record<ProviderId, string>> = perProvider((profile) => profile.name);

/** The provider of a `provider:model` key, or undefined for a key of no known provider. */
export function providerIdOf(modelKey: string): ProviderId | undefined {
  return providerIds.find((id) => modelKey.startsWith(`${id}:`));
}

/** The display name of a `provider:model` key's provider (the key's own prefix when unknown). */
export function providerNameOf(modelKey: string): string {
  const id = providerIdOf(modelKey);
  return id ? providerNames[id] : (modelKey.split(':')[0] ?? '');
}
