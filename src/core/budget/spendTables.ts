// The spending ledger as the studio's tables (issue 25): the last 30 local days, newest first, and
// the same window by model. Each provider counts in its own unit (AIReiter and JimmyAI credits,
// OpenAI-compatible images), so a day's amounts stay one per unit and are never added together.
// Pure: spends, units and the user's time zone in, rows out.
import type { SpendUnit } from './budgetCheck';
import type { TaskSpend } from './spending';
import { localDay, windowStart } from './spendWindow';

export const tableDays = 30;

export interface UnitAmount {
  readonly unit: SpendUnit;
  readonly cost: number;
  /** Some of it is an estimate (no figure from the provider, or the task has not concluded). */
  readonly estimated: boolean;
}

export interface DayRow {
  readonly day: string;
  readonly tasks: number;
  readonly amounts: readonly UnitAmount[];
}

export interface ModelRow {
  /** `provider:model`, as the catalog keys it. */
  readonly model: string;
  readonly provider: string;
  readonly unit: SpendUnit;
  readonly tasks: number;
  readonly cost: number;
  readonly estimated: boolean;
}

export interface SpendTables {
  readonly days: readonly DayRow[];
  readonly models: readonly ModelRow[];
}

/** The first instant of the window the tables cover: local midnight, `tableDays - 1` days before today's. */
export function tablesFrom(now: number, timeZone: string): number {
  let start = windowStart(now, 'day', timeZone);
  // Day by day (not 29 × 24 h): a daylight-saving change makes one local day 23 or 25 hours long.
  for (let day = 1; day < tableDays; day++) start = windowStart(start - 1, 'day', timeZone);
  return start;
}

const rounded = (value: number) => Math.round(value * 100) / 100;

export function spendTables(spends: readonly TaskSpend[], unitOf: (provider: string) => SpendUnit, now: number, timeZone: string): SpendTables {
  const from = tablesFrom(now, timeZone);
  const recent = spends.filter((spend) => spend.at >= from);
  const days = new Map<string, { tasks: number; amounts: Map<SpendUnit, { cost: number; estimated: boolean }> }>();
  const models = new Map<string, { model: string; provider: string; unit: SpendUnit; tasks: number; cost: number; estimated: boolean }>();
  for (const spend of recent) {
    const unit = unitOf(spend.provider);
    const estimated = spend.basis !== 'charged';
    const day = days.get(localDay(spend.at, timeZone)) ?? { tasks: 0, amounts: new Map() };
    day.tasks += 1;
    const inUnit = day.amounts.get(unit) ?? { cost: 0, estimated: false };
    inUnit.cost += spend.cost;
    inUnit.estimated ||= estimated;
    day.amounts.set(unit, inUnit);
    days.set(localDay(spend.at, timeZone), day);
    const key = `${spend.provider}:${spend.model}`;
    const model = models.get(key) ?? { model: key, provider: spend.provider, unit, tasks: 0, cost: 0, estimated: false };
    model.tasks += 1;
    model.cost += spend.cost;
    model.estimated ||= estimated;
    models.set(key, model);
  }
  return {
    days: [...days.entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([day, row]) => ({ day, tasks: row.tasks, amounts: [...row.amounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([unit, { cost, estimated }]) => ({ unit, cost: rounded(cost), estimated })) })),
    models: [...models.values()].map((row) => ({ ...row, cost: rounded(row.cost) })).sort((a, b) => (a.unit === b.unit ? b.cost - a.cost || a.model.localeCompare(b.model) : a.unit.localeCompare(b.unit))),
  };
}
