// After the provider's image is saved, the asset the user asked for (issue 24): another format, an
// exact size (cropped, padded or stretched), a background keyed out, a set of files. The same code
// runs for every host (the editor's Delivery, the standalone FolderDestination, Convert / Resize
// Image…), with the image library behind the Imaging contract, loaded on the first conversion.
//
// The provider's file is the only copy of a paid image until the finished files are written, so it
// is removed only after every one of them has its name; when anything fails, it stays, the task
// still succeeds with it, and the error says so (FinishError).
import * as l10n from '@vscode/l10n';
import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import { provenanceSidecarPath } from '../core/images/provenance';
import { provenanceXmp } from '../core/images/provenanceXmp';
import type { PixelSize } from '../core/catalog/sizes';
import { upscaleNote } from '../core/output/assetSetPlan';
import { fitPlacement, upscaledAcross } from '../core/output/fitGeometry';
import { encoderQuality, fileExtensionOf, normalFormatName } from '../core/output/outputFormats';
import type { ResolvedOutput } from '../core/output/outputOptions';
import type { Imaging, RawImage, RenderOptions } from '../imaging/imaging';
import { writeFinishedFile } from './finishedFile';

export interface FinishJob {
  /** The provider's image as saved: the only copy until the finished files are named. */
  readonly source: string;
  readonly output: ResolvedOutput;
  /** The model could not make a transparent background: remove the flat one it was asked for. */
  readonly keyOut: boolean;
  /** Embedded in every file (PNG text, XMP); an .ico gets a sidecar. */
  readonly provenance: Readonly<Record<string, string>>;
  /**
   * `replace` (a task's delivery): the provider's file is superseded, so it goes once the finished
   * files are named. `keep` (Convert / Resize Image…): the user's file stays, whatever the names.
   */
  readonly sourcePolicy?: 'replace' | 'keep';
}

export interface FinishedFile {
  readonly path: string;
  readonly width: number;
  readonly height: number;
}

export interface FinishedImage {
  /** The file a link points to. */
  readonly primary: FinishedFile;
  /** Every file written, the primary among them. */
  readonly files: readonly FinishedFile[];
  /** What was dropped or decided on the way ("1920 is wider than the image: left out"). */
  readonly notes: readonly string[];
}

/** The image was saved as generated, but the finished asset could not be made; `source` is still there. */
export class FinishError extends Error {
  override readonly name = 'FinishError';
  constructor(
    message: string,
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isFinishError(error: unknown): error is FinishError {
  return error instanceof Error && error.name === 'FinishError';
}

/** Whether the saved image already is what was asked (format, size, no set, nothing to key out): then it is delivered as it is. */
export function needsFinishing(output: ResolvedOutput | undefined, saved: { readonly format: string; readonly width: number; readonly height: number }, keyOut: boolean): boolean {
  if (!output) return false;
  if (keyOut || output.assetSet !== undefined) return true;
  if (output.size && (output.size.width !== saved.width || output.size.height !== saved.height)) return true;
  return normalFormatName(saved.format) !== output.format;
}

/** The render options that embed provenance the way the format allows. */
export function embedding(format: ResolvedOutput['format'], provenance: Readonly<Record<string, string>>): Pick<RenderOptions, 'pngText' | 'xmp'> {
  return format === 'png' ? { pngText: provenance } : { xmp: provenanceXmp(provenance) };
}

/** The crop, resize and pad that take an image of `source` size to `target` with `fit`. */
export function geometryFor(source: PixelSize, target: PixelSize, fit: NonNullable<ResolvedOutput['fit']>, format: ResolvedOutput['format']): Pick<RenderOptions, 'crop' | 'resize' | 'pad'> {
  const placement = fitPlacement(source, target, fit);
  const whole = placement.crop.left === 0 && placement.crop.top === 0 && placement.crop.width === source.width && placement.crop.height === source.height;
  const padded = placement.place.width !== target.width || placement.place.height !== target.height;
  return {
    ...(whole ? {} : { crop: placement.crop }),
    resize: { width: placement.place.width, height: placement.place.height },
    // Transparent where the format has alpha; JPEG gets white.
    ...(padded ? { pad: { ...placement.place, width: target.width, height: target.height, ...(format === 'jpeg' ? { colour: '#ffffff' } : {}) } } : {}),
  };
}

/** The pixels a render starts from: the file's bytes, or the key-out's result. */
export type RenderSource = { readonly kind: 'bytes'; readonly bytes: Uint8Array } | { readonly kind: 'raw'; readonly image: RawImage };

export function render(imaging: Imaging, from: RenderSource, options: RenderOptions): Promise<Uint8Array> {
  return from.kind === 'bytes' ? imaging.render(from.bytes, options) : imaging.fromRaw(from.image, options);
}

export interface FinishSteps {
  /** Removes a flat background from RGBA pixels; `ok: false` says why it is not one. */
  readonly keyOut: (image: RawImage) => { readonly ok: true; readonly image: RawImage } | { readonly ok: false; readonly reason: string };
 /** Writes a set's files (asset sets), given the pixels to start from. */
  readonly writeSet: (imaging: Imaging, job: FinishJob, from: RenderSource, size: PixelSize) => Promise<FinishedImage>;
}

/** Makes the finished asset from the saved image and removes the provider's file once it is replaced. */
export async function finishImage(imaging: Imaging, job: FinishJob, steps: FinishSteps): Promise<FinishedImage> {
  const { source, output } = job;
  const failed = (what: string, cause: unknown): FinishError =>
    new FinishError(l10n.t('The image is saved as generated ({0}), but {1}: {2} It can be converted again later (in VS Code: "ImageGen: Convert / Resize Image…").', basename(source), what, cause instanceof Error ? cause.message : String(cause)), source, { cause });
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch (error) {
    throw failed(l10n.t('it could not be read back to convert it'), error);
  }
  let from: RenderSource = { kind: 'bytes', bytes };
  let size: PixelSize;
  const notes: string[] = [];
  try {
    const info = await imaging.inspect(bytes);
    size = { width: info.width, height: info.height };
    if (job.keyOut) {
      const keyed = steps.keyOut(await imaging.toRaw(bytes));
      if (keyed.ok) {
        from = { kind: 'raw', image: keyed.image };
      } else {
        // Not a flat background (or already transparent): the rest of the output is still made, on the background as it is.
        notes.push(l10n.t('The background could not be removed, so it is kept: {0}', keyed.reason));
        if (!needsFinishing(output, info, false)) return { primary: { path: source, ...size }, files: [{ path: source, ...size }], notes };
      }
    }
  } catch (error) {
    throw failed(job.keyOut ? l10n.t('its background could not be removed') : l10n.t('it could not be read as an image'), error);
  }
  let finished: FinishedImage;
  try {
    if (output.assetSet !== undefined) {
      finished = await steps.writeSet(imaging, job, from, size);
    } else {
      const target = output.size ?? size;
      const bytesOut = await render(imaging, from, {
        ...(output.size ? geometryFor(size, target, output.fit ?? 'cover', output.format) : {}),
        format: output.format,
        ...(output.quality !== undefined ? { quality: encoderQuality(output.quality) } : {}),
        ...embedding(output.format, job.provenance),
      });
      // Same name, new extension; a PNG stays under its own name (it replaces the provider's file).
      const path = await writeFinishedFile(dirname(source), basename(source, extname(source)), fileExtensionOf(output.format), bytesOut, job.sourcePolicy === 'keep' ? undefined : source);
      // The model's image may be smaller than the catalog said (an approximate size): never scaled up without a word.
      const across = output.size ? upscaledAcross(size, target, output.fit ?? 'cover') : undefined;
      finished = { primary: { path, ...target }, files: [{ path, ...target }], notes: across === undefined ? [] : [upscaleNote(basename(path), target, across)] };
    }
  } catch (error) {
    throw failed(l10n.t('converting it failed'), error);
  }
  finished = { ...finished, notes: [...notes, ...finished.notes] };
  if (job.sourcePolicy !== 'keep' && !finished.files.some((file) => file.path === source)) {
    // Replaced by its finished form; a provider's JPEG or WebP had its provenance in a sidecar.
    // A file Windows holds (an open preview, a virus scan) stays: said, so it is not mistaken for the asset.
    const leftOver = await unlink(source).then(
      () => undefined,
      (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : error),
    );
    await unlink(provenanceSidecarPath(source)).catch(() => undefined);
    if (leftOver) {
      finished = { ...finished, notes: [...finished.notes, l10n.t('The provider\'s file {0} could not be removed after it was converted ({1}); it can be deleted.', basename(source), leftOver.code ?? leftOver.message)] };
    }
  }
  return finished;
}
