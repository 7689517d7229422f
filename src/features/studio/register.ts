// The studio capability: the sidebar view, the editor panel (restored after a reload) and the
// Open Studio command. Each page's controller is deferred code, made when a studio is first shown.
import * as vscode from 'vscode';
import type { ImageGenServices, RegisterCapability } from '../../services';
import { disposableOf } from '../../util/dispose';
import { LastTextEditor } from './lastTextEditor';
import { OpenPanelCommand } from './openPanelCommand';
import { StudioPanelManager } from './studioPanel';
import { StudioViewProvider, type StudioControllerFactory } from './studioViewProvider';
import { CommandManager } from '../../commands/commandManager';

/** The studio as registered; `panels` is what host tests look at. */
export interface StudioSupport extends vscode.Disposable {
  readonly panels: StudioPanelManager;
}

export const registerStudio: RegisterCapability<StudioSupport> = (_context, services: ImageGenServices) => {
  const lastEditor = new LastTextEditor();
  const { extensionUri, board, generation, log, presets, modelSources, budget } = services;
  const deps = { extensionUri, board, generation, lastEditor, log, presets, modelSources, budget };
  const createController: StudioControllerFactory = (webview, isVisible) => new (services.deferred().StudioController)(webview, deps, isVisible);
  const panels = new StudioPanelManager(deps, createController);
  const viewProvider = new StudioViewProvider(createController);
  const commands = new CommandManager();
  commands.add(new OpenPanelCommand(panels));
  const registration = vscode.window.registerWebviewViewProvider(StudioViewProvider.viewType, viewProvider);
  return Object.assign(disposableOf(lastEditor, panels, viewProvider, commands, registration), { panels });
};
