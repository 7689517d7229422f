// How many candidates one request may make (issue 25: 1–8, default 1). One home for the bounds, so
// the wizard, the studio, presets, the agent tool, MCP and the CLI refuse the same counts in the
// same words.
export const maxCandidates = 8;
export const candidateCounts = [1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Why `count` is not a number of candidates, or undefined when it is one. */
export function candidateCountProblem(count: number): string | undefined {
  return Number.isInteger(count) && count >= 1 && count <= maxCandidates ? undefined : `The number of candidates must be a whole number from 1 to ${maxCandidates} (it was ${String(count)}).`;
}
