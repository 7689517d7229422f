/** A task that cannot go on for a reason of ImageGen's own (not the provider's, not saving); recognized by name. */
export class TaskStopped extends Error {
  override readonly name = 'TaskStopped';
}
