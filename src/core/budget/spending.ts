// What the ledger says was spent: one amount per task (what it was charged, else what it was
// expected to cost unless it was released), by provider, in a window, by day and by model.
import type { LedgerEntry, LedgerHost } from './ledgerEntry';

export interface TaskSpend {
  readonly task: string;
  readonly provider: string;
  readonly model: string;
  readonly host: LedgerHost;
  /** When the task was expected (or charged, for a task with no expected line). */
  readonly at: number;
  readonly cost: number;
  /** `charged`: the provider said; `estimated`: charged at an estimate; `expected`: not concluded (still running, or its host stopped). */
  readonly basis: 'charged' | 'estimated' | 'expected';
}

/** Each task once, at the amount that counts against a budget; released tasks count nothing. */
export function taskSpends(entries: readonly LedgerEntry[]): TaskSpend[] {
  const byTask = new Map<string, TaskSpend | null>();
  for (const entry of entries) {
    const known = byTask.get(entry.task);
    if (entry.kind === 'released') {
      byTask.set(entry.task, null);
    } else if (entry.kind === 'charged') {
      const at = known ? known.at : entry.at;
      byTask.set(entry.task, { task: entry.task, provider: entry.provider, model: entry.model, host: entry.host, at, cost: entry.cost, basis: entry.estimated ? 'estimated' : 'charged' });
    } else if (known === undefined || known?.basis === 'expected') {
      // A second expected line is the provider's own estimate after the submit: it replaces the first, on the day the task was sent.
      byTask.set(entry.task, { task: entry.task, provider: entry.provider, model: entry.model, host: entry.host, at: known ? known.at : entry.at, cost: entry.cost, basis: 'expected' });
    }
  }
  return [...byTask.values()].filter((spend): spend is TaskSpend => spend !== null);
}

/** The total for `provider` since `from` (inclusive), of the hosts `counts` accepts. */
export function spentSince(spends: readonly TaskSpend[], provider: string, from: number, counts: (host: LedgerHost) => boolean = () => true): number {
  return spends.filter((spend) => spend.provider === provider && spend.at >= from && counts(spend.host)).reduce((sum, spend) => sum + spend.cost, 0);
}

/** The model's last cost per image the provider reported (its `credits_used`) at this size, for the next expected cost. */
export function lastChargedCost(entries: readonly LedgerEntry[], provider: string, model: string, size: string | undefined): number | undefined {
  const entry = lastReported(entries, provider, model, (candidate) => candidate === size);
  return entry ? entry.cost / (entry.images ?? 1) : undefined;
}

/** The model's last reported cost per image at whatever size, with that size (a line from before sizes were kept has none). */
export function lastChargedCostAnySize(entries: readonly LedgerEntry[], provider: string, model: string): { readonly cost: number; readonly size: string | undefined } | undefined {
  const entry = lastReported(entries, provider, model, () => true);
  return entry ? { cost: entry.cost / (entry.images ?? 1), size: entry.size } : undefined;
}

function lastReported(entries: readonly LedgerEntry[], provider: string, model: string, sized: (size: string | undefined) => boolean): Extract<LedgerEntry, { kind: 'charged' }> | undefined {
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index]!;
    if (entry.kind === 'charged' && !entry.estimated && entry.provider === provider && entry.model === model && sized(entry.size)) return entry;
  }
  return undefined;
}
