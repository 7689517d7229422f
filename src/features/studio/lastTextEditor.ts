import * as vscode from 'vscode';
import { Disposable } from '../../util/dispose';

/**
 * The text editor the user worked in last. When the studio panel has focus there is no active
 * text editor, yet "insert" means the document the user was just writing.
 */
export class LastTextEditor extends Disposable {
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;

  constructor() {
    super();
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => editor && (this.last = editor)));
  }

  get editor(): vscode.TextEditor | undefined {
    const current = vscode.window.activeTextEditor ?? this.last;
    return current && !current.document.isClosed ? current : undefined;
  }
}
