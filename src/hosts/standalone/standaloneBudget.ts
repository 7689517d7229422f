// The budget where there is no VS Code (the MCP server, the command line): the team's from the
// workspace's .vscode/imagegen.json, read at each request (a teammate may have changed it); the
// user's from IMAGEGEN_BUDGET (the same JSON as the imagegen.budget setting, which VS Code passes
// to the server it publishes). The ledger is the workspace's, shared with the editor.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { budgetSchema } from '../../core/budget/budgetCaps';
import { systemTimeZone } from '../../core/budget/spendWindow';
import { readTeamBudget, unreadableTeamBudget } from '../../core/budget/teamBudget';
import { presetsFileName } from '../../core/presets/presetsFile';
import { BudgetKeeper, type BudgetSources } from '../../budget/budgetKeeper';
import { SpendingLedger } from '../../budget/spendingLedger';
import type { Logger } from '../../engine/ports';

export const budgetVariable = 'IMAGEGEN_BUDGET';

export function standaloneBudgetSources(workspace: string, env: Readonly<Record<string, string | undefined>>): BudgetSources {
  return {
    userCapsAt: `${budgetVariable} (this process's environment)`,
    team: async () => {
      try {
        return [readTeamBudget(await readFile(join(workspace, ...presetsFileName.split('/')), 'utf8'))];
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        // There but unreadable: a problem that names the file, as in the editor.
        return [unreadableTeamBudget(presetsFileName, error instanceof Error ? error.message : String(error))];
      }
    },
    user: () => {
      const raw = env[budgetVariable];
      if (raw === undefined || raw.trim() === '') return {};
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return { problem: `${budgetVariable} is not JSON; write it as the imagegen.budget setting, e.g. {"aireiter":{"perDay":2000}}.` };
      }
      const parsed = budgetSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return { problem: `${budgetVariable}: ${issue.path.join('.') || 'budget'}: ${issue.message}.` };
      }
      return { budget: parsed.data };
    },
  };
}

export function standaloneBudget(workspace: string, log: Logger, env: Readonly<Record<string, string | undefined>> = process.env): BudgetKeeper {
  return new BudgetKeeper(SpendingLedger.forWorkspace(workspace), standaloneBudgetSources(workspace, env), log, systemTimeZone());
}
