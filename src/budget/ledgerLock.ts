// The ledger's lock: held for the few milliseconds a host reads the ledger, checks the budget and
// appends what its task is expected to cost, so two hosts (the editor and an agent's MCP server,
// two CLI runs) checking at the same moment cannot both spend the last of a cap. A lock file
// created exclusively; one older than `staleMs` was left by a process that died holding it.
import { open, rm, stat } from 'node:fs/promises';

export interface LockOptions {
  /** How long to wait for another holder before giving up. */
  readonly waitMs?: number;
  /** A lock file older than this was left behind (holders keep it for milliseconds). */
  readonly staleMs?: number;
}

export class LedgerLockTimeout extends Error {}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while holding the lock file `path` (its folder must exist). */
export async function withLedgerLock<T>(path: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  // Longer than staleMs: a lock a crashed host left is taken over before anyone gives up.
  const { waitMs = 20_000, staleMs = 15_000 } = options;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid} ${new Date().toISOString()}\n`).finally(() => file.close());
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Windows answers EPERM while the previous holder's delete is still pending.
      if (code !== 'EEXIST' && code !== 'EPERM') throw error;
    }
    const held = await stat(path).catch(() => undefined);
    if (held && Date.now() - held.mtimeMs > staleMs) {
      await rm(path, { force: true }).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new LedgerLockTimeout(`the spending ledger stayed locked for ${Math.round(waitMs / 1000)} s (${path})`);
    await pause(5 + Math.random() * 20);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true, maxRetries: 5, retryDelay: 20 }).catch(() => undefined);
  }
}
