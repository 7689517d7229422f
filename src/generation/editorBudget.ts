// The budget inside VS Code: the team's `"budget"` from every workspace folder's
// .vscode/imagegen.json (the lowest cap holds), the user's from the `imagegen.budget` setting
// (user settings only: a workspace cannot raise or lift it), the ledger in the first folder's
// .imagegen/ (shared with the MCP server and the command line on the same folder). Loaded with the
// deferred code on the first generation, not at activation.
import * as vscode from 'vscode';
import { budgetSchema } from '../core/budget/budgetCaps';
import { settingKeys } from '../config/settings';
import { systemTimeZone } from '../core/budget/spendWindow';
import { readTeamBudget, unreadableTeamBudget } from '../core/budget/teamBudget';
import { BudgetKeeper, type BudgetSources } from '../budget/budgetKeeper';
import { SpendingLedger } from '../budget/spendingLedger';
import type { Logger } from '../engine/ports';
import { readTeamFiles, teamFileName } from './teamFiles';

const editorBudgetSources: BudgetSources = {
  team: async () =>
    (await readTeamFiles()).flatMap((file) => {
      if (file.state === 'absent') return [];
      return [file.state === 'read' ? readTeamBudget(file.text, teamFileName(file.uri)) : unreadableTeamBudget(teamFileName(file.uri), file.why)];
    }),
  user: () => {
    // The user's own value only: a workspace's settings.json must not change what a person allowed.
    const raw = vscode.workspace.getConfiguration('imagegen').inspect<unknown>(settingKeys.budget)?.globalValue;
    if (raw === undefined) return {};
    const parsed = budgetSchema.safeParse(raw);
    if (parsed.success) return { budget: parsed.data };
    const issue = parsed.error.issues[0]!;
    return { problem: `The imagegen.budget setting: ${issue.path.join('.') || 'budget'}: ${issue.message}.` };
  },
};

export function editorBudget(log: Logger): BudgetKeeper {
  const folder = vscode.workspace.workspaceFolders?.[0];
  // The ledger is a file beside the workspace's images: a folder on disk (local, Remote, WSL, Codespaces all give the extension host one).
  const ledger = folder && folder.uri.scheme === 'file' ? SpendingLedger.forWorkspace(folder.uri.fsPath) : undefined;
  return new BudgetKeeper(ledger, editorBudgetSources, log, systemTimeZone());
}
