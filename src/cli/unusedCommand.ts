// `imagegen unused`: the images ImageGen made (by their provenance, or the journal's tasks) that no
// text file of the workspace links to, with the editor's scan (features/housekeeping/unusedScan.ts).
// It only lists: deleting is the user's, in VS Code (Find Unused Images, to the trash) or by hand.
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { dateText, sizeText } from '../core/housekeeping/fileFactsText';
import { linkingExtensions } from '../core/housekeeping/linkedPaths';
import type { MadeImage } from '../core/housekeeping/unusedImages';
import { madeImageExtensions, scanUnusedImages, type UnusedImage } from '../features/housekeeping/unusedScan';
import { journalFileName, journalFolderName, parseJournal } from '../mcp/taskJournal';
import { realWorkspace } from '../mcp/workspaceFiles';
import { pathRules } from '../saving/pathRules';
import { exitCodes, type ExitCode } from './failures';
import type { Terminal } from './terminal';
import { workspaceFilesWith } from './workspaceWalk';

export async function runUnused(command: { readonly workspace: string; readonly json: boolean }, terminal: Terminal): Promise<ExitCode> {
  const workspace = await realWorkspace(command.workspace);
  const [texts, images] = await Promise.all([workspaceFilesWith(workspace, new Set(linkingExtensions)), workspaceFilesWith(workspace, new Set(madeImageExtensions))]);
  const result = await scanUnusedImages({
    textFiles: texts.map((path) => ({ path, workspaceFolder: workspace, language: extname(path).slice(1), read: () => readFile(path, 'utf8').catch(() => undefined) })),
    imageFiles: images,
    history: await journalImages(workspace, terminal),
    workspaceFolders: [workspace],
    rules: pathRules,
  });
  const shown = (path: string) => relative(workspace, path).split(sep).join('/');
  if (command.json) {
    const facts = (image: UnusedImage) => ({
      path: shown(image.files[0]!.path),
      absolutePath: image.files[0]!.path,
      bytes: image.bytes,
      modified: new Date(image.modified).toISOString(),
      files: image.files.map((file) => ({ path: shown(file.path), bytes: file.bytes, modified: new Date(file.modified).toISOString() })),
      ...(image.prompt !== undefined ? { prompt: image.prompt } : {}),
    });
    await terminal.printJson({ command: 'unused', workspace, made: result.made, unused: result.unused.map(facts) });
    return exitCodes.saved;
  }
  if (result.unused.length === 0) {
    terminal.say(result.made === 0 ? `no images made by ImageGen in ${workspace}.` : `no unused images: each of the ${result.made} image(s) ImageGen made in ${workspace} is linked from a file there.`);
    return exitCodes.saved;
  }
  const lines = result.unused.flatMap((image) => [
    `${sizeText(image.bytes).padStart(9)}  ${dateText(image.modified)}  ${shown(image.files[0]!.path)}`,
    ...image.files.slice(1).map((file) => `${''.padStart(9)}  ${''.padStart(16)}  ${shown(file.path)}`),
  ]);
  await terminal.print(`${lines.join('\n')}\n`);
  const total = result.unused.reduce((sum, image) => sum + image.bytes, 0);
  terminal.say(`${result.unused.length} of ${result.made} image(s) ImageGen made are linked from no file (${sizeText(total)}). Nothing was deleted: ImageGen: Find Unused Images in VS Code moves the ones you pick to the trash.`);
  return exitCodes.saved;
}

/** The images the journal's tasks saved (a task's file and its set's files), as files in the workspace. */
async function journalImages(workspace: string, terminal: Terminal): Promise<MadeImage[]> {
  const file = join(workspace, journalFolderName, journalFileName);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return []; // No journal: provenance alone says which images ImageGen made.
  }
  const read = parseJournal(text);
  if (read.problems.length > 0) terminal.say(`the task journal ${file} ${read.whole ? 'could not be read' : 'is partly unreadable'}; images are known by their provenance alone where it says nothing.`);
  const inside = (path: string) => join(workspace, ...path.split('/').filter((part) => part !== '' && part !== '.' && part !== '..'));
  return read.entries
    .map((entry) => ({ files: [...new Set([...(entry.path ? [entry.path] : []), ...(entry.assetSet?.files.map((set) => set.path) ?? [])])].map(inside), taskIds: [entry.id] }))
    .filter((image) => image.files.length > 0);
}
