// What a request for several candidates will probably cost, before anything is sent: one image's
// estimate (the provider profile's, as the budget uses before the ledger knows better) times the
// count. Confirmations show it; the budget itself checks the ledger's figure when the call is made.
import { providerIdOf } from '../catalog/providerNames';
import type { SpendUnit } from '../budget/budgetCheck';
import { providerProfile } from '../../providers/profiles';

export interface CandidatesCost {
  readonly perImage: number;
  readonly total: number;
  readonly unit: SpendUnit;
}

/** Undefined for a model key of no known provider. */
export function candidatesCost(modelKey: string, count: number): CandidatesCost | undefined {
  const provider = providerIdOf(modelKey);
  if (!provider) return undefined;
  const { spending } = providerProfile(provider);
  const perImage = spending.estimate(modelKey.slice(provider.length + 1)).amount;
  return { perImage, total: perImage * count, unit: spending.unit };
}
