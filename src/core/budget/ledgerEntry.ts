// One line of the workspace's spending ledger (.imagegen/spending.jsonl). Every host appends to it
// (the editor, the agent tool, the MCP server, the command line), so a line is small, complete on
// its own and read leniently: a line that cannot be read is skipped and counted, never fatal.
//
// A task writes up to three lines: `expected` before its request is sent (what it will probably cost,
// so a second writer checking at the same moment sees it), a second `expected` when the provider
// estimates the request itself at its submit (it replaces the first), then `charged` (what it cost: the
// provider's figure, or the estimate marked `estimated`) or `released` (nothing was charged).
import * as z from 'zod/mini';

export const ledgerHosts = ['editor', 'agent', 'mcp', 'cli'] as const;
export type LedgerHost = (typeof ledgerHosts)[number];

/** Calls that count against `agentsPerDay`: a coding agent's, through the tool or the MCP server. */
export function isAgentHost(host: LedgerHost): boolean {
  return host === 'agent' || host === 'mcp';
}

const base = {
  v: z.literal(1),
  task: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Milliseconds since the epoch. */
  at: z.number(),
  provider: z.string().check(z.minLength(1), z.maxLength(50)),
  model: z.string().check(z.minLength(1), z.maxLength(200)),
  host: z.enum(ledgerHosts),
};
/** The request's size as its cost is kept ("2048x2048", else the resolution asked): a price depends on it. Absent in lines from before. */
const size = z.optional(z.string().check(z.minLength(1), z.maxLength(50)));

export const ledgerEntrySchema = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('expected'), cost: z.number().check(z.nonnegative()), size }),
  z.object({ ...base, kind: z.literal('charged'), cost: z.number().check(z.nonnegative()), estimated: z.boolean(), images: z.optional(z.int().check(z.positive())), size }),
  z.object({ ...base, kind: z.literal('released') }),
]);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export interface LedgerRead {
  readonly entries: readonly LedgerEntry[];
  /** Lines that were not ledger entries (a foreign edit, a line cut short by a crash). */
  readonly skipped: number;
}

/** The ledger's text as entries, in the order they were written. */
export function readLedgerText(text: string): LedgerRead {
  const entries: LedgerEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = ledgerEntrySchema.safeParse(JSON.parse(line));
      if (parsed.success) entries.push(parsed.data);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { entries, skipped };
}

/** One entry as one line, newline included. */
export function ledgerLine(entry: LedgerEntry): string {
  return `${JSON.stringify(entry)}\n`;
}
