// Which image Convert / Resize Image… works on: the link its hover (or light bulb) names, the
// file the explorer's menu was opened on, the image open in the editor, or one the user picks.
// Arguments from a command link are checked like any other input.
import * as z from 'zod/mini';
import * as vscode from 'vscode';
import { confineRealPath, isInside } from '../../core/assets/assetsFolder';
import { imageLinkAt } from '../../core/insert/imageLinkAt';
import { pathRules } from '../../saving/pathRules';
import { fileSystem } from '../../saving/realFileSystem';
import { linkedFile } from '../provenance/provenanceHover';

/** The formats Convert reads (and the explorer menu offers it on). */
export const convertibleExtensions = ['png', 'jpg', 'jpeg', 'webp', 'avif'] as const;

const convertArgs = z.object({
  /** An image file; with `line` and `character`, the document whose image link is there. */
  uri: z.string().check(z.maxLength(4_000)),
  line: z.optional(z.number().check(z.int(), z.minimum(0))),
  character: z.optional(z.number().check(z.int(), z.minimum(0))),
  /** The output line the box starts with (a keybinding's or a script's choice). */
  output: z.optional(z.string().check(z.maxLength(500))),
});

export interface ImageToConvert {
  /** A file system path inside a workspace folder. */
  readonly file: string;
  readonly output?: string;
}

/** The image, or the words saying why there is none; undefined when the user cancelled the picker. */
export async function imageToConvert(raw: unknown): Promise<ImageToConvert | string | undefined> {
  const first: unknown = Array.isArray(raw) ? raw[0] : raw;
  if (first instanceof vscode.Uri) return checked(first);
  if (first === undefined) {
    const open = openImage();
    return open ? checked(open) : pickImage();
  }
  const parsed = convertArgs.safeParse(first);
  const notFound = vscode.l10n.t('There is no image at that place any more.');
  if (!parsed.success) return notFound;
  const { uri, line, character, output } = parsed.data;
  let target: vscode.Uri;
  try {
    target = vscode.Uri.parse(uri, true);
  } catch {
    return notFound;
  }
  if (line === undefined || character === undefined) {
    const image = await checked(target);
    return typeof image === 'string' ? image : { ...image, ...(output !== undefined ? { output } : {}) };
  }
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(target);
  } catch {
    return notFound;
  }
  const link = line < document.lineCount ? imageLinkAt(document.lineAt(line).text, character) : undefined;
  const file = link && linkedFile(document.uri, link.path);
  return file ? checked(vscode.Uri.file(file), output) : notFound;
}

/**
 * Only files inside a workspace folder: the converted file is written beside the image, in a
 * folder confined by its real path (as saving confines every write: a link inside the workspace
 * that leads out of it is not written through).
 */
async function checked(uri: vscode.Uri, output?: string): Promise<ImageToConvert | string> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const outside = vscode.l10n.t('ImageGen converts only images inside a workspace folder (the new file goes beside the image): open the folder that holds {0} first.', uri.path.split('/').pop() ?? uri.path);
  if (uri.scheme !== 'file' || !folder || !isInside(folder.uri.fsPath, uri.fsPath, pathRules)) return outside;
  const confined = await confineRealPath(pathRules.path.dirname(uri.fsPath), folder.uri.fsPath, fileSystem, pathRules).catch(() => undefined);
  if (!confined?.ok) return outside;
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  if (!(convertibleExtensions as readonly string[]).includes(extension)) {
    return vscode.l10n.t('{0} is not a PNG, JPEG, WebP or AVIF image: ImageGen converts only those.', uri.path.split('/').pop() ?? uri.path);
  }
  return { file: uri.fsPath, ...(output !== undefined ? { output } : {}) };
}

/** The image shown in the active editor (VS Code's image preview), if any. */
function openImage(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  const uri = input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputText ? input.uri : undefined;
  const extension = uri?.path.split('.').pop()?.toLowerCase() ?? '';
  return uri && (convertibleExtensions as readonly string[]).includes(extension) ? uri : undefined;
}

async function pickImage(): Promise<ImageToConvert | string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Convert / Resize Image'),
    canSelectMany: false,
    openLabel: vscode.l10n.t('Convert'),
    filters: { [vscode.l10n.t('Images')]: [...convertibleExtensions] },
    ...(folder ? { defaultUri: folder.uri } : {}),
  });
  return picked?.[0] ? checked(picked[0]) : undefined;
}
