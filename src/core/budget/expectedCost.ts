// What a generation will probably cost before it is sent. A price depends on the model AND the
// size asked (a 4K image costs more than a 1K one), so the ledger's figures are kept per size: the
// model's last cost the provider reported here at this size; else the catalog's estimate, raised
// to a cost reported at another size scaled by the pixels (a cap must not pass 4K calls on a 1K
// figure); times the images asked. After the submit, a provider that estimates the request itself
// (AIReiter's `estimated_credits`) replaces the reservation (BudgetKeeper.estimated).
import { parseSize, pixelCount } from '../catalog/sizes';
import type { ExpectedCost, SpendUnit } from './budgetCheck';
import type { LedgerEntry } from './ledgerEntry';
import { lastChargedCost, lastChargedCostAnySize } from './spending';

/** A provider's unit and its estimate per image for a model, before the ledger knows better. */
export interface SpendingProfile {
  readonly unit: SpendUnit;
  /** Per image, in `unit`; `basis` says where the figure comes from (shown nowhere but the code and the docs). */
  estimate(model: string): { readonly amount: number; readonly basis: string };
}

/** What of a request the ledger keys its cost by: the model's key, and the size's pixels ("2048x2048") when known, else its resolution or size as asked. */
export interface CostKey {
  readonly provider: string;
  readonly model: string;
  readonly size: string | undefined;
}

/** The size a task's cost is kept under: its pixels when the catalog knows them, else what was asked. */
export function costSizeOf(record: { readonly pixels?: string; readonly input: { readonly size?: string; readonly resolution?: string } }): string | undefined {
  return record.pixels ?? record.input.size ?? record.input.resolution;
}

export function expectedCost(entries: readonly LedgerEntry[], key: CostKey, spending: SpendingProfile, images = 1): ExpectedCost {
  const same = lastChargedCost(entries, key.provider, key.model, key.size);
  if (same !== undefined) return { amount: same * images, basis: 'ledger' };
  const catalog = spending.estimate(key.model).amount;
  const scaled = scaledToSize(lastChargedCostAnySize(entries, key.provider, key.model), key.size);
  return scaled !== undefined && scaled > catalog ? { amount: scaled * images, basis: 'scaled' } : { amount: catalog * images, basis: 'catalog' };
}

/** A cost reported at one size, at another by the pixels; undefined when either size has no pixels. */
function scaledToSize(known: { readonly cost: number; readonly size: string | undefined } | undefined, size: string | undefined): number | undefined {
  const from = known?.size !== undefined ? parseSize(known.size) : undefined;
  const to = size !== undefined ? parseSize(size) : undefined;
  if (!known || !from || !to) return undefined;
  return Math.ceil((known.cost * pixelCount(to)) / pixelCount(from));
}
