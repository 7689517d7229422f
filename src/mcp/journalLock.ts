// One server keeps a workspace's task journal at a time: VS Code's published server and another
// agent's may both run on the same folder, and two servers resuming the same tasks would each
// download (and save) the same image. The lock file holds the keeper's pid; a pid that no longer
// runs (a server that was killed) leaves a stale lock, which the next server takes over.
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const journalLockName = 'mcp-tasks.lock';

/** Locks this process holds: a lock naming our pid that is not among them was left by an earlier run. */
const heldHere = new Set<string>();

export type JournalClaim = { readonly ok: true; readonly release: () => Promise<void> } | { readonly ok: false; readonly holder: number };

/** Claims the journal in `folder` (which must exist) for this process. */
export async function claimJournal(folder: string, pid = process.pid): Promise<JournalClaim> {
  const lock = join(folder, journalLockName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(lock, 'wx');
      await file.writeFile(String(pid));
      await file.close();
      heldHere.add(lock);
      return { ok: true, release: () => releaseIfOurs(lock, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const text = (await readFile(lock, 'utf8').catch(() => '')).trim();
    if (text === '' && Date.now() - ((await stat(lock).catch(() => undefined))?.mtimeMs ?? 0) < 10_000) {
      // Created a moment ago by a server still writing its pid: held, not stale.
      return { ok: false, holder: 0 };
    }
    const holder = Number(text);
    // Our own pid on a lock we do not hold was left by an earlier run (a container's server is pid 1 every time).
    const ours = holder === pid && heldHere.has(lock);
    if (Number.isInteger(holder) && holder > 0 && (ours || (holder !== pid && isRunning(holder)))) return { ok: false, holder };
    await unlink(lock).catch(() => undefined); // Stale: its server is gone.
  }
  return { ok: false, holder: 0 };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseIfOurs(lock: string, pid: number): Promise<void> {
  const holder = await readFile(lock, 'utf8').catch(() => '');
  heldHere.delete(lock);
  if (holder.trim() === String(pid)) await unlink(lock).catch(() => undefined);
}
