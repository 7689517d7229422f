import type { StudioPanelManager } from './studioPanel';
import type { Command } from '../../commands/command';

export class OpenPanelCommand implements Command {
  readonly id = 'imagegen.openPanel';

  constructor(private readonly panels: StudioPanelManager) {}

  execute(): void {
    this.panels.show();
  }
}
