import * as vscode from 'vscode';
import { documentLanguage } from '../../core/insert/documentLanguage';
import { shiftAnchor } from '../../core/insert/anchor';
import { Disposable } from '../../util/dispose';

/** Where a generation's link goes: a document, an offset in it, its language, and what goes before the link. */
export interface InsertionTarget {
  readonly uri: vscode.Uri;
  readonly offset: number;
  readonly languageId: string;
  readonly prefix?: string;
  /** The link text right before `offset` that the new link replaces, if it is still there (Regenerate). */
  readonly replace?: string;
}

/** The language links are written in for this document: its own, except an `.mdx` file VS Code calls plain text or Markdown is MDX. */
export function linkLanguageOf(document: vscode.TextDocument): string {
  return documentLanguage(document.languageId, document.uri.path);
}

/** Insert at `offset` in `document` (the one place a target gets its language); `replace`: the link text before it that the new link replaces. */
export function insertionTargetAt(document: vscode.TextDocument, offset: number, replace?: string): InsertionTarget {
  return { uri: document.uri, offset, languageId: linkLanguageOf(document), ...(replace !== undefined ? { replace } : {}) };
}

/** Insert where this editor's cursor is. */
export function insertionTargetAtCursor(editor: vscode.TextEditor): InsertionTarget {
  return insertionTargetAt(editor.document, editor.document.offsetAt(editor.selection.active));
}

/**
 * A place taken when a command starts (the cursor, the end of the selection, an image's link),
 * kept in step with the user's edits until the generation is asked for: the wizard's questions
 * take time, and text typed before the place meanwhile must not push the link into a word. It
 * moves as a tracked task's anchor does (shiftAnchor, one home); `target.offset` reads where it
 * is now, so the pipeline's tracker takes over from the very place. Dispose once `generate` has
 * returned, or when the command is abandoned.
 */
export class TrackedPlace implements vscode.Disposable {
  private offset: number;
  private readonly listener: vscode.Disposable;

  constructor(private readonly start: InsertionTarget) {
    this.offset = start.offset;
    const uri = start.uri.toString();
    this.listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri && event.contentChanges.length > 0) {
        this.offset = shiftAnchor(this.offset, event.contentChanges);
      }
    });
  }

  /** The target at the place as it is whenever `offset` is read. */
  get target(): InsertionTarget {
    // The getter reads the live offset: the pipeline copies the target only after its own awaits.
    const place = this;
    return {
      ...this.start,
      get offset() {
        return place.offset;
      },
    };
  }

  dispose(): void {
    this.listener.dispose();
  }
}

/** Follows `target` from now on (see TrackedPlace); nothing to follow without one. */
export function trackPlace(target: InsertionTarget | undefined): TrackedPlace | undefined {
  return target ? new TrackedPlace(target) : undefined;
}

interface Anchor {
  readonly uri: string;
  offset: number;
  readonly replace?: string;
  /** What the placeholder says instead of "generating image…" (a group of candidates waiting to be picked). */
  label?: string;
}

/**
 * Remembers where each task's image goes and keeps that point in place while the user edits,
 * showing a "generating" placeholder there (a decoration, so the document is not changed until
 * the image exists and the insertion is a single undoable edit).
 */
export class InsertionTracker extends Disposable {
  private readonly anchors = new Map<string, Anchor>();
  private readonly decoration: vscode.TextEditorDecorationType;
  private readonly onDidMoveEmitter = this.register(new vscode.EventEmitter<{ taskId: string; offset: number }>());
  readonly onDidMove = this.onDidMoveEmitter.event;

  constructor() {
    super();
    this.decoration = this.register(
      vscode.window.createTextEditorDecorationType({
        after: { contentText: vscode.l10n.t('ImageGen: generating image…'), color: new vscode.ThemeColor('editorCodeLens.foreground'), fontStyle: 'italic', margin: '0 0 0 0.5em' },
      }),
    );
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.render()));
  }

  track(taskId: string, uri: vscode.Uri, offset: number, replace?: string): void {
    this.anchors.set(taskId, { uri: uri.toString(), offset, ...(replace ? { replace } : {}) });
    this.render();
  }

  /** The placeholder of `taskId` says `label` from now on. */
  relabel(taskId: string, label: string): void {
    const anchor = this.anchors.get(taskId);
    if (anchor) {
      anchor.label = label;
      this.render();
    }
  }

  anchorOf(taskId: string): { uri: vscode.Uri; offset: number } | undefined {
    const anchor = this.anchors.get(taskId);
    return anchor ? { uri: vscode.Uri.parse(anchor.uri), offset: anchor.offset } : undefined;
  }

  forget(taskId: string): void {
    if (this.anchors.delete(taskId)) {
      this.render();
    }
  }

  /**
   * Inserts `text` at the task's anchor as one edit; returns false when the task had none.
   * Insertions run one at a time: two tasks finishing together would otherwise both edit the
   * version of the document they read, and VS Code refuses the second ("changed in the meantime").
   */
  /** `text` is given the anchor's line before and after it, to place itself (see linkPlacement.ts). */
  insert(taskId: string, text: string | ((lineBefore: string, lineAfter: string) => string)): Promise<boolean> {
    const next = this.insertions.then(() => this.insertNow(taskId, text));
    this.insertions = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  private insertions: Promise<void> = Promise.resolve();

  private async insertNow(taskId: string, text: string | ((lineBefore: string, lineAfter: string) => string)): Promise<boolean> {
    const anchor = this.anchors.get(taskId);
    if (!anchor) {
      return false;
    }
    const uri = vscode.Uri.parse(anchor.uri);
    if (uri.scheme !== 'untitled') {
      await vscode.workspace.fs.stat(uri); // Throws when the document was deleted meanwhile.
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const position = document.positionAt(Math.min(anchor.offset, document.getText().length));
    const line = document.lineAt(position.line).text;
    const edit = new vscode.WorkspaceEdit();
    const old = anchor.replace ? new vscode.Range(document.positionAt(document.offsetAt(position) - anchor.replace.length), position) : undefined;
    if (old && document.getText(old) === anchor.replace) {
      // The old link becomes the new one in the same edit: one undo brings the old link back.
      edit.replace(document.uri, old, typeof text === 'string' ? text : text('', line.slice(position.character)));
    } else {
      edit.insert(document.uri, position, typeof text === 'string' ? text : text(line.slice(0, position.character), line.slice(position.character)));
    }
    const applied = await vscode.workspace.applyEdit(edit);
    this.forget(taskId);
    return applied;
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const uri = event.document.uri.toString();
    let moved = false;
    for (const [taskId, anchor] of this.anchors) {
      if (anchor.uri === uri && event.contentChanges.length > 0) {
        const offset = shiftAnchor(anchor.offset, event.contentChanges);
        if (offset !== anchor.offset) {
          anchor.offset = offset;
          moved = true;
          this.onDidMoveEmitter.fire({ taskId, offset });
        }
      }
    }
    if (moved) {
      this.render();
    }
  }

  private render(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const uri = editor.document.uri.toString();
      const ranges = [...this.anchors.values()]
        .filter((anchor) => anchor.uri === uri)
        .map((anchor): vscode.DecorationOptions => {
          const position = editor.document.positionAt(anchor.offset);
          return { range: new vscode.Range(position, position), ...(anchor.label ? { renderOptions: { after: { contentText: anchor.label } } } : {}) };
        });
      editor.setDecorations(this.decoration, ranges);
    }
  }
}
