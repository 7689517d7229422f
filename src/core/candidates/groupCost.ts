// What a group of candidates will probably cost, said before anything is sent (the wizard's and the
// agent tool's confirmation): the provider profile's estimate per image times the count, in the
// provider's unit. The provider's own figure comes only after submitting, so this is marked an estimate.
import { providerProfiles } from '../../providers/profiles';

export interface GroupCost {
  readonly amount: number;
  readonly each: number;
  readonly unit: 'credits' | 'images';
}

export function groupCost(modelKey: string, count: number): GroupCost | undefined {
  const profile = providerProfiles.find((candidate) => modelKey.startsWith(`${candidate.id}:`));
  if (!profile) return undefined;
  const each = profile.spending.estimate(modelKey.slice(profile.id.length + 1)).amount;
  return { amount: each * count, each, unit: profile.spending.unit };
}
