// The oldest Node the command line runs on: undici (its transport, with the proxy from the
// environment) needs 20.18.1. Checked before anything else is loaded, so an old Node gets one plain
// sentence instead of a syntax or module error from deep inside a dependency.
export const minimumNode = '20.18.1';

/** Why this Node cannot run the command line, or undefined when it can. */
export function nodeVersionProblem(version: string): string | undefined {
  const parts = (text: string) => text.replace(/^v/, '').split('.').map((part) => Number.parseInt(part, 10) || 0);
  const have = parts(version);
  const need = parts(minimumNode);
  for (let index = 0; index < need.length; index += 1) {
    const difference = (have[index] ?? 0) - need[index]!;
    if (difference !== 0) return difference > 0 ? undefined : `imagegen needs Node ${minimumNode} or later; this is Node ${version.replace(/^v/, '')}. Install a newer Node (https://nodejs.org) and run it again.`;
  }
  return undefined;
}
