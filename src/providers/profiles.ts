// The one list of providers ImageGen speaks to, in the order lists show them. Every other list of
// providers derives from it: the ids (and the ProviderId type), display names, default endpoints,
// the model catalog, the settings' base URLs, the IMAGEGEN_<ID>_* variables and, through
// descriptors.ts, the factory. It holds only the profiles (static data over core types), so core
// can import it without loading any provider's HTTP code; the layering test keeps it that way.
import { aireiterProfile } from './aireiter/profile';
import { jimmyaiProfile } from './jimmyai/profile';
import { openaiProfile } from './openai/profile';

export const providerProfiles = [aireiterProfile, jimmyaiProfile, openaiProfile] as const;

type IdsOf<Profiles extends readonly { readonly id: string }[]> = { readonly [Index in keyof Profiles]: Profiles[Index]['id'] };

/** The ids as a const tuple (`z.enum(providerIds)` takes it as it is). */
export const providerIds = providerProfiles.map((profile) => profile.id) as unknown as IdsOf<typeof providerProfiles>;

export type ProviderId = (typeof providerIds)[number];

/** The profile of a known provider. */
export function providerProfile(id: ProviderId): (typeof providerProfiles)[number] {
  return providerProfiles.find((profile) => profile.id === id)!;
}

/** A record with one entry per provider, `value` of its profile (names, default endpoints, limits). */
export function perProvider<Value>(value: (profile: (typeof providerProfiles)[number]) => Value): Record<ProviderId, Value> {
  return Object.fromEntries(providerProfiles.map((profile) => [profile.id, value(profile)])) as Record<ProviderId, Value>;
}
