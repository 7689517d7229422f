// Spending where people look (issue 25): today's spend beside the day caps in the status bar when
// a budget is set, and "ImageGen: Show Spending", which opens the studio at its spending section
// (src/webview/studio/spendingSection.ts: the ledger by day and model). The numbers come
// from the budget's own code (dist/deferred.js), loaded after activation only when a budget may
// be set (the user's setting, or a team file that names one) and refreshed as tasks end.
import * as vscode from 'vscode';
import { todayText } from '../../core/budget/spendSummary';
import type { TaskBoard } from '../../core/tasks/taskBoard';
import { readTeamFiles } from '../../generation/teamFiles';
import type { BudgetKeeper } from '../../budget/budgetKeeper';
import type { TaskStatusBar } from '../../statusBar';
import { Disposable } from '../../util/dispose';

/** Whether a budget may be set, read cheaply (no deferred code): the user's setting or a team file that names one. */
async function budgetMayBeSet(): Promise<boolean> {
  const own = vscode.workspace.getConfiguration('imagegen').inspect<Record<string, unknown>>('budget')?.globalValue;
  if (own && Object.keys(own).length > 0) return true;
  // A file that cannot be read may hold one: looked at (its problem is the budget's to say).
  return (await readTeamFiles()).some((file) => file.state === 'unreadable' || (file.state === 'read' && /"budget"\s*:/.test(file.text)));
}

export class SpendingSupport extends Disposable {
  /** What the status bar shows of today's spend (host tests read it). */
  text: string | undefined;
  private finished = -1;

  constructor(
    private readonly keeper: () => BudgetKeeper,
    private readonly statusBar: TaskStatusBar,
    board: TaskBoard,
    /** Opens the studio panel scrolled to its spending section. */
    private readonly openStudio: () => Promise<void>,
  ) {
    super();
    this.register(vscode.commands.registerCommand('imagegen.showSpending', () => this.show()));
    // A task that ends changes the spend: refreshed then, and once after start-up when a budget may be set.
    this.register(
      board.onDidChange(() => {
        const ended = board.list().filter((task) => task.state !== 'queued' && task.state !== 'running').length;
        if (ended !== this.finished) {
          this.finished = ended;
          void this.refresh();
        }
      }),
    );
    const startup = setTimeout(() => void budgetMayBeSet().then((maybe) => (maybe ? this.refresh() : undefined)), 2_000);
    this.register({ dispose: () => clearTimeout(startup) });
  }

  async refresh(): Promise<void> {
    try {
      const { today } = await this.keeper().summary();
      this.text = today.length > 0 ? today.map(todayText).join(' · ') : undefined;
      this.statusBar.setSpend(this.text);
    } catch {
      // The ledger cannot be read now: the status bar keeps what it showed; Show Spending says why.
    }
  }

  /**
   * Show Spending opens the studio at its spending section, budget or not: one place shows the
   * spend (today against the caps, by day, by model), and without a budget it says how to set one.
   */
  private async show(): Promise<void> {
    void this.refresh();
    await this.openStudio();
  }
}
