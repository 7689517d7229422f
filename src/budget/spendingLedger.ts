// The workspace's spending ledger, `.imagegen/spending.jsonl`: one line per event, appended by
// every host (editor, agent tool, MCP server, command line). Every append and the check-and-reserve
// before a request is sent hold the ledger's lock (ledgerLock.ts), so lines stay whole and a budget
// holds across processes.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ledgerLine, readLedgerText, type LedgerEntry, type LedgerRead } from '../core/budget/ledgerEntry';
import { ensureImagegenFolder, imagegenFolderName } from '../saving/imagegenFolder';
import { withLedgerLock, type LockOptions } from './ledgerLock';

export const ledgerFileName = 'spending.jsonl';
const lockFileName = 'spending.lock';

/** What a reservation decided: an entry to append (the task may be sent) or none (it may not). */
export type Reservation<T> = { readonly entry: LedgerEntry; readonly value: T } | { readonly entry?: undefined; readonly value: T };

export class SpendingLedger {
  private constructor(
    /** The workspace's `.imagegen` folder. */
    readonly folder: string,
    private readonly lockOptions: LockOptions,
  ) {}

  static forWorkspace(root: string, lockOptions: LockOptions = {}): SpendingLedger {
    return new SpendingLedger(join(root, imagegenFolderName), lockOptions);
  }

  get file(): string {
    return join(this.folder, ledgerFileName);
  }

  /** Every readable entry; none when there is no ledger yet. */
  async read(): Promise<LedgerRead> {
    try {
      return readLedgerText(await readFile(this.file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
      throw error;
    }
  }

  /**
   * Appends one entry (a task's charge or release) under the lock too: append mode keeps small
   * writes whole on Linux, but not on every file system Windows users have (measured: an
   * interleaved line with four writers under Node for Windows), and a torn line is a lost charge.
   */
  async append(entry: LedgerEntry): Promise<void> {
    await ensureImagegenFolder(this.folder);
    await withLedgerLock(join(this.folder, lockFileName), () => appendFile(this.file, ledgerLine(entry), 'utf8'), this.lockOptions);
  }

  /**
   * Under the lock: reads the ledger, lets `decide` look at it, and appends the entry it returns
   * before anyone else may read, so the next check already counts it.
   */
  async reserve<T>(decide: (read: LedgerRead) => Reservation<T>): Promise<T> {
    await ensureImagegenFolder(this.folder);
    return withLedgerLock(
      join(this.folder, lockFileName),
      async () => {
        const decision = decide(await this.read());
        if (decision.entry) await appendFile(this.file, ledgerLine(decision.entry), 'utf8');
        return decision.value;
      },
      this.lockOptions,
    );
  }
}
