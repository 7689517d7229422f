// What happens to a task's image in the workspace: where it may be saved (checked before anything
// is paid for), the file it is streamed into, the link placed where the user asked (or a note
// when the generation failed), and the "image ready" message. The task runner calls this; it
// never touches an editor itself. The engine's Destination port, for the editor.
import * as vscode from 'vscode';
import { isLoopbackUrl } from '../../core/http/imageUrlPolicy';
import { placeIdOf } from '../../core/candidates/candidatePlace';
import { setMarkupInline } from '../../core/output/setMarkupPlacement';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { Settings } from '../../config/settings';
import type { Delivered, Destination, TaskTarget } from '../../engine/ports';
import type { finishDelivered, recordedAssetSet } from '../../finishing/finishDelivered';
import type { FinishSteps } from '../../finishing/finishImage';
import type { loadImaging } from '../../imaging/loadImaging';
import type { HttpClient } from '../../providers/httpClient';
import type { ImageResult, ImageSink, SavedImage } from '../../providers/provider';
import { ImageFileWriter } from '../../saving/imageFileWriter';
import { saveImage } from '../../saving/saveImage';
import { checkSaveLocation, destinationFor, imageBaseName, prepareSaveLocation, prepareSavePlace, provenanceOf, savePlaceOf, type SaveLocation, type SavePlace } from '../../saving/workspaceImages';
import type { Notifier } from '../notifier';
import { ImageLinks, type SetMarkupCode } from './imageLinks';
import type { InsertionTarget, InsertionTracker } from './insertionTracker';

/** A task's target as the editor holds it: the document as a vscode.Uri. */
export function insertionTargetOf(target: TaskTarget): InsertionTarget {
  return { ...target, uri: vscode.Uri.parse(target.uri) };
}

/** A target as the engine keeps it: the document as a URI string. */
export function taskTargetOf(target: InsertionTarget): TaskTarget {
  return { uri: target.uri.toString(), offset: target.offset, languageId: target.languageId, ...(target.prefix ? { prefix: target.prefix } : {}), ...(target.replace ? { replace: target.replace } : {}) };
}

/** What delivering a finished asset takes from dist/deferred.js. */
export interface EditorFinishing extends SetMarkupCode {
  readonly finishDelivered: typeof finishDelivered;
  readonly recordedAssetSet: typeof recordedAssetSet;
  readonly finishSteps: FinishSteps;
  readonly loadImaging: typeof loadImaging;
}

export class Delivery implements Destination {
  private readonly links: ImageLinks;

  constructor(
    private readonly tracker: InsertionTracker,
    private readonly notifier: Notifier,
    private readonly http: () => HttpClient,
    /** The finishing step and the image library's loader: deferred code, loaded with the provider clients, never at activation. */
    private readonly finishing: () => EditorFinishing,
  ) {
    this.links = new ImageLinks(tracker, notifier, finishing);
  }

  /** Shows the "generating" placeholder where task `id`'s link will go and keeps that place while the user edits. */
  track(id: string, target: TaskTarget | undefined): void {
    if (target) {
      this.tracker.track(id, vscode.Uri.parse(target.uri), target.offset, target.replace);
    }
  }

  /** Where task `id`'s link goes now, after the user's edits. */
  placeOf(id: string): number | undefined {
    return this.tracker.anchorOf(id)?.offset;
  }

  /** The task no longer inserts anything: its placeholder goes. */
  forget(taskId: string): void {
    this.tracker.forget(taskId);
  }

  /**
   * Where the image would be saved, checked but not created: a SaveError says why it cannot be.
   * Without a target, the place to write into the record: the document in front now decides it,
   * once (a later focus change, or closing that document, must not move or fail the save).
   */
  async checkSaveLocation(record: TaskRecord, settings: Settings): Promise<SavePlace | undefined> {
    const document = documentOf(record);
    const location = await checkSaveLocation(locationSettings(record, settings), document, imageBaseName(record, settings.fileName, document));
    return record.target ? undefined : savePlaceOf(location, document);
  }

  /** A file in the assets folder that an image inside the provider's answer is decoded into. */
  async openImage(record: TaskRecord, settings: Settings): Promise<ImageSink> {
    return ImageFileWriter.create(destinationFor(record, await this.prepareLocation(record, settings), settings.maxDownloadMegabytes * 1024 * 1024));
  }

  /**
   * Saves the task's image (downloading it, unless a streaming answer already wrote it) and places
   * its link; resolves with the saved file and whether the link went in.
   */
  async deliver(record: TaskRecord, image: ImageResult, settings: Settings, providerBaseUrl: string, signal: AbortSignal, onSaved?: (image: SavedImage) => void): Promise<Delivered> {
    const destination = image.kind === 'saved' ? undefined : destinationFor(record, await this.prepareLocation(record, settings), settings.maxDownloadMegabytes * 1024 * 1024);
    const saved = await saveImage(this.http(), image, destination!, {
      policy: { providerIsLoopback: isLoopbackUrl(providerBaseUrl) },
      deadlineMs: settings.download.timeoutSeconds * 1000,
      signal,
    });
    // Paid for and on disk: recorded before the seconds the output takes, so a reload meanwhile delivers it.
    if (record.input.output) onSaved?.(saved);
    const finishing = this.finishing();
    const delivered = await finishing.finishDelivered(saved, record, provenanceOf(record), () => finishing.loadImaging(), finishing.finishSteps);
    if (delivered.note !== undefined) this.notifier.deliveryNote(delivered.note);
    const uri = vscode.Uri.file(delivered.primary.path);
    const assetSet = finishing.recordedAssetSet(delivered, (path) => vscode.Uri.file(path).toString());
    let inserted = false;
    // A candidate's link waits for the user's pick (GenerationPipeline.pick).
    if (record.target && !record.candidate) {
      try {
        inserted = await this.insertLink({ ...record, imageUri: uri.toString(), ...(assetSet ? { assetSet } : {}) }, vscode.Uri.parse(record.target.uri));
      } catch {
        // The document was deleted or cannot be opened: the image is saved all the same.
        this.tracker.forget(record.id);
        this.notifier.documentGone(uri);
      }
    }
    return { uri: uri.toString(), inserted, ...(assetSet ? { assetSet } : {}), ...(delivered.note !== undefined ? { note: delivered.note } : {}) };
  }

  /** "Image ready", with Insert when the link did not go in; a candidate is shown with its group (the studio's grid, the palette's quick pick). */
  announce(record: TaskRecord, uri: string, inserted: boolean): void {
    if (record.candidate) return;
    // A set whose lines belong in a page's <head> was offered to copy: an Insert would only offer it again.
    const offeredAsSnippet = record.assetSet !== undefined && record.target !== undefined && !setMarkupInline(record.assetSet.kind, record.target.languageId);
    this.notifier.imageReady(record, vscode.Uri.parse(uri), inserted || offeredAsSnippet, (editor) => this.insertLink(record, editor.document.uri, editor.selection.active));
  }

  /**
   * Inserts a candidate's link where its group's link goes (one undoable edit); the place is taken
   * up again from the record when it is no longer tracked (a reload, an earlier pick).
   */
  insertPicked(record: TaskRecord & { readonly target: TaskTarget }): Promise<boolean> {
    const place = placeIdOf(record);
    if (this.tracker.anchorOf(place) === undefined) this.track(place, record.target);
    return this.insertLink(record, vscode.Uri.parse(record.target.uri));
  }

  /** Inserts the image link at the task's tracked position, or at `at`; returns whether it did. */
  insertLink(record: TaskRecord, documentUri: vscode.Uri, at?: vscode.Position): Promise<boolean> {
    return this.links.insert(record, documentUri, at);
  }

  /** Where the image would have gone, a note that keeps the prompt and says what failed. */
  failureNote(record: TaskRecord, message: string): Promise<void> {
    return this.links.insertFailureNote(record, message);
  }

  private prepareLocation(record: TaskRecord, settings: Settings): Promise<SaveLocation> {
    if (!record.target && record.savePlace) {
      return prepareSavePlace(record.savePlace);
    }
    const document = documentOf(record);
    return prepareSaveLocation(locationSettings(record, settings), document, imageBaseName(record, settings.fileName, document));
  }
}

/** A folder chosen for this task replaces the settings' folder rules (and is confined the same way). */
function locationSettings(record: TaskRecord, settings: Settings): Pick<Settings, 'assetsFolder' | 'copyFilesDestination'> {
  return record.saveFolder !== undefined ? { assetsFolder: record.saveFolder } : settings;
}

/** The document an image belongs to: the one it is inserted into, or (when its place is checked) the one in front. */
function documentOf(record: TaskRecord): vscode.Uri | undefined {
  return record.target ? vscode.Uri.parse(record.target.uri) : vscode.window.activeTextEditor?.document.uri;
}
