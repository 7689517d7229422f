// A group of candidates is reserved in the ledger whole or not at all: each task's expected cost in
// turn (so the second counts the first), and the ones already reserved released again when one is
// refused, so a refused group leaves the ledger as it found it.
import type { LedgerHost } from '../core/budget/ledgerEntry';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Spending } from './ports';

/** Undefined when every record was reserved; else the words of the refusal (nothing stays reserved). */
export async function reserveAll(spending: Spending, records: readonly TaskRecord[], host: LedgerHost): Promise<string | undefined> {
  const reserved: TaskRecord[] = [];
  for (const record of records) {
    const answer = await spending.reserve(record, host);
    if (!answer.ok) {
      reserved.forEach((done) => spending.settle(done, host, 'released'));
      // On disk before the refusal is answered: the caller's next request must not see them reserved.
      await spending.flushed?.();
      return answer.message;
    }
    reserved.push(record);
  }
  return undefined;
}
