// What the studio says about the generation it just sent, from the task's state as the host
// reports it: "Sending…" until the provider has accepted the task (an OpenAI-compatible endpoint
// answers only with the image, so it stays "Sending…" until then), "Submitted." once accepted,
// and how it ended. Never "Submitted." for a request the provider has not taken.
import type { StudioState, StudioStrings } from '../../protocol/studioMessages';

type Task = StudioState['tasks'][number];

export function submissionNotice(task: Pick<Task, 'state' | 'error'> | undefined, strings: Pick<StudioStrings, 'sending' | 'submitted' | 'succeeded' | 'notGenerated' | 'cancelledNotice'>): string {
  switch (task?.state) {
    case undefined:
    case 'queued':
      return strings.sending;
    case 'running':
      return strings.submitted;
    case 'succeeded':
      return strings.succeeded;
    case 'failed':
      return strings.notGenerated.replace('{0}', () => task.error ?? '');
    case 'cancelled':
      return strings.cancelledNotice;
  }
}

/** Whether the notice has said its last word about the task. */
export function isSettled(task: Pick<Task, 'state'> | undefined): boolean {
  return task !== undefined && task.state !== 'queued' && task.state !== 'running';
}
