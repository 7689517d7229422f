// The spending caps a team (`"budget"` in .vscode/imagegen.json) or a person (the
// `imagegen.budget` setting) sets, per provider, in the unit that provider reports (credits for
// AIReiter and JimmyAI, images for OpenAI-compatible endpoints). Both may be set: for each cap the
// lower one holds, and it remembers where it was set so a refusal can say where to change it.
import * as z from 'zod/mini';

export const capNames = ['perCall', 'perDay', 'perMonth', 'agentsPerDay'] as const;
export type CapName = (typeof capNames)[number];

const amount = z.optional(z.number().check(z.nonnegative()));
export const providerCapsSchema = z.strictObject({ perCall: amount, perDay: amount, perMonth: amount, agentsPerDay: amount });
/** `{ "aireiter": { "perDay": 2000 } }`: keyed by provider id. */
export const budgetSchema = z.record(z.string(), providerCapsSchema);
export type Budget = z.infer<typeof budgetSchema>;

/** Where a cap was set: the team's file or the user's setting. */
export type CapSource = 'workspace' | 'user';

/** The team's budget and the user's, either of which may be unset. */
export type Budgets = { readonly [S in CapSource]?: Budget };

export interface Cap {
  readonly amount: number;
  readonly source: CapSource;
}

export type ProviderCaps = Partial<Record<CapName, Cap>>;

/** The caps that hold for `provider`: the lower of the team's and the user's, each with its source. */
export function capsFor(provider: string, budgets: Budgets): ProviderCaps {
  const caps: { -readonly [K in CapName]?: Cap } = {};
  for (const source of ['workspace', 'user'] as const) {
    const set = budgets[source]?.[provider];
    if (!set) continue;
    for (const name of capNames) {
      const value = set[name];
      if (value === undefined) continue;
      const held = caps[name];
      if (!held || value < held.amount) caps[name] = { amount: value, source };
    }
  }
  return caps;
}

/** Whether any provider has a cap: the status bar shows today's spend only then. */
export function hasAnyCap(budgets: Budgets): boolean {
  return [budgets.workspace, budgets.user].some((budget) => budget !== undefined && Object.values(budget).some((caps) => capNames.some((name) => caps[name] !== undefined)));
}
