// What has been spent, for people to see: today's spend per provider beside its day caps (the
// status bar), and the ledger by day and by model (Show Spending). Pure: entries, caps and the
// user's time zone in, words and numbers out.
import type { CapName, ProviderCaps } from './budgetCaps';
import type { SpendUnit } from './budgetCheck';
import { isAgentHost } from './ledgerEntry';
import { spentSince, type TaskSpend } from './spending';
import { localDay, windowStart } from './spendWindow';

export interface ProviderToday {
  readonly provider: string;
  readonly name: string;
  readonly unit: SpendUnit;
  readonly spent: number;
  readonly agentsSpent: number;
  readonly caps: ProviderCaps;
}

export function todayFor(spends: readonly TaskSpend[], provider: string, name: string, unit: SpendUnit, caps: ProviderCaps, now: number, timeZone: string): ProviderToday {
  const from = windowStart(now, 'day', timeZone);
  return { provider, name, unit, caps, spent: spentSince(spends, provider, from), agentsSpent: spentSince(spends, provider, from, isAgentHost) };
}

const amount = (value: number) => (Math.round(value * 100) / 100).toLocaleString('en-US');
const unitWord = (unit: SpendUnit) => (unit === 'credits' ? 'credits' : 'images');

/** "AIReiter 300/2,000 credits today" (the day cap when there is one). */
export function todayText(today: ProviderToday): string {
  const cap = today.caps.perDay;
  return `${today.name} ${amount(today.spent)}${cap ? `/${amount(cap.amount)}` : ''} ${unitWord(today.unit)} today`;
}

export interface SpendRow {
  readonly day: string;
  readonly model: string;
  readonly tasks: number;
  readonly cost: number;
  /** Some of it is an estimate (no figure from the provider, or not concluded). */
  readonly estimated: boolean;
}

/** The ledger by local day and model, newest day first. */
export function spendByDayAndModel(spends: readonly TaskSpend[], timeZone: string): SpendRow[] {
  const rows = new Map<string, { day: string; model: string; tasks: number; cost: number; estimated: boolean }>();
  for (const spend of spends) {
    const day = localDay(spend.at, timeZone);
    const model = `${spend.provider}:${spend.model}`;
    const key = `${day} ${model}`;
    const row = rows.get(key) ?? { day, model, tasks: 0, cost: 0, estimated: false };
    row.tasks += 1;
    row.cost += spend.cost;
    row.estimated ||= spend.basis !== 'charged';
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (a.day === b.day ? a.model.localeCompare(b.model) : a.day < b.day ? 1 : -1));
}

export const dayCaps: readonly CapName[] = ['perDay', 'agentsPerDay'];
