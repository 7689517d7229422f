// The provenance capability: how an image was made, on hover, the code actions on an image link
// and the Regenerate, Variation, Edit… and Convert / Resize Image… commands they offer (Convert is
// also in the explorer's menu on image files). The reading code is deferred: it loads once a line
// holds an image link.
import * as vscode from 'vscode';
import { CommandManager } from '../../commands/commandManager';
import type { RegisterCapability } from '../../services';
import { disposableOf } from '../../util/dispose';
import { ConvertImageCommand } from '../convert/convertImageCommand';
import { EditImageCommand, ImageVariationCommand, RegenerateImageCommand, type RunImageAction } from './imageActionCommands';

const imageDocuments = ['markdown', 'mdx', 'html'];
const holdsImageLink = (document: vscode.TextDocument, line: number) => /!\[|<img/i.test(document.lineAt(line).text);

export const registerProvenance: RegisterCapability = (_context, { deferred, generation }) => {
  const run: RunImageAction = (action, args) => deferred().runImageAction(generation, action, args);
  const commands = new CommandManager();
  commands.add(new RegenerateImageCommand(run));
  commands.add(new ImageVariationCommand(run));
  commands.add(new EditImageCommand(run));
  commands.add(new ConvertImageCommand((args) => deferred().runConvertImage(args, () => deferred().loadImaging())));
  return disposableOf(
    commands,
    vscode.languages.registerHoverProvider(imageDocuments, {
      provideHover: (document, position) => (holdsImageLink(document, position.line) ? deferred().provenanceHover(document, position) : undefined),
    }),
    vscode.languages.registerCodeActionsProvider(imageDocuments, {
      provideCodeActions: (document, range) => (holdsImageLink(document, range.start.line) ? deferred().imageCodeActions(document, range) : undefined),
    }),
  );
};
