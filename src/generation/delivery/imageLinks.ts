// Where an image's link goes: the link text for the document's language, relative to the
// document (or, for an unsaved one, the workspace folder), inserted at the task's tracked place;
// and, when a generation failed, the visible note that keeps its prompt there.
import { placeIdOf } from '../../core/candidates/candidatePlace';
import * as vscode from 'vscode';
import { commentSafeText } from '../../core/insert/visibleText';
import { altTextFromPrompt, formatImageLink, linkPathFor, linkStyleFor, relativeImagePath } from '../../core/insert/imageLink';
import { readImageGenSettings } from '../../config/readImageGenSettings';
import type { Settings } from '../../config/settings';
import { separatorBefore } from '../../core/insert/linkPlacement';
import type { setMarkup, SetMarkup, writtenAssetFile } from '../../core/output/assetSetMarkup';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import { pathRules } from '../../saving/pathRules';
import { workspaceFolderFor } from '../../saving/workspaceImages';
import type { Notifier } from '../notifier';
import { linkLanguageOf, type InsertionTracker } from './insertionTracker';

/** The asset set markup writer: deferred code, needed only once a set is delivered. */
export interface SetMarkupCode {
  readonly setMarkup: typeof setMarkup;
  readonly writtenAssetFile: typeof writtenAssetFile;
}

export class ImageLinks {
  constructor(
    private readonly tracker: InsertionTracker,
    private readonly notifier: Notifier,
    private readonly markup: () => SetMarkupCode,
  ) {}

  /** Inserts the image link at the task's tracked position, or at `at`; returns whether it did. */
  async insert(record: TaskRecord, documentUri: vscode.Uri, at?: vscode.Position): Promise<boolean> {
    if (!record.imageUri) {
      return false;
    }
    const document = await vscode.workspace.openTextDocument(documentUri);
    const link = linkSettings(document.uri);
    const language = linkLanguageOf(document);
    const style = linkStyleFor(language, link.style);
    // Line breaks follow the document's kind: an <img> in Markdown still gets its own paragraph.
    const layout = linkStyleFor(language);
    const alt = altTextFromPrompt(record.input.prompt);
    let text = formatImageLink(style, this.linkPath(document.uri, vscode.Uri.parse(record.imageUri), link), alt, link.width ?? undefined);
    if (record.assetSet) {
      const markup = this.setMarkup(record.assetSet, document, link, alt);
      if (!markup.inline) {
        // <link> and <meta> lines belong in a page's <head>: outside HTML they are offered to copy, not inserted.
        this.notifier.offerSnippet(record.assetSet.kind, markup.text);
        if (!at) this.tracker.forget(placeIdOf(record)); // Its placeholder goes: nothing takes its place.
        return false;
      }
      text = markup.text;
    }
    if (at) {
      const line = document.lineAt(at.line).text;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(document.uri, at, `${separatorBefore(layout, line.slice(0, at.character), line.slice(at.character))}${text}`);
      return vscode.workspace.applyEdit(edit);
    }
    return this.tracker.insert(placeIdOf(record), (before, after) => `${record.target?.prefix ?? separatorBefore(layout, before, after)}${text}`);
  }

  /** An asset set's markup for this document: each file linked the way a single image would be. */
  private setMarkup(set: NonNullable<TaskRecord['assetSet']>, document: vscode.TextDocument, link: Settings['link'], alt: string): SetMarkup {
    const uris = new Map(set.files.map((file) => [pathRules.path.basename(vscode.Uri.parse(file.uri).fsPath), vscode.Uri.parse(file.uri)]));
    const { setMarkup, writtenAssetFile } = this.markup();
    const files = set.files.map((file) => writtenAssetFile(pathRules.path.basename(vscode.Uri.parse(file.uri).fsPath), file.width, file.height));
    return setMarkup(set.kind, files, (fileName) => this.linkPath(document.uri, uris.get(fileName)!, link), alt, linkLanguageOf(document));
  }

  /**
   * The link from the document to the image: relative to the document's folder, or, for a
   * document not saved yet, to the workspace folder (the user is told).
   */
  private linkPath(documentUri: vscode.Uri, image: vscode.Uri, link: Settings['link']): string {
    if (documentUri.scheme === 'file') {
      const siteRoot = link.style === 'rootRelative' ? pathRules.path.join(workspaceFolderFor(image).uri.fsPath, link.siteRoot) : '';
      return linkPathFor(link.style, pathRules.path.dirname(documentUri.fsPath), image.fsPath, siteRoot, pathRules.path) ?? image.toString();
    }
    const folder = workspaceFolderFor(image);
    this.notifier.linkRelativeToWorkspace(folder.name);
    return relativeImagePath(folder.uri.fsPath, image.fsPath, pathRules.path) ?? image.toString();
  }

  /**
   * Where the image would have gone, Markdown and HTML documents get a visible comment saying what
   * failed and the prompt, so nothing is lost; the user deletes it, or retries from Show Tasks.
   */
  async insertFailureNote(record: TaskRecord, message: string): Promise<void> {
    const anchor = this.tracker.anchorOf(record.id);
    if (!anchor || !record.target || linkStyleFor(record.target.languageId) === 'path') {
      this.tracker.forget(record.id);
      return;
    }
    const note = `<!-- ${commentSafeText(vscode.l10n.t('ImageGen: generation failed: {0} Prompt: "{1}". Delete this note, or retry from "ImageGen: Show Tasks".', message, record.input.prompt))} -->`;
    try {
      const style = linkStyleFor(record.target.languageId);
      await this.tracker.insert(record.id, (before, after) => `${record.target?.prefix ?? separatorBefore(style, before, after)}${note}`);
    } catch {
      this.tracker.forget(record.id);
    }
  }
}

/** `imagegen.link.*` for a document; the defaults when the settings cannot be read (the generation itself checked them). */
function linkSettings(documentUri: vscode.Uri): Settings['link'] {
  const settings = readImageGenSettings(documentUri);
  return settings.ok ? settings.settings.link : { style: 'relative', siteRoot: '', width: null };
}
