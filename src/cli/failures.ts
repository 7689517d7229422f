// How the command line ends: 0 when every image was saved, 1 when a generation failed, 2 for bad
// input or usage (nothing was sent) or, from `resume`, a task this environment cannot follow (no
// key, another base URL): what to set, as for a missing key at `generate`, though that task may be
// billed and stays in the journal. A problem is one plain sentence on stderr, never a stack; an
// error nobody expected is one line too, with its details written to a file the line names.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const exitCodes = { saved: 0, failed: 1, usage: 2, interrupted: 130, terminated: 143 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** Bad input or usage, found before anything was sent: said as it is, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Errors whose message is already a plain sentence for the user (paths, the journal, providers). */
const plainErrorNames = new Set(['UsageError', 'WorkspacePathError']);

export const isUsageError = (error: unknown): boolean => error instanceof Error && plainErrorNames.has(error.name);

/** One line for an error nobody expected; its stack goes to a file so the terminal stays readable. */
export function unexpectedErrorLine(error: unknown, now = new Date()): string {
  const message = error instanceof Error ? error.message : String(error);
  const details = join(tmpdir(), `imagegen-cli-error-${now.toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  try {
    writeFileSync(details, `${now.toISOString()} imagegen ${process.argv.slice(2).length} argument(s)\n${error instanceof Error ? (error.stack ?? message) : message}\n`);
    return `Unexpected error: ${firstLine(message)} (details in ${details})`;
  } catch {
    return `Unexpected error: ${firstLine(message)}`;
  }
}

const firstLine = (text: string) => text.split('\n')[0]!.slice(0, 500);
