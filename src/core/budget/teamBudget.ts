// The team's budget in `.vscode/imagegen.json` (beside its presets): `"budget"`, keyed by provider.
// Read as the presets are (comments and trailing commas are fine), strictly: a cap that cannot be
// read is a problem with its place in the file, and the engine sends nothing while there is one
// (a budget silently ignored would let an agent spend past it).
import { findNodeAtLocation, getNodeValue, parseTree, type ParseError } from 'jsonc-parser';
import { presetsFileName } from '../presets/presetsFile';
import { budgetSchema, type Budget } from './budgetCaps';

export interface BudgetProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export type TeamBudgetRead = { readonly budget: Budget | undefined; readonly problems: readonly BudgetProblem[] };

/** The `"budget"` of the file's text; undefined when it has none. `file` names it in messages. */
export function readTeamBudget(text: string, file: string = presetsFileName): TeamBudgetRead {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !tree) {
    // The presets reader says what is broken; a budget in a file that cannot be read is a problem, never no budget.
    if (!/"budget"\s*:/.test(text)) return { budget: undefined, problems: [] };
    return { budget: undefined, problems: [{ message: `${file} is not valid JSON, so its "budget" cannot be read.`, offset: errors[0]?.offset ?? 0, length: errors[0]?.length ?? 0 }] };
  }
  const node = findNodeAtLocation(tree, ['budget']);
  if (!node) return { budget: undefined, problems: [] };
  const parsed = budgetSchema.safeParse(getNodeValue(node));
  if (parsed.success) return { budget: parsed.data, problems: [] };
  const issue = parsed.error.issues[0]!;
  const at = findNodeAtLocation(node, issue.path as (string | number)[]) ?? node;
  const where = issue.path.length > 0 ? `budget.${issue.path.join('.')}` : 'budget';
  return {
    budget: undefined,
    problems: [{ message: `${file}: ${where}: ${issue.message}. Write caps as numbers, e.g. "budget": { "aireiter": { "perDay": 2000, "agentsPerDay": 500 } }.`, offset: at.offset, length: at.length }],
  };
}

/**
 * A team file that is there but cannot be read (a directory, no permission): it may hold a budget,
 * so it is a problem that stops requests, never "no budget" (a cap the team set must not vanish).
 */
export function unreadableTeamBudget(file: string, why: string): TeamBudgetRead {
  return { budget: undefined, problems: [{ message: `${file} cannot be read (${why}), so a "budget" the team set in it cannot be checked; make the file readable (or remove it).`, offset: 0, length: 0 }] };
}
