// VS Code's own `markdown.copyFiles.destination` (glob → destination, used for pasted and dropped
// files), read the way the Markdown extension reads it, so a team that already set it finds its
// generated images where its pasted ones go. Globs and variables work on URI paths (always `/`,
// `/c:/…` for a Windows drive), as in the Markdown extension; the result is turned into a file
// system path with the platform's rules and must stay inside the workspace folder.
import picomatch from 'picomatch';
import { posix } from 'node:path';
import { isInside, type PathRules } from './assetsFolder';

/**
 * The destination of the first glob that matches the document, or undefined. A glob that starts
 * with `/` is anchored to each workspace folder; any other that does not start with `**` matches
 * at any depth.
 */
export function findCopyDestination(destinations: Readonly<Record<string, unknown>>, documentPath: string, workspaceFolderPaths: readonly string[]): { readonly glob: string; readonly destination: unknown } | undefined {
  for (const [glob, destination] of Object.entries(destinations)) {
    for (const anchored of anchoredGlobs(glob, workspaceFolderPaths)) {
      if (picomatch.isMatch(documentPath, anchored, { dot: true })) {
        return { glob, destination };
      }
    }
  }
  return undefined;
}

function anchoredGlobs(rawGlob: string, workspaceFolderPaths: readonly string[]): readonly string[] {
  if (rawGlob.startsWith('/')) {
    return workspaceFolderPaths.map((folder) => posix.join(folder, rawGlob));
  }
  return rawGlob.startsWith('**') ? [rawGlob] : [`**/${rawGlob}`];
}

export interface CopyDestinationContext {
  /** URI path of the document. */
  readonly documentPath: string;
  /** URI path of its workspace folder, if it is in one. */
  readonly workspaceFolderPath: string | undefined;
  /** The file's name, with its extension. */
  readonly fileName: string;
  readonly now: Date;
}

/**
 * The URI path a destination names: a leading `/` is the workspace folder, a trailing `/` adds
 * the file name, `${variable}` and `${variable/regex/replacement/}` are filled in (an unknown
 * variable stays as written, a transform that is not a valid regular expression is skipped),
 * `\$` is a literal `$`; a relative result is relative to the document's folder.
 */
export function resolveCopyDestination(destination: string, context: CopyDestinationContext): string {
  let template = destination.trim() || '${fileName}';
  if (template.startsWith('/')) {
    template = '${documentWorkspaceFolder}/' + template.slice(1);
  }
  if (template.endsWith('/')) {
    template += '${fileName}';
  }
  const { documentPath, workspaceFolderPath, fileName, now } = context;
  const documentDirName = posix.dirname(documentPath);
  const documentFileName = posix.basename(documentPath);
  const documentExtName = posix.extname(documentPath);
  const variables = new Map<string, string>([
    ['documentDirName', documentDirName],
    ['documentRelativeDirName', workspaceFolderPath ? posix.relative(workspaceFolderPath, documentDirName) : documentDirName],
    ['documentFileName', documentFileName],
    ['documentBaseName', documentFileName.slice(0, documentFileName.length - documentExtName.length)],
    ['documentExtName', documentExtName.replace('.', '')],
    ['documentFilePath', documentPath],
    ['documentRelativeFilePath', workspaceFolderPath ? posix.relative(workspaceFolderPath, documentPath) : documentPath],
    ['documentWorkspaceFolder', workspaceFolderPath ?? documentDirName],
    ['fileName', fileName],
    ['fileExtName', posix.extname(fileName).replace('.', '')],
    ['unixTime', String(now.getTime())],
    ['isoTime', now.toISOString()],
  ]);
  const unescape = (text: string) => text.replace(/\\\//g, '/');
  const resolved = template.replace(/(\\\$)|(?<!\\)\$\{(\w+)(?:\/((?:\\\/|[^}/])+)\/((?:\\\/|[^}/])*)\/)?\}/g, (match: string, escape: string | undefined, name: string, pattern?: string, replacement?: string) => {
    if (escape) {
      return '$';
    }
    const value = variables.get(name);
    if (value === undefined) {
      return match;
    }
    if (pattern && replacement) {
      try {
        return value.replace(new RegExp(unescape(pattern)), unescape(replacement));
      } catch {
        // As in VS Code: a transform that is not a regular expression leaves the value as it is.
      }
    }
    return value;
  });
  return resolved.startsWith('/') ? posix.normalize(resolved) : posix.join(documentDirName, resolved);
}

export interface CopyFilesContext {
  /** URI paths of the document and of every workspace folder (for anchored globs). */
  readonly documentPath: string;
  readonly workspaceFolderPaths: readonly string[];
  /** The document's workspace folder: its URI path and its file system path. */
  readonly workspaceFolderPath: string;
  readonly workspaceFolder: string;
  /** A URI path of this document's file system as a file system path (vscode.Uri's fsPath). */
  readonly toFsPath: (uriPath: string) => string;
  readonly now: Date;
}

export type CopyFilesLocation = { readonly ok: true; readonly folder: string; readonly baseName: string } | { readonly ok: false; readonly message: string };

/**
 * Where markdown.copyFiles.destination puts an image named `baseName` for this document: its
 * folder (a file system path inside the workspace folder) and base name; undefined when no glob
 * matches. Only the entry that matches is read, so one odd entry does not stop every generation.
 */
export function copyFilesLocation(setting: unknown, context: CopyFilesContext, baseName: string, rules: PathRules): CopyFilesLocation | undefined {
  if (typeof setting !== 'object' || setting === null || Array.isArray(setting)) {
    return { ok: false, message: 'The setting markdown.copyFiles.destination must map globs to destinations, such as { "**/*.md": "images/" }. Fix it in Settings, or set imagegen.assetsFolder.' };
  }
  const match = findCopyDestination(setting as Record<string, unknown>, context.documentPath, context.workspaceFolderPaths);
  if (!match) {
    return undefined;
  }
  if (typeof match.destination !== 'string') {
    return { ok: false, message: `markdown.copyFiles.destination "${match.glob}" has no destination text. Fix it in Settings, or set imagegen.assetsFolder.` };
  }
  // Windows users write `\`: VS Code would take it as part of a name; here it separates folders.
  let destination = match.destination;
  if (rules.path.sep === '\\') {
    destination = destination.trim().replace(/\\$/, '/');
  }
  // The Markdown extension's ${fileName} is a whole name (image.png); the extension we write follows the bytes.
  let uriPath = resolveCopyDestination(destination, { documentPath: context.documentPath, workspaceFolderPath: context.workspaceFolderPath, fileName: `${baseName}.png`, now: context.now });
  if (rules.path.sep === '\\') {
    uriPath = posix.normalize(uriPath.replace(/\\/g, '/'));
  }
  const file = context.toFsPath(uriPath);
  const folder = rules.path.dirname(file);
  if (!isInside(context.workspaceFolder, folder, rules)) {
    return { ok: false, message: `markdown.copyFiles.destination "${match.destination}" puts images in ${folder}, outside the workspace folder ${context.workspaceFolder}. Images are only written inside the workspace; set imagegen.assetsFolder to choose their folder.` };
  }
  const name = rules.path.basename(file).replace(/\.(png|jpe?g|webp|gif)$/i, '');
  return { ok: true, folder, baseName: name || baseName };
}
