// The studio's spending section, read from the workspace's ledger through the budget keeper
// (src/budget/budgetKeeper.ts): today against the caps, the last 30 days by day and by model.
// The ledger is also written by other processes (the MCP server, the command line), so the
// controller reads it again whenever the page is shown, a task ends or the file changes.
import * as vscode from 'vscode';
import type { BudgetKeeper } from '../../budget/budgetKeeper';
import { spendTables } from '../../core/budget/spendTables';
import { spentSince } from '../../core/budget/spending';
import { windowStart } from '../../core/budget/spendWindow';
import { maxErrorTextLength, truncateText } from '../../core/text';
import { providerProfiles } from '../../providers/profiles';
import type { StudioSpending } from '../../protocol/studioMessages';

const unitOf = (provider: string) => providerProfiles.find((profile) => profile.id === provider)?.spending.unit ?? 'credits';

export async function readStudioSpending(keeper: BudgetKeeper, now: number = Date.now()): Promise<StudioSpending> {
  try {
    const summary = await keeper.summary();
    const monthFrom = windowStart(now, 'month', keeper.zone);
    const tables = spendTables(summary.spends, unitOf, now, keeper.zone);
    return {
      today: summary.today.map((today) => ({
        provider: today.provider,
        name: today.name,
        unit: today.unit,
        spent: today.spent,
        agentsSpent: today.agentsSpent,
        monthSpent: spentSince(summary.spends, today.provider, monthFrom),
        caps: Object.fromEntries(Object.entries(today.caps).map(([name, cap]) => [name, cap.amount])),
      })),
      days: tables.days.map((day) => ({ ...day, amounts: [...day.amounts] })),
      models: [...tables.models].slice(0, 200),
      ...(summary.ledger ? { ledger: vscode.workspace.asRelativePath(summary.ledger, false) } : {}),
    };
  } catch (error) {
    return { today: [], days: [], models: [], problem: truncateText(vscode.l10n.t('The spending ledger cannot be read: {0}', error instanceof Error ? error.message : String(error)), maxErrorTextLength) };
  }
}
