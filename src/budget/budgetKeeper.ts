// The budget before and after every request, for whichever host runs the engine: before sending,
// the expected cost is checked against the caps and reserved in the workspace's ledger (one locked
// step, so a cap holds across hosts); after, the task is charged (the provider's figure, else the
// estimate, marked) or released. Every task is written to the ledger, budget or not, so spending
// can be shown; only with a cap does a ledger that cannot be written stop a request.
import { capsFor, type Budget, type Budgets } from '../core/budget/budgetCaps';
import { checkBudget } from '../core/budget/budgetCheck';
import { costSizeOf, expectedCost } from '../core/budget/expectedCost';
import type { LedgerEntry, LedgerHost } from '../core/budget/ledgerEntry';
import { taskSpends, type TaskSpend } from '../core/budget/spending';
import { todayFor, type ProviderToday } from '../core/budget/spendSummary';
import type { TeamBudgetRead } from '../core/budget/teamBudget';
import { providerProfiles } from '../providers/profiles';
import { providerIdOf, providerNames } from '../core/catalog/providerNames';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Logger, Spending, SpendingAnswer } from '../engine/ports';
import type { SpendingLedger } from './spendingLedger';

export interface BudgetSources {
  /** The team's budget as the files say now (one per workspace folder), with any problem. */
  team(): Promise<readonly TeamBudgetRead[]>;
  /** The user's own caps, or why they cannot be read. */
  user(): { readonly budget?: Budget; readonly problem?: string };
  /** Where the user's caps are set, for a refusal (the imagegen.budget setting, or IMAGEGEN_BUDGET). */
  readonly userCapsAt?: string;
}

/** The lower of several budgets, cap by cap. */
export function lowestOf(budgets: readonly Budget[]): Budget {
  const merged: Record<string, Record<string, number>> = {};
  for (const budget of budgets) {
    for (const [provider, caps] of Object.entries(budget)) {
      const into = (merged[provider] ??= {});
      for (const [name, amount] of Object.entries(caps)) {
        if (amount !== undefined && (into[name] === undefined || amount < into[name]!)) into[name] = amount;
      }
    }
  }
  return merged as Budget;
}

export class BudgetKeeper implements Spending {
  /** Ledger lines being written (a host waits for them before it exits). */
  private readonly writing = new Set<Promise<void>>();

  constructor(
    /** Undefined without a workspace folder: nothing to write to, and no team budget. */
    private readonly ledger: SpendingLedger | undefined,
    private readonly sources: BudgetSources,
    private readonly log: Logger,
    private readonly timeZone: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Today's spend of each provider that has a cap (none without a budget), and the ledger as tasks. */
  async summary(): Promise<{ readonly today: readonly ProviderToday[]; readonly spends: readonly TaskSpend[]; readonly ledger?: string }> {
    if (!this.ledger) return { today: [], spends: [] };
    const { budgets } = await this.budgetsNow();
    const spends = taskSpends((await this.ledger.read()).entries);
    const today = providerProfiles
      .map((profile) => ({ profile, caps: capsFor(profile.id, budgets) }))
      .filter(({ caps }) => Object.keys(caps).length > 0)
      .map(({ profile, caps }) => todayFor(spends, profile.id, profile.name, profile.spending.unit, caps, this.now(), this.timeZone));
    return { today, spends, ledger: this.ledger.file };
  }

  get zone(): string {
    return this.timeZone;
  }

  async reserve(record: TaskRecord, host: LedgerHost): Promise<SpendingAnswer> {
    const provider = providerIdOf(record.input.modelKey);
    if (!provider) return { ok: true };
    const profile = providerProfiles.find((candidate) => candidate.id === provider)!;
    const { budgets, problems } = await this.budgetsNow();
    if (problems.length > 0) return { ok: false, message: `Not sent: the budget cannot be read, so nothing is sent until it is fixed. ${problems.join(' ')}` };
    const caps = capsFor(provider, budgets);
    // Only this provider's caps need the ledger: a cap on another provider does not stop this request.
    const capped = Object.keys(caps).length > 0;
    if (!this.ledger) {
      return capped ? { ok: false, message: `Not sent: a ${providerNames[provider]} budget is set, but there is no folder on disk to keep its spending ledger in. Open a local, Remote or WSL folder.` } : { ok: true };
    }
    const model = record.input.modelKey.slice(provider.length + 1);
    const size = costSizeOf(record);
    try {
      return await this.ledger.reserve<SpendingAnswer>((read) => {
        const expected = expectedCost(read.entries, { provider, model, size }, profile.spending);
        const answer = checkBudget({ callImages: record.candidate?.count ?? 1,  provider, providerName: providerNames[provider], unit: profile.spending.unit, host, expected, caps, spends: taskSpends(read.entries), now: this.now(), timeZone: this.timeZone, ...(this.sources.userCapsAt ? { userCapsAt: this.sources.userCapsAt } : {}) });
        if (!answer.ok) return { value: { ok: false, message: answer.message } };
        const entry: LedgerEntry = { v: 1, kind: 'expected', task: record.id, at: this.now(), provider, model, host, cost: expected.amount, ...(size ? { size } : {}) };
        return { entry, value: { ok: true } };
      });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (capped) return { ok: false, message: `Not sent: the spending ledger (${this.ledger.file}) could not be updated (${why}), and with a budget set nothing is sent without it.` };
      this.log.warn(`The spending ledger could not be updated (${why}); no budget is set, so the task goes on.`);
      return { ok: true };
    }
  }

  settle(record: TaskRecord, host: LedgerHost, outcome: { readonly charged: number | undefined } | 'released'): void {
    const provider = providerIdOf(record.input.modelKey);
    if (!provider || !this.ledger) return;
    const ledger = this.ledger;
    const model = record.input.modelKey.slice(provider.length + 1);
    const size = costSizeOf(record);
    const base = { v: 1 as const, task: record.id, at: this.now(), provider, model, host };
    const sized = size ? { size } : {};
    this.write(async () => {
      let entry: LedgerEntry;
      if (outcome === 'released') {
        entry = { ...base, kind: 'released' };
      } else if (outcome.charged !== undefined) {
        entry = { ...base, kind: 'charged', cost: outcome.charged, estimated: false, ...sized };
      } else if (providerProfiles.find((candidate) => candidate.id === provider)!.spending.unit === 'images') {
        // Counted in images: a delivered image is exactly one, not an estimate.
        entry = { ...base, kind: 'charged', cost: 1, estimated: false, ...sized };
      } else {
        // No figure at the end: charged at the provider's own estimate of the request (given at its
        // submit), else at what was expected for this task (its latest reservation), marked estimated.
        const read = await ledger.read();
        const reserved = [...read.entries].reverse().find((candidate) => candidate.kind === 'expected' && candidate.task === record.id);
        const profile = providerProfiles.find((candidate) => candidate.id === provider)!;
        const cost = record.estimatedCredits ?? (reserved?.kind === 'expected' ? reserved.cost : profile.spending.estimate(model).amount);
        entry = { ...base, kind: 'charged', cost, estimated: true, ...sized };
      }
      await ledger.append(entry);
    }, `Task ${record.id}`);
  }

  /**
   * The provider's own estimate of a sent request (AIReiter's `estimated_credits` at submit): the
   * task's reservation becomes it, so the next check counts what this request will cost at its size.
   */
  estimated(record: TaskRecord, host: LedgerHost, amount: number): void {
    const provider = providerIdOf(record.input.modelKey);
    if (!provider || !this.ledger || providerProfiles.find((candidate) => candidate.id === provider)!.spending.unit !== 'credits') return;
    const ledger = this.ledger;
    const size = costSizeOf(record);
    const entry: LedgerEntry = { v: 1, kind: 'expected', task: record.id, at: this.now(), provider, model: record.input.modelKey.slice(provider.length + 1), host, cost: amount, ...(size ? { size } : {}) };
    this.write(async () => {
      // The same figure as reserved says nothing new: no line.
      const reserved = [...(await ledger.read()).entries].reverse().find((candidate) => candidate.kind === 'expected' && candidate.task === record.id);
      if (reserved?.kind !== 'expected' || reserved.cost !== amount) await ledger.append(entry);
    }, `Task ${record.id}`);
  }

  async flushed(): Promise<void> {
    await Promise.all([...this.writing]);
  }

  /** A ledger write the host waits for before it exits; a failure is logged, never thrown at the task. */
  private write(work: () => Promise<void>, what: string): void {
    const write = work().catch((error: unknown) => this.log.warn(`${what}: the spending ledger could not be updated (${error instanceof Error ? error.message : String(error)}).`));
    this.writing.add(write);
    void write.finally(() => this.writing.delete(write));
  }

  /**
   * The budgets as the sources say now: the team's files (lowest cap of all folders; none without
   * a ledger folder, which is also where they live) and the user's own, with what stops them being read.
   */
  private async budgetsNow(): Promise<{ readonly budgets: Budgets; readonly problems: readonly string[] }> {
    const team = this.ledger ? await this.sources.team() : [];
    const user = this.sources.user();
    const problems = [...team.flatMap((read) => read.problems.map((problem) => problem.message)), ...(user.problem ? [user.problem] : []), ...unknownProviders(team, user.budget)];
    const budgets = { workspace: lowestOf(team.flatMap((read) => (read.budget ? [read.budget] : []))), ...(user.budget ? { user: user.budget } : {}) };
    return { budgets, problems };
  }
}

/** A budget keyed by a name that is no provider ("AIReiter", "openai-compatible") would hold nothing: a problem, never ignored. */
function unknownProviders(team: readonly TeamBudgetRead[], user: Budget | undefined): string[] {
  const ids: readonly string[] = providerProfiles.map((profile) => profile.id);
  const keys = [...team.flatMap((read) => Object.keys(read.budget ?? {})), ...Object.keys(user ?? {})];
  return [...new Set(keys.filter((key) => !ids.includes(key)))].map((key) => `"${key}" is not a provider: budgets are keyed by ${ids.join(', ')}.`);
}
