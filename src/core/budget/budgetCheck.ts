// The one rule before a request is sent: the expected cost, added to what the ledger says was
// spent in each window, must stay within every cap that holds for the provider (the lower of the
// team's and the user's). A refusal names the cap, the spend so far, the expected cost and where
// the cap is set; nothing is sent after it.
import type { Cap, CapName, CapSource, ProviderCaps } from './budgetCaps';
import { isAgentHost, type LedgerHost } from './ledgerEntry';
import { spentSince, type TaskSpend } from './spending';
import { windowStart } from './spendWindow';

export type SpendUnit = 'credits' | 'images';

export interface ExpectedCost {
  readonly amount: number;
  /** `ledger`: the model's last reported cost here at this size; `scaled`: one reported at another size, scaled by the pixels; `catalog`: ImageGen's estimate for the model. */
  readonly basis: 'ledger' | 'scaled' | 'catalog';
}

export interface BudgetQuestion {
  readonly provider: string;
  readonly providerName: string;
  readonly unit: SpendUnit;
  readonly host: LedgerHost;
  readonly expected: ExpectedCost;
  readonly caps: ProviderCaps;
  readonly spends: readonly TaskSpend[];
  readonly now: number;
  readonly timeZone: string;
  /** Images the one call asks for (a group of candidates): `perCall` holds for them all. */
  readonly callImages?: number;
  /** Where the user's own caps are set in this host (default: the imagegen.budget setting; the MCP server and the CLI: IMAGEGEN_BUDGET). */
  readonly userCapsAt?: string;
}

export type BudgetAnswer = { readonly ok: true } | { readonly ok: false; readonly cap: CapName; readonly message: string };

/** Where a cap is changed, in the words of a refusal. */
export function capLocation(source: CapSource, provider: string, cap: CapName, userCapsAt = 'the imagegen.budget setting (user settings)'): string {
  return source === 'workspace' ? `"budget" › "${provider}" › "${cap}" in .vscode/imagegen.json` : `"${provider}" › "${cap}" in ${userCapsAt}`;
}

function amountText(amount: number, unit: SpendUnit): string {
  const rounded = Math.round(amount * 100) / 100;
  const words = unit === 'credits' ? (rounded === 1 ? 'credit' : 'credits') : rounded === 1 ? 'image' : 'images';
  return `${rounded.toLocaleString('en-US')} ${words}`;
}

const windowWords: Record<Exclude<CapName, 'perCall'>, { readonly per: string; readonly so: string; readonly reset: string }> = {
  perDay: { per: 'a day', so: 'today', reset: 'it starts again at midnight' },
  perMonth: { per: 'a month', so: 'this month', reset: 'it starts again on the first of the month' },
  agentsPerDay: { per: 'a day for agents (the agent tool and the MCP server)', so: 'by agents today', reset: 'it starts again at midnight' },
};

/** Whether the generation may be sent within the caps; the first cap it would go over otherwise. */
export function checkBudget(question: BudgetQuestion): BudgetAnswer {
  const { caps, expected, unit, providerName, provider } = question;
  const basis = expected.basis === 'ledger' ? 'its last cost here' : expected.basis === 'scaled' ? 'its last cost here at another size, scaled to this one' : "ImageGen's estimate for the model";
  const cost = `about ${amountText(expected.amount, unit)} (${basis})`;
  const perCall = caps.perCall;
  const images = Math.max(1, question.callImages ?? 1);
  if (perCall && expected.amount * images > perCall.amount) {
    const what = images > 1 ? `these ${images} ${providerName} candidates would cost ${amountText(expected.amount * images, unit)} in all (each ${cost})` : `this ${providerName} generation would cost ${cost}`;
    return {
      ok: false,
      cap: 'perCall',
      message: `Not sent: ${what}, over the cap of ${amountText(perCall.amount, unit)} per call. The cap is ${capLocation(perCall.source, provider, 'perCall', question.userCapsAt)}.`,
    };
  }
  const windows: [Exclude<CapName, 'perCall'>, Cap | undefined][] = [
    ['perDay', caps.perDay],
    ['perMonth', caps.perMonth],
    ['agentsPerDay', isAgentHost(question.host) ? caps.agentsPerDay : undefined],
  ];
  for (const [name, cap] of windows) {
    if (!cap) continue;
    const from = windowStart(question.now, name === 'perMonth' ? 'month' : 'day', question.timeZone);
    const spent = spentSince(question.spends, provider, from, name === 'agentsPerDay' ? isAgentHost : undefined);
    if (spent + expected.amount > cap.amount) {
      const words = windowWords[name];
      return {
        ok: false,
        cap: name,
        message: `Not sent: ${amountText(spent, unit)} of the ${amountText(cap.amount, unit)} ${words.per} for ${providerName} ${spent === 1 ? 'is' : 'are'} spent ${words.so}, and this generation would cost ${cost} more. The cap is ${capLocation(cap.source, provider, name, question.userCapsAt)}; ${words.reset}.`,
      };
    }
  }
  return { ok: true };
}
