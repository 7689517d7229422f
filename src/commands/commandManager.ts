import * as vscode from 'vscode';
import { Disposable } from '../util/dispose';
import type { Command } from './command';

export class CommandManager extends Disposable {
  private readonly ids = new Set<string>();

  add<T extends Command>(command: T): T {
    if (this.ids.has(command.id)) {
      throw new Error(`Command ${command.id} registered twice`);
    }
    this.ids.add(command.id);
    this.register(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
    return command;
  }
}
