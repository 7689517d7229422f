// Where a task's link goes is kept under one id: the task's own, or for a candidate its group's
// (one placeholder for the group, where the candidate the user picks is inserted).
import type { TaskRecord } from '../tasks/taskRecord';

export function placeIdOf(record: Pick<TaskRecord, 'id' | 'candidate'>): string {
  return record.candidate?.group ?? record.id;
}
