// The scan behind Find Unused Images, the same for the editor and the command line (no vscode):
// which images ImageGen made (its history's files, and every image whose provenance says so),
// every reference the workspace's text files hold, and the made images none of them names, with
// their sizes and dates. The host says which files there are (the editor through findFiles and
// files.exclude, the command line by walking the folder) and how a text is read; nothing is deleted here.
import { stat } from 'node:fs/promises';
import { isInside, type PathRules } from '../../core/assets/assetsFolder';
import { isImageGenProvenance } from '../../core/images/imageProvenance';
import { linkedPaths } from '../../core/housekeeping/linkedPaths';
import { resolveReference } from '../../core/housekeeping/resolveReference';
import { madeImages, unusedImages, type MadeImage } from '../../core/housekeeping/unusedImages';
import { readImageProvenance } from '../../saving/readImageProvenance';
import { fileSystem } from '../../saving/realFileSystem';

/** The image files whose provenance is read (what ImageGen writes; an ICO is known from the history). */
export const madeImageExtensions = ['png', 'jpg', 'jpeg', 'webp', 'avif', 'ico'] as const;

export interface TextFile {
  /** File system path. */
  readonly path: string;
  /** The workspace folder it belongs to (root-relative references start there). */
  readonly workspaceFolder: string;
  /** A language id or the file's extension. */
  readonly language: string;
  /** Its text; undefined when it cannot be read (then it links nothing). */
  read(): Promise<string | undefined>;
}

export interface ScanSources {
  readonly textFiles: readonly TextFile[];
  /** Image files (file system paths) whose provenance may say ImageGen made them. */
  readonly imageFiles: readonly string[];
  /** What the host's history says ImageGen made (files that no longer exist are left out). */
  readonly history: readonly MadeImage[];
  /** The workspace folders (file system paths): a made image whose real path is outside every one is never offered. */
  readonly workspaceFolders: readonly string[];
  readonly rules: PathRules;
  readonly signal?: AbortSignal;
  /** How far the scan is: files read of all to read. */
  readonly progress?: (done: number, total: number) => void;
}

export interface UnusedFile {
  readonly path: string;
  readonly bytes: number;
  /** Last modified, milliseconds since the epoch. */
  readonly modified: number;
}

export interface UnusedImage {
  /** The image's files: one, or a set's. */
  readonly files: readonly UnusedFile[];
  readonly taskIds: readonly string[];
  readonly bytes: number;
  /** The newest of its files' dates. */
  readonly modified: number;
  /** The prompt its provenance remembers, when it does. */
  readonly prompt?: string;
}

export interface ScanResult {
  /** How many images ImageGen made that are still there. */
  readonly made: number;
  readonly unused: readonly UnusedImage[];
}

/** Reads at most this many files at once: enough to keep the disk busy, few enough for a large workspace. */
const parallel = 16;

export async function scanUnusedImages(sources: ScanSources): Promise<ScanResult> {
  const { rules, signal } = sources;
  const total = sources.imageFiles.length + sources.textFiles.length;
  let done = 0;
  const step = () => sources.progress?.(++done, total);
  const prompts = new Map<string, string>();
  const byProvenance: string[] = [];
  await eachAtMost(sources.imageFiles, signal, async (file) => {
    const read = await readImageProvenance(file);
    if (read && isImageGenProvenance(read.text)) {
      byProvenance.push(file);
      prompts.set(file, read.text.prompt!);
    }
    step();
  });
  const stats = new Map<string, UnusedFile>();
  const history = await Promise.all(
    sources.history.map(async (image) => ({ ...image, files: (await Promise.all(image.files.map((file) => fileFacts(file, stats)))).filter((file): file is string => file !== undefined) })),
  );
  const made = await insideWorkspace(madeImages(history, byProvenance.sort(), rules), sources.workspaceFolders, rules);
  const linked: string[] = [];
  await eachAtMost(sources.textFiles, signal, async (file) => {
    const text = await file.read();
    if (text !== undefined) {
      for (const reference of linkedPaths(text, file.language)) linked.push(...resolveReference(reference, { documentPath: file.path, workspaceFolder: file.workspaceFolder }, rules));
    }
    step();
  });
  signal?.throwIfAborted();
  const unused: UnusedImage[] = [];
  for (const image of unusedImages(made, linked, rules)) {
    const files = (await Promise.all(image.files.map(async (file) => ((await fileFacts(file, stats)) ? stats.get(file) : undefined)))).filter((file): file is UnusedFile => file !== undefined);
    if (files.length === 0) continue;
    const prompt = image.files.map((file) => prompts.get(file)).find((text) => text !== undefined);
    unused.push({ files, taskIds: image.taskIds, bytes: files.reduce((sum, file) => sum + file.bytes, 0), modified: Math.max(...files.map((file) => file.modified)), ...(prompt !== undefined ? { prompt } : {}) });
  }
  return { made: made.length, unused: unused.sort((a, b) => b.modified - a.modified) };
}

/**
 * Only images all of whose files are inside a workspace folder by their real paths: a history entry
 * of a folder no longer open, or a file reached through a link that leads out, is never offered for deletion.
 */
async function insideWorkspace(images: readonly MadeImage[], folders: readonly string[], rules: PathRules): Promise<MadeImage[]> {
  const roots = (await Promise.all(folders.map((folder) => fileSystem.realpath(folder).catch(() => undefined)))).filter((root): root is string => root !== undefined);
  const inside = async (file: string) => {
    try {
      const real = await fileSystem.realpath(file);
      return roots.some((root) => isInside(root, real, rules));
    } catch {
      return false;
    }
  };
  const kept: MadeImage[] = [];
  for (const image of images) if ((await Promise.all(image.files.map(inside))).every(Boolean)) kept.push(image);
  return kept;
}

/** The file's path when it is a file that exists (its size and date remembered in `stats`). */
async function fileFacts(file: string, stats: Map<string, UnusedFile>): Promise<string | undefined> {
  if (stats.has(file)) return file;
  try {
    const facts = await stat(file);
    if (!facts.isFile()) return undefined;
    stats.set(file, { path: file, bytes: facts.size, modified: facts.mtimeMs });
    return file;
  } catch {
    return undefined;
  }
}

async function eachAtMost<T>(items: readonly T[], signal: AbortSignal | undefined, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      signal?.throwIfAborted();
      await run(items[next++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}
