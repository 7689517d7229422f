// What a generation will probably cost before it is sent: the model's last cost the provider
// reported in this workspace's ledger, else the provider profile's estimate, times the images asked.
import type { ExpectedCost, SpendUnit } from './budgetCheck';
import type { LedgerEntry } from './ledgerEntry';
import { lastChargedCost } from './spending';

/** A provider's unit and its estimate per image for a model, before the ledger knows better. */
export interface SpendingProfile {
  readonly unit: SpendUnit;
  /** Per image, in `unit`; `basis` says where the figure comes from (shown nowhere but the code and the docs). */
  estimate(model: string): { readonly amount: number; readonly basis: string };
}

export function expectedCost(entries: readonly LedgerEntry[], provider: string, model: string, spending: SpendingProfile, images = 1): ExpectedCost {
  const last = lastChargedCost(entries, provider, model);
  return last !== undefined ? { amount: last * images, basis: 'ledger' } : { amount: spending.estimate(model).amount * images, basis: 'catalog' };
}
