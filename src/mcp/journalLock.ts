// One server keeps a workspace's task journal at a time: VS Code's published server and another
// agent's may both run on the same folder, and two servers resuming the same tasks would each
// download (and save) the same image. The lock file holds the keeper's pid; a pid that no longer
// runs (a server that was killed) leaves a stale lock, which the next server takes over.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const journalLockName = 'mcp-tasks.lock';

export type JournalClaim = { readonly ok: true; readonly release: () => Promise<void> } | { readonly ok: false; readonly holder: number };

/** Claims the journal in `folder` (which must exist) for this process. */
export async function claimJournal(folder: string, pid = process.pid): Promise<JournalClaim> {
  const lock = join(folder, journalLockName);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(lock, 'wx');
      await file.writeFile(String(pid));
      await file.close();
      return { ok: true, release: () => releaseIfOurs(lock, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) return { ok: false, holder };
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
  if (holder.trim() === String(pid)) await unlink(lock).catch(() => undefined);
}
