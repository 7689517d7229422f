// An asset set from one image (issue 24): the files planAssetSet decided (favicon.ico and the
// icons, an OG card, responsive widths), written into a new folder beside the image, named from
// the prompt. The folder appears with every file or not at all: the files are written into a
// hidden `.name.part-…` folder that is renamed into place once all are there, so a failure — or a
// host that stops part-way — never leaves a half set under the real name; a failure removes the
// part folder, and one left by a host that died is removed by a later set after an hour. The image
// it was made from stays (finishImage keeps it).
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { provenanceSidecarPath } from '../core/images/provenance';
import type { PixelSize } from '../core/catalog/sizes';
import { planAssetSet, setFolderName, type AssetFile } from '../core/output/assetSetPlan';
import { encoderQuality, fileExtensionOf } from '../core/output/outputFormats';
import type { Imaging } from '../imaging/imaging';
import { isHeldFileError, renameWithRetry } from '../saving/renameWithRetry';
import { embedding, geometryFor, render, type FinishedFile, type FinishedImage, type FinishJob, type RenderSource } from './finishImage';
import { writeFinishedFile } from './finishedFile';

const maxFolderAttempts = 1000;
const partFolder = /^\..+\.part-[0-9a-f]{12}$/;
/** A part folder this old was left by a host that stopped while writing it. */
const stalePartMs = 60 * 60 * 1000;

/** The hidden folder a set is written into before it is published under its name. */
async function makePartFolder(parent: string, name: string): Promise<string> {
  const folder = join(parent, `.${name}.part-${randomBytes(6).toString('hex')}`);
  await mkdir(folder);
  return folder;
}

/** Removes part folders that hosts which stopped mid-set left beside `parent`'s images. */
async function removeStalePartFolders(parent: string): Promise<void> {
  const names = await readdir(parent).catch(() => [] as string[]);
  for (const name of names.filter((candidate) => partFolder.test(candidate))) {
    const folder = join(parent, name);
    const stats = await lstat(folder).catch(() => undefined);
    if (stats?.isDirectory() && Date.now() - stats.mtimeMs > stalePartMs) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Gives the finished part folder its name: `parent/name`, or `name-2` … when taken. A name is
 * reserved by creating it exclusively (two sets never share one), then swapped for the part folder.
 */
async function publishFolder(part: string, parent: string, name: string): Promise<string> {
  for (let attempt = 1; attempt <= maxFolderAttempts; attempt++) {
    const folder = join(parent, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    await rmdir(folder);
    try {
      await renameWithRetry(part, folder, rename);
      return folder;
    } catch (error) {
      // Taken in the moment between (another set published there): the next name.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' && code !== 'ENOTEMPTY' && !isHeldFileError(error)) throw error;
    }
  }
  throw new Error(`no free folder name for ${name} in ${parent}`);
}

/** Which file a link points to: the largest icon, the card, the largest WebP. */
function primaryOf(kind: NonNullable<FinishJob['output']['assetSet']>, files: readonly AssetFile[]): AssetFile {
  if (kind === 'responsive') return [...files].filter((file) => file.format === 'webp').sort((a, b) => b.width - a.width)[0] ?? files[0]!;
  return [...files].filter((file) => file.format !== 'ico').sort((a, b) => b.width - a.width)[0] ?? files[0]!;
}

export async function writeAssetSet(imaging: Imaging, job: FinishJob, from: RenderSource, size: PixelSize): Promise<FinishedImage> {
  const plan = planAssetSet(job.output, size);
  if (!plan) throw new Error('the output has no asset set');
  const parent = dirname(job.source);
  const name = setFolderName(job.provenance.prompt ?? '');
  await removeStalePartFolders(parent);
  const part = await makePartFolder(parent, name);
  try {
    const written: { file: AssetFile; name: string }[] = [];
    for (const file of plan.files) {
      const path = file.format === 'ico' ? await writeIco(imaging, job, from, size, file, part) : await writeImage(imaging, job, from, size, file, part);
      written.push({ file, name: basename(path) });
    }
    const folder = await publishFolder(part, parent, name);
    const finished = (entry: { file: AssetFile; name: string }): FinishedFile => ({ path: join(folder, entry.name), width: entry.file.width, height: entry.file.height });
    const primary = primaryOf(plan.kind, plan.files);
    return { primary: finished(written.find((entry) => entry.file === primary)!), files: written.map(finished), notes: plan.notes };
  } catch (error) {
    await rm(part, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 }).catch(() => undefined);
    throw error;
  }
}

const nameParts = (fileName: string) => {
  const dot = fileName.lastIndexOf('.');
  return { base: fileName.slice(0, dot), extension: fileName.slice(dot + 1) };
};

async function writeImage(imaging: Imaging, job: FinishJob, from: RenderSource, size: PixelSize, file: AssetFile, folder: string): Promise<string> {
  const format = file.format as Exclude<AssetFile['format'], 'ico'>;
  const bytes = await render(imaging, from, {
    ...geometryFor(size, file, file.fit, format),
    format,
    ...(file.quality !== undefined && format !== 'png' ? { quality: encoderQuality(file.quality) } : {}),
    ...embedding(format, job.provenance),
  });
  const { base } = nameParts(file.fileName);
  return writeFinishedFile(folder, base, fileExtensionOf(format), bytes);
}

/** An .ico holds PNG entries and no metadata block: its provenance goes in the sidecar. */
async function writeIco(imaging: Imaging, job: FinishJob, from: RenderSource, size: PixelSize, file: AssetFile, folder: string): Promise<string> {
  const entries = [];
  for (const entry of file.icoSizes ?? [file.width]) {
    const target = { width: entry, height: entry };
    entries.push({ size: entry, bytes: await render(imaging, from, { ...geometryFor(size, target, 'cover', 'png'), format: 'png' }) });
  }
  const { base, extension } = nameParts(file.fileName);
  const path = await writeFinishedFile(folder, base, extension, imaging.writeIco(entries));
  await writeFile(provenanceSidecarPath(path), JSON.stringify(job.provenance, null, 2));
  return path;
}
