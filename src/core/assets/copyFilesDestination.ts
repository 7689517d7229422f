// VS Code's own `markdown.copyFiles.destination` (glob → destination, used for pasted and dropped
// files), read the way the Markdown extension reads it, so a team that already set it finds its
// generated images where its pasted ones go. Everything here works on URI paths (always `/`,
// `/c:/…` for a Windows drive, the share's folders for a UNC path), exactly as the Markdown
// extension does; the host turns the result back into a file system path and confines it.
import picomatch from 'picomatch';
import { posix } from 'node:path';

/**
 * The destination of the first glob that matches the document, or undefined. A glob that starts
 * with `/` is anchored to each workspace folder; any other that does not start with `**` matches
 * at any depth.
 */
export function findCopyDestination(destinations: Readonly<Record<string, string>>, documentPath: string, workspaceFolderPaths: readonly string[]): string | undefined {
  for (const [rawGlob, destination] of Object.entries(destinations)) {
    for (const glob of anchoredGlobs(rawGlob, workspaceFolderPaths)) {
      if (picomatch.isMatch(documentPath, glob, { dot: true })) {
        return destination;
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

/**
 * The URI path of the file a destination names for `fileName` next to the document at
 * `documentPath`: a leading `/` is the workspace folder, a trailing `/` adds the file name, the
 * variables `${documentDirName}`, `${documentFileName}`, `${documentBaseName}`,
 * `${documentExtName}`, `${documentWorkspaceFolder}` and `${fileName}` (also as
 * `${name/regex/replacement/}`); an unknown variable is empty.
 */
export function resolveCopyDestination(documentPath: string, fileName: string, destination: string, workspaceFolderPath: string | undefined): CopyDestination {
  let template = destination.trim() || '${fileName}';
  if (template.startsWith('/')) {
    template = '${documentWorkspaceFolder}/' + template.slice(1);
  }
  if (template.endsWith('/')) {
    template += '${fileName}';
  }
  const documentDirName = posix.dirname(documentPath);
  const documentFileName = posix.basename(documentPath);
  const documentExtName = posix.extname(documentPath);
  const variables = new Map<string, string>([
    ['documentDirName', documentDirName],
    ['documentFileName', documentFileName],
    ['documentBaseName', documentFileName.slice(0, documentFileName.length - documentExtName.length)],
    ['documentExtName', documentExtName.replace('.', '')],
    ['documentWorkspaceFolder', workspaceFolderPath ?? documentDirName],
    ['fileName', fileName],
  ]);
  let resolved: string;
  try {
    resolved = template.replace(/\$\{(\w+)(?:\/([^}]+?)\/([^}]+?)\/)?\}/g, (_whole, name: string, pattern?: string, replacement?: string) => {
      const value = variables.get(name);
      if (!value) {
        return '';
      }
      return pattern && replacement ? value.replace(new RegExp(pattern), replacement) : value;
    });
  } catch (error) {
    return { ok: false, message: `markdown.copyFiles.destination "${destination}" has a pattern that is not a regular expression (${error instanceof Error ? error.message : String(error)}).` };
  }
  return { ok: true, path: resolved.startsWith('/') ? posix.normalize(resolved) : posix.join(documentDirName, resolved) };
}

export type CopyDestination = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly message: string };
