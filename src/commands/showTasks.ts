import * as vscode from 'vscode';
import type { GenerationPipeline } from '../generation/generationPipeline';
import type { DeferredCode } from '../loadDeferred';
import type { Command } from './command';

/** `imagegen.showTasks`: running and recent tasks, with cancel, open, insert and retry (the list is deferred code). */
export class ShowTasksCommand implements Command {
  readonly id = 'imagegen.showTasks';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly deferred: () => DeferredCode,
  ) {}

  execute(): Promise<void> {
    return new (this.deferred().TaskList)(this.generation).show();
  }
}

/** `imagegen.pickCandidate`: the candidates of a request (the given group, else the latest), to open and pick one (deferred code). */
export class PickCandidateCommand implements Command {
  readonly id = 'imagegen.pickCandidate';

  constructor(
    private readonly generation: GenerationPipeline,
    private readonly deferred: () => DeferredCode,
  ) {}

  execute(group?: unknown): Promise<unknown> {
    return new (this.deferred().CandidatePicker)(this.generation).show(typeof group === 'string' ? group : undefined);
  }
}

/** `imagegen.cancelTask`: cancels the given task, or one picked from the running ones. */
export class CancelTaskCommand implements Command {
  readonly id = 'imagegen.cancelTask';

  constructor(private readonly generation: GenerationPipeline) {}

  async execute(taskId?: unknown): Promise<boolean> {
    if (typeof taskId === 'string') {
      return this.generation.cancel(taskId);
    }
    const running = this.generation.list().filter((record) => record.state === 'queued' || record.state === 'running');
    if (running.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No task is running.'));
      return false;
    }
    const picked = await vscode.window.showQuickPick(
      running.map((record) => ({ label: record.input.prompt, description: record.input.modelKey, id: record.id })),
      { title: vscode.l10n.t('Cancel Task') },
    );
    return picked ? this.generation.cancel(picked.id) : false;
  }
}
