// Every model ImageGen can drive, with the rules the seeds and provider docs give for it. Each
// provider's models are declared in its profile (src/providers/<id>/profile.ts, plain data over
// core types); this is where they meet, for everything that looks a model up by its key.
import { providerIds, providerProfiles, type ProviderId } from '../../providers/profiles';
import type { ModelSpecOf } from './modelSpec';

export { providerIds, type ProviderId };
export { backgrounds } from './modelSpec';
export type { Background, CellSize, CustomSizeRule, PollingAdvice, Quality, Resolution } from './modelSpec';

export type ModelSpec = ModelSpecOf<ProviderId>;

export const models: readonly ModelSpec[] = providerProfiles.flatMap((profile): readonly ModelSpec[] => profile.models);

/** The models the wizard, the studio and list_models offer: every listed one that is not shut down. */
export const offeredModels: readonly ModelSpec[] = models.filter((model) => !model.retired);

const byKey = new Map(models.map((model) => [model.key, model]));

/**
 * The rules for a `provider:model` key: the catalog's own, or, for a provider that takes ids the
 * catalog does not list (OpenAI-compatible endpoints), its generic ones; undefined for an unknown
 * provider or an unknown model of a provider that takes only its known models (AIReiter, JimmyAI).
 */
export function findModel(key: string): ModelSpec | undefined {
  const known = byKey.get(key);
  if (known) return known;
  const profile = providerProfiles.find((candidate) => key.startsWith(`${candidate.id}:`));
  return profile?.unlistedModels?.rules(key.slice(profile.id.length + 1));
}
