// Picking up the tasks that were running when the host stopped (a window reloaded, a server
// restarted): polling continues and the image lands where it was asked for. A task is never
// submitted twice, except to AIReiter with the same out_task_id, which it is looked up by first
// (the provider sends again only where "no such task" proves the first was not billed). A task
// whose key is missing waits for one: asked for where the host can ask, else left as it is with a
// note, never failed or sent again.
import * as l10n from '@vscode/l10n';
import { providerIdOf, providerNameOf } from '../core/catalog/providerNames';
import { placeIdOf } from '../core/candidates/candidatePlace';
import { validateGeneration, type ValidGeneration } from '../core/catalog/validateGeneration';
import { effectivePolling } from '../core/tasks/taskDeadline';
import type { TaskRecord } from '../core/tasks/taskRecord';
import type { Settings } from '../config/settings';
import type { SavedImage, TaskHandle } from '../providers/provider';
import { stat } from 'node:fs/promises';
import type { EngineParts } from './engineParts';
import { keyProvidedFor } from './keyWait';
import { ResumedSettings } from './resumeSettings';
import type { LiveTask } from './taskPolling';
import { TaskStopped } from './taskStopped';

/** What resuming needs from the runner. */
export interface ResumeHost {
  readonly live: Map<string, LiveTask>;
  readonly mayExist: Set<string>;
  fail(record: TaskRecord, error: unknown): void;
  finish(record: TaskRecord, patch: Partial<TaskRecord> & Pick<TaskRecord, 'state'>): TaskRecord;
  submit(record: TaskRecord, validation: ValidGeneration, settings: Settings, options: { mayExist: boolean }): Promise<void>;
  pollNow(id: string): void;
  stopPolling(id: string): void;
  /** Nothing runs for this task in this host until it is started again. */
  parked(record: TaskRecord): void;
  /** Delivers the provider's image already on disk (its output was being made when the host stopped). */
  deliverSaved(record: TaskRecord, image: SavedImage, settings: Settings, providerBaseUrl: string): Promise<void>;
}

const isOpen = (record: TaskRecord) => record.state === 'queued' || record.state === 'running';

export class TaskResumer {
  private readonly resumedSettings: ResumedSettings;

  constructor(
    private readonly parts: EngineParts,
    private readonly host: ResumeHost,
  ) {
    this.resumedSettings = new ResumedSettings(parts.log, parts.reporter);
  }

  async resumePending(): Promise<void> {
    for (const record of this.parts.tasks.list().filter(isOpen)) {
      try {
        await this.resume(record);
      } catch (error) {
        this.host.fail(record, error);
      }
    }
  }

  private async resume(record: TaskRecord): Promise<void> {
    const { tasks, keys, clients, destination, reporter, log, settings: settingsSource } = this.parts;
    if (record.savedImage) {
      await this.deliverSaved(record, record.savedImage);
      return;
    }
    const gate = this.parts.resumeGate?.(record) ?? { kind: 'go' };
    if (gate.kind === 'wait') {
      this.leaveWaiting(record, gate.note);
      return;
    }
    if (gate.kind === 'conclude') {
      this.host.finish(record, { state: 'failed', error: { kind: record.acceptedAt !== undefined || record.taskId !== undefined ? 'timeout' : 'unconfirmed', message: gate.error, ...(gate.mayHaveCharged ? { mayHaveCharged: true } : {}) } });
      return;
    }
    const settingsResult = settingsSource.read(record.target?.uri);
    // A task the provider already accepted is followed whatever became of its inputs since (a
    // reference kept only as a placeholder, say): it is paid for, only its result is missing.
    const { referenceImages: _kept, ...withoutReferences } = record.input;
    const validation = validateGeneration(record.taskId ? withoutReferences : record.input, { acceptRetired: record.taskId !== undefined || record.acceptedAt !== undefined });
    const chosen = validation.ok ? this.resumedSettings.choose(settingsResult, validation.model.provider) : undefined;
    if (!validation.ok || !chosen?.ok) {
      this.host.fail(record, new TaskStopped(chosen && !chosen.ok ? chosen.message : l10n.t('The task cannot be resumed: its settings are no longer valid.')));
      return;
    }
    const { settings } = chosen;
    const provider = validation.model.provider;
    if (!record.taskId && provider !== 'aireiter') {
      // Written down with its endpoint right before it was sent: it may have been made and billed, so its reservation stays.
      const stopped = new TaskStopped(l10n.t('The window closed before {0} confirmed the task, so ImageGen did not send it again (that could charge twice). Check your provider dashboard, or retry.', providerNameOf(record.input.modelKey)));
      this.host.fail(record, record.endpoint !== undefined ? Object.assign(stopped, { mayHaveCharged: true }) : stopped);
      return;
    }
    // The placeholder keeps the link's place from now on, also while a key is waited for.
    destination.track(placeIdOf(record), record.target);
    const apiKey = await keys.get(provider);
    if (!apiKey) {
      // The provider may have this task (and charge for it): it is followed on once a key exists, never sent as a new one.
      void this.followOnceKeyed(record, reporter.noKeyMessage(record.input.modelKey));
      return;
    }
    log.info(`Resuming ${record.id} (${record.input.modelKey}${record.taskId ? `, task ${record.taskId}` : ''})`);
    if (!record.taskId && !record.acceptedAt) {
      // AIReiter: the task is looked up by our out_task_id first, and sent only if it does not exist.
      this.host.mayExist.add(record.id);
      void this.host.submit(tasks.get(record.id) ?? record, validation, settings, { mayExist: true });
      return;
    }
    const instance = clients.providerFor(provider, apiKey, settings);
    const handle: TaskHandle = { provider, modelKey: record.input.modelKey, clientTaskId: record.id, ...(record.taskId ? { taskId: record.taskId } : {}) };
    this.host.live.set(record.id, { provider: instance, handle, controller: new AbortController(), settings, polling: effectivePolling(validation.model.polling, settings.polling), samples: [] });
    this.host.pollNow(record.id);
  }

  /**
   * The host stopped while the output was being made from the provider's saved image: the image is
   * paid for and on disk, so it is delivered from the file (the output made again); no key, no
   * provider. If the file is gone, making the output had ended: its files are in the folder.
   */
  private async deliverSaved(record: TaskRecord, saved: NonNullable<TaskRecord['savedImage']>): Promise<void> {
    const { destination, log, settings: settingsSource } = this.parts;
    const exists = await stat(saved.path).then(
      (stats) => stats.isFile(),
      () => false,
    );
    if (!exists) {
      this.host.finish(record, { state: 'failed', error: { kind: 'unexpected', message: l10n.t('The image was saved ({0}) and the host stopped while its output was being made; the image is no longer there, so the finished files should be in its folder. It was charged: look there before generating it again.', saved.path), mayHaveCharged: true } });
      return;
    }
    const provider = providerIdOf(record.input.modelKey);
    const chosen = provider ? this.resumedSettings.choose(settingsSource.read(record.target?.uri), provider) : undefined;
    if (!provider || !chosen?.ok) {
      this.host.fail(record, new TaskStopped(chosen && !chosen.ok ? chosen.message : l10n.t('The task cannot be resumed: its settings are no longer valid.')));
      return;
    }
    log.info(`Resuming ${record.id}: its image is saved (${saved.path}); making its output again`);
    destination.track(placeIdOf(record), record.target);
    await this.host.deliverSaved(record, { path: saved.path, width: saved.width, height: saved.height, format: saved.format, bytes: saved.bytes }, chosen.settings, chosen.settings.baseUrls[provider]);
  }

  /** A task the provider has is followed on once a key is stored; it fails (keeping its prompt) if none is. */
  async followOnceKeyed(record: TaskRecord, message: string): Promise<void> {
    const { tasks, keys, destination, reporter, log } = this.parts;
    this.host.stopPolling(record.id);
    this.host.live.delete(record.id);
    if (!reporter.canAsk) {
      this.leaveWaiting(record, reporter.waitingForKeyNote(record));
      return;
    }
    log.warn(`Task ${record.id} waits for an API key: ${message}`);
    let stored = false;
    try {
      stored = await keyProvidedFor(keys, reporter, record.input.modelKey);
      const current = tasks.get(record.id);
      if (!current || !isOpen(current)) {
        return;
      }
      if (stored) {
        await this.resume(current);
        return;
      }
    } catch (problem) {
      // Secret storage or the resume itself failed: the task ends, its prompt kept, instead of hanging.
      log.error(`Task ${record.id}: could not go on with a new key`, problem);
    }
    const current = tasks.get(record.id);
    if (current && isOpen(current)) {
      destination.forget(record.id);
      this.host.finish(current, { state: 'failed', error: { kind: 'auth', message } });
    }
  }

  /** Nothing runs for it in this host: the store keeps it as it is, with what to do about it. */
  private leaveWaiting(record: TaskRecord, note: string): void {
    const current = this.parts.tasks.get(record.id) ?? record;
    this.parts.log.warn(`Task ${record.id} (${record.input.modelKey}) was not resumed: ${note}`);
    this.host.parked(this.parts.tasks.update({ ...current, note }));
  }
}
