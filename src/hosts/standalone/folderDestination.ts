// Where a standalone task's image goes: a folder inside the one workspace (confined by real path,
// no link is followed out), under the name imagegen.fileName's template gave when the call was
// checked (kept in the record, so a resumed task saves under the same name), with its provenance.
// Nothing is inserted anywhere: the caller gets the path.
import { relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expandFileName } from '../../core/assets/fileNameTemplate';
import { providerNameOf } from '../../core/catalog/providerNames';
import { formatSize } from '../../core/catalog/sizes';
import { isLoopbackUrl } from '../../core/http/imageUrlPolicy';
import type { TaskRecord } from '../../core/tasks/taskRecord';
import type { EngineSettings } from '../../engine/engineSettings';
import type { Delivered, Destination, Logger, SavePlace } from '../../engine/ports';
import { taskProvenance } from '../../core/images/provenance';
import { finishDelivered, recordedAssetSet } from '../../finishing/finishDelivered';
import { finishSteps } from '../../finishing/finishSteps';
import type { Imaging } from '../../imaging/imaging';
import type { HttpClient } from '../../providers/httpClient';
import type { ImageResult, SavedImage } from '../../providers/provider';
import { ImageFileWriter, type ImageFileOptions } from '../../saving/imageFileWriter';
import { saveImage } from '../../saving/saveImage';
import { outputFolder } from '../../mcp/workspaceFiles';

export class FolderDestination implements Destination {
  /** The pixels of each image saved in this run, as the file has them. */
  readonly savedPixels = new Map<string, string>();

  constructor(
    /** The workspace's real path. */
    private readonly workspace: string,
    private readonly http: () => HttpClient,
    private readonly log: Logger,
    /** Who made the image, in its provenance ("ImageGen MCP server"). */
    private readonly software: string,
    /** The image library, loaded on the first conversion (dist/imaging.js beside this bundle). */
    private readonly imaging: () => Promise<Imaging>,
  ) {}

  // Nothing to keep a place in: the image is not inserted anywhere.
  track(): void {}
  placeOf(): number | undefined {
    return undefined;
  }
  forget(): void {}

  /** The folder checked (and made) now, the name fixed now: both are the task's from here on. */
  async checkSaveLocation(record: TaskRecord, settings: EngineSettings): Promise<SavePlace> {
    const folder = record.saveFolder ?? settings.assetsFolder;
    await outputFolder(this.workspace, folder);
    return { workspaceFolder: this.workspace, folder, baseName: expandFileName(settings.fileName, { prompt: record.input.prompt, modelKey: record.input.modelKey, now: new Date(record.createdAt) }) };
  }

  async openImage(record: TaskRecord, settings: EngineSettings): Promise<ImageFileWriter> {
    return ImageFileWriter.create(await this.fileOptions(record, settings));
  }

  async deliver(record: TaskRecord, image: ImageResult, settings: EngineSettings, providerBaseUrl: string, signal: AbortSignal, onSaved?: (image: SavedImage) => void): Promise<Delivered> {
    const destination = image.kind === 'saved' ? undefined : await this.fileOptions(record, settings);
    const saved = await saveImage(this.http(), image, destination!, { policy: { providerIsLoopback: isLoopbackUrl(providerBaseUrl) }, deadlineMs: settings.download.timeoutSeconds * 1000, signal });
    // Paid for and on disk: journaled before the seconds the output takes, so a restart meanwhile delivers it.
    if (record.input.output) onSaved?.(saved);
    const delivered = await finishDelivered(saved, record, this.provenance(record), this.imaging, finishSteps);
    if (delivered.note !== undefined) this.log.warn(`Task ${record.id}: ${delivered.note}`);
    this.savedPixels.set(record.id, formatSize(delivered.primary));
    const assetSet = recordedAssetSet(delivered, (path) => pathToFileURL(path).href);
    return { uri: pathToFileURL(delivered.primary.path).href, inserted: false, ...(assetSet ? { assetSet } : {}), ...(delivered.note !== undefined ? { note: delivered.note } : {}) };
  }

  announce(record: TaskRecord, uri: string): void {
    this.log.info(`Task ${record.id} saved ${relative(this.workspace, fileURLToPath(uri)).split(/[\\/]/).join('/')}`);
  }

  async failureNote(): Promise<void> {}

  /** Where the call asked the image to go, checked again (a resumed task's folder may have changed since). */
  private async fileOptions(record: TaskRecord, settings: EngineSettings): Promise<ImageFileOptions> {
    const place = record.savePlace ?? (await this.checkSaveLocation(record, settings));
    return {
      folder: await outputFolder(this.workspace, place.folder),
      baseName: place.baseName,
      provider: providerNameOf(record.input.modelKey),
      maxBytes: settings.maxDownloadMegabytes * 1024 * 1024,
      provenance: this.provenance(record),
    };
  }

  private provenance(record: TaskRecord): Record<string, string> {
    return taskProvenance(record, this.software);
  }
}
