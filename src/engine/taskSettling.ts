// A task's terminal status, settled: the image saved, its output made and its link placed (the
// task is done once the link is in), one image per candidate where one request brought several;
// or the failure that says why there is none. The runner hands it its live tasks and its ends.
import * as l10n from '@vscode/l10n';
import { providerNameOf } from '../core/catalog/providerNames';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Settings } from '../config/settings';
import type { ImageResult, SavedImage, TaskStatus } from '../providers/provider';
import type { CandidateGroups } from './candidateGroups';
import type { EngineParts } from './engineParts';
import type { LiveTask } from './taskPolling';
import { TaskStopped } from './taskStopped';

const isOpen = (record: TaskRecord) => record.state === 'queued' || record.state === 'running';

/** How a task ends, the runner's (it stops polling, settles the ledger, fires the events). */
export interface TaskEnds {
  fail(record: TaskRecord, error: unknown): void;
  finish(record: TaskRecord, patch: Partial<TaskRecord> & Pick<TaskRecord, 'state'>): TaskRecord;
}

export class TaskSettling {
  constructor(
    private readonly parts: EngineParts,
    private readonly live: ReadonlyMap<string, LiveTask>,
    private readonly groups: CandidateGroups,
    private readonly ends: TaskEnds,
  ) {}

  /** Handles a terminal status: saves and places the image, or reports why there is none. */
  async settle(id: string, status: TaskStatus): Promise<void> {
    const record = this.parts.tasks.get(id);
    const live = this.live.get(id);
    if (!record || !live || record.state === 'cancelled') {
      return;
    }
    if (status.state === 'failed') {
      this.ends.fail(record, status.error);
      return;
    }
    if (status.state !== 'succeeded') {
      this.ends.finish(record, { state: 'cancelled' });
      this.groups.endRiders(id, (rider) => this.ends.finish(rider, { state: 'cancelled' }));
      return;
    }
    const baseUrl = live.settings.baseUrls[live.provider.id];
    const sharers = this.groups.sharers(id, record);
    this.groups.settled(id);
    const provider = providerNameOf(record.input.modelKey);
    // One image each, in the answer's order. Riders were accepted with the sender's answer (billed,
    // as it is); each is delivered on its own, so cancelling one never aborts another's paid image.
    await Promise.all(
      sharers.map((owner, index) => {
        const image = status.images[index];
        const current = index === 0 ? owner : this.accepted(owner, record);
        if (image) return this.deliverImage(current, image, live.settings, baseUrl, index === 0 ? live.controller.signal : new AbortController().signal, index === 0 ? status.creditsUsed : undefined);
        if (status.brokeOff) {
          this.ends.fail(current, Object.assign(new TaskStopped(l10n.t('The answer from {0} broke off after {1} of the {2} images of one request: this candidate may have been made and charged, and ImageGen did not send the request again. Check your dashboard before generating it again.', provider, String(status.images.length), String(sharers.length))), { mayHaveCharged: true }));
        } else {
          this.ends.fail(current, new TaskStopped(l10n.t('{0} answered with {1} of the {2} images asked for in one request, so this candidate was not made (nor charged). ImageGen sends candidates to it one request each from now on; generate this one again if you want it.', provider, String(status.images.length), String(sharers.length))));
        }
        return Promise.resolve();
      }),
    );
  }

  /** A rider takes the sender's acceptance: its request was answered (and is billed as the provider bills). */
  private accepted(rider: TaskRecord, sender: TaskRecord): TaskRecord {
    const current = this.parts.tasks.get(sender.id) ?? sender;
    const { acceptedAt, deadlineAt } = current;
    return this.parts.tasks.update({ ...(this.parts.tasks.get(rider.id) ?? rider), state: 'running', ...(acceptedAt !== undefined ? { acceptedAt } : {}), ...(deadlineAt !== undefined ? { deadlineAt } : {}) });
  }

  /** Saves the image, makes its output and places its link; the task is done once the link is in. */
  async deliverImage(record: TaskRecord, image: ImageResult, settings: Settings, baseUrl: string, signal: AbortSignal, creditsUsed?: number): Promise<void> {
    const { tasks, destination } = this.parts;
    const { id } = record;
    // The provider's image on disk is the task's from this moment: a host stopping while its output is made delivers it on its next start.
    const onSaved = ({ path, width, height, format, bytes }: SavedImage) => {
      const current = tasks.get(id);
      if (current && isOpen(current)) tasks.update({ ...current, savedImage: { path, width, height, format, bytes } });
    };
    try {
      const { uri, inserted, assetSet, note } = await destination.deliver(record, image, settings, baseUrl, signal, onSaved);
      // The link is in the document before the task counts as done, so "done" means done.
      const credits = creditsUsed !== undefined ? { creditsUsed } : {};
      const delivered = { imageUri: uri, ...(assetSet ? { assetSet } : {}), ...(note !== undefined ? { note } : {}) };
      const done = this.ends.finish({ ...(tasks.get(id) ?? record), ...delivered, ...credits }, { state: 'succeeded', progress: 100, ...(record.target ? { linkInserted: inserted } : {}) });
      destination.announce(done, uri, inserted);
    } catch (error) {
      this.ends.fail(tasks.get(id) ?? record, error);
    }
  }
}
