// An asset set from one image (issue 24): the files planAssetSet decided (favicon.ico and the
// icons, an OG card, responsive widths), written into a new folder beside the image, named from
// the prompt. The folder appears with every file or not at all: a failure part-way removes it, and
// the image it was made from stays (finishImage keeps it).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { provenanceSidecarPath } from '../core/images/provenance';
import type { PixelSize } from '../core/catalog/sizes';
import { planAssetSet, setFolderName, type AssetFile } from '../core/output/assetSetPlan';
import { encoderQuality, fileExtensionOf } from '../core/output/outputFormats';
import type { Imaging } from '../imaging/imaging';
import { embedding, geometryFor, render, type FinishedFile, type FinishedImage, type FinishJob, type RenderSource } from './finishImage';
import { writeFinishedFile } from './finishedFile';

const maxFolderAttempts = 1000;

/** A new folder `parent/name` (or `name-2` …), created exclusively so two sets never share one. */
async function claimFolder(parent: string, name: string): Promise<string> {
  for (let attempt = 1; attempt <= maxFolderAttempts; attempt++) {
    const folder = join(parent, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      await mkdir(folder);
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
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
  const folder = await claimFolder(dirname(job.source), setFolderName(job.provenance.prompt ?? ''));
  try {
    const written: { file: AssetFile; path: string }[] = [];
    for (const file of plan.files) {
      const path = file.format === 'ico' ? await writeIco(imaging, job, from, size, file, folder) : await writeImage(imaging, job, from, size, file, folder);
      written.push({ file, path });
    }
    const finished = (entry: { file: AssetFile; path: string }): FinishedFile => ({ path: entry.path, width: entry.file.width, height: entry.file.height });
    const primary = primaryOf(plan.kind, plan.files);
    return { primary: finished(written.find((entry) => entry.file === primary)!), files: written.map(finished), notes: plan.notes };
  } catch (error) {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
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
