// The one rule for "may this task already be billed?", for every host that lets a caller go while
// its task goes on (the agent tool, the MCP server, the command line). Such a task is never
// cancelled by its caller's end and never sent again: it is followed on and saved. The rules that
// keep a request from being re-sent live beside it: the runner submits once, the resumer only
// follows accepted tasks (AIReiter is asked by our out_task_id first), and the AIReiter client
// sends again only where "no such task" proves the first one was not billed.
import type { TaskRecord } from '../core/tasks/taskRecord';

/**
 * Whether the provider may already have (and charge for) the task: it accepted it, or a request
 * that may be billed is on its way (`requestOut`: a synchronous generation, whose answer is the
 * image itself; for a host that never cancels a sent request, any request in flight).
 */
export function mayBeBilled(record: TaskRecord, requestOut: boolean): boolean {
  if (record.state !== 'queued' && record.state !== 'running') return false;
  return record.acceptedAt !== undefined || record.taskId !== undefined || requestOut;
}

/** How a finished task settles in the spending ledger: charged, released (nothing was), or left as expected (it may have been). */
export function spendingOutcome(done: TaskRecord, requestOut = false): 'charged' | 'released' | 'unknown' {
  if (done.state === 'succeeded') return 'charged';
  const mayHaveBeenCharged = done.error?.mayHaveCharged === true || (done.state === 'cancelled' && (requestOut || done.taskId !== undefined || done.acceptedAt !== undefined));
  return mayHaveBeenCharged ? 'unknown' : 'released';
}

/** A task that ended without an answer to its request, which may have reached the provider and been charged. */
export function endedUnconfirmed(record: TaskRecord): boolean {
  return record.state === 'failed' && record.error?.mayHaveCharged === true && record.acceptedAt === undefined && record.taskId === undefined;
}
