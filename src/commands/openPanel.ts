import type { StudioPanelManager } from '../studio/studioPanel';
import type { Command } from './command';

export class OpenPanelCommand implements Command {
  readonly id = 'imagegen.openPanel';

  constructor(private readonly panels: StudioPanelManager) {}

  execute(): void {
    this.panels.show();
  }
}
