// What the runner keeps about candidates (issue 25): the ones whose images come with another
// task's single request (OpenAI `n`) — they are sent, cancelled and ended with that request — and
// the group's one placeholder, which goes once no candidate of the group can still be picked.
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Destination } from './ports';
import type { TaskStore } from './taskStore';

const isOpen = (record: TaskRecord) => record.state === 'queued' || record.state === 'running';

export class CandidateGroups {
  /** Rider ids by the id of the task that sends their request, in the order of the answer's images. */
  private readonly riders = new Map<string, readonly string[]>();

  constructor(
    private readonly tasks: TaskStore,
    private readonly destination: Destination,
  ) {}

  /** `riders`' images come with `sender`'s request. */
  share(sender: string, riders: readonly string[]): void {
    if (riders.length > 0) this.riders.set(sender, riders);
  }

  /** The task whose request brings `id`'s image, while that request is followed here. */
  senderOf(record: TaskRecord): string | undefined {
    const sender = record.candidate?.viaTask;
    return sender !== undefined && this.riders.get(sender)?.includes(record.id) ? sender : undefined;
  }

  /** The sender and its riders as they are now, in the order of the answer's images. */
  sharers(id: string, record: TaskRecord): readonly TaskRecord[] {
    const riders = (this.riders.get(id) ?? []).flatMap((rider) => this.tasks.get(rider) ?? []);
    return [this.tasks.get(id) ?? record, ...riders];
  }

  /** The sender's request is settled: its riders no longer hang on it. */
  settled(id: string): void {
    this.riders.delete(id);
  }

  /** The sender's request ended without images: each rider still open ends the same way. */
  endRiders(id: string, end: (rider: TaskRecord) => void): void {
    const riders = this.riders.get(id);
    this.riders.delete(id);
    riders?.forEach((rider) => {
      const current = this.tasks.get(rider);
      if (current && isOpen(current)) end(current);
    });
  }

  /** A group whose candidates all ended without an image has nothing to pick: its placeholder goes. */
  ended(done: TaskRecord): void {
    const group = done.candidate?.group;
    if (group === undefined || done.state === 'succeeded') return;
    const members = this.tasks.list().filter((record) => record.candidate?.group === group);
    if (members.every((record) => !isOpen(record) && record.state !== 'succeeded')) this.destination.forget(group);
  }
}
