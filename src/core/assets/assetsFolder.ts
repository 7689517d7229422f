// Where images are saved: `imagegen.assetsFolder` resolved against the document and its
// workspace folder, and refused unless it stays inside that workspace folder. Works on file
// system paths with the platform's rules, passed in (`pathRulesFor`), so both flavours are tested
// on any machine: separators, drive letters in either case, UNC shares, and case-insensitive
// comparison on Windows and macOS.
import { posix, win32, type PlatformPath } from 'node:path';

export interface PathRules {
  readonly path: PlatformPath;
  /** Whether two spellings differing only in case name the same file. */
  readonly caseInsensitive: boolean;
}

export function pathRulesFor(platform: NodeJS.Platform): PathRules {
  if (platform === 'win32') return { path: win32, caseInsensitive: true };
  return { path: posix, caseInsensitive: platform === 'darwin' };
}

export interface AssetsContext {
  /** File system path of the workspace folder that holds the document (or the first one). */
  readonly workspaceFolder: string;
  /** File system path of the document, when it is a saved file inside that folder. */
  readonly documentPath?: string;
}

export type AssetsResolution = { readonly ok: true; readonly folder: string } | { readonly ok: false; readonly message: string };

/** Containment by path segments, never by string prefix (`/ws-other` is not inside `/ws`). */
export function isInside(parent: string, child: string, rules: PathRules): boolean {
  const fold = (text: string) => (rules.caseInsensitive ? text.toLowerCase() : text);
  const relative = rules.path.relative(fold(rules.path.normalize(parent)), fold(rules.path.normalize(child)));
  if (relative === '') {
    return true;
  }
  return !rules.path.isAbsolute(relative) && relative.split(rules.path.sep)[0] !== '..';
}

/** `${name}` variables replaced by a function, so `$&` or `$'` in a path stay literal. */
export function expandVariables(text: string, values: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A setting or path as a message quotes it: long values are shortened in the middle. */
function quoted(text: string): string {
  return text.length <= 160 ? text : `${text.slice(0, 100)}…${text.slice(-50)}`;
}

export function resolveAssetsFolder(rawSetting: string, context: AssetsContext, rules: PathRules): AssetsResolution {
  const { path } = rules;
  const setting = quoted(rawSetting);
  const raw = rawSetting.trim() || 'assets';
  if (raw.startsWith('~')) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" points into the home folder; use a folder inside the workspace, such as "assets".` };
  }
  const documentDir = context.documentPath ? path.dirname(context.documentPath) : undefined;
  if (/\$\{document(Dir|DirName|BaseName)\}/.test(raw) && !documentDir) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" refers to the document, but no saved document is open; open one or use a workspace-relative folder.` };
  }
  const documentBaseName = context.documentPath ? path.basename(context.documentPath).replace(/\.[^.]*$/, '') : '';
  let expanded = expandVariables(raw, {
    workspaceFolder: context.workspaceFolder,
    documentDir,
    documentDirName: documentDir,
    documentBaseName,
  });
  if (path === posix) {
    expanded = expanded.replace(/\\/g, '/');
  } else if (/^[a-z]:(?![\\/])/i.test(expanded)) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" is relative to a drive's current folder; use a folder inside the workspace, such as "assets".` };
  }
  const absolute = path.isAbsolute(expanded) ? path.normalize(expanded) : path.join(context.workspaceFolder, expanded);
  const folder = stripTrailingSeparator(absolute, path);
  if (!isInside(context.workspaceFolder, folder, rules)) {
    return { ok: false, message: `imagegen.assetsFolder "${setting}" resolves to ${quoted(folder)}, outside the workspace folder ${quoted(context.workspaceFolder)}. Images are only written inside the workspace.` };
  }
  return { ok: true, folder };
}

function stripTrailingSeparator(folder: string, path: PlatformPath): string {
  const root = path.parse(folder).root;
  let result = folder;
  while (result.length > root.length && (result.endsWith('/') || result.endsWith(path.sep))) {
    result = result.slice(0, -1);
  }
  return result;
}

export interface RealFileSystem {
  realpath(path: string): Promise<string>;
  exists(path: string): Promise<boolean>;
}

/**
 * The folder as the file system will really resolve it: the deepest existing ancestor is passed
 * through `realpath` (following symlinks and junctions) and the rest appended. A link inside the
 * workspace that leads outside it is refused.
 */
export async function confineRealPath(folder: string, workspaceFolder: string, fs: RealFileSystem, rules: PathRules): Promise<AssetsResolution> {
  const { path } = rules;
  let existing = path.normalize(folder);
  const rest: string[] = [];
  while (!(await fs.exists(existing)) && existing !== path.dirname(existing)) {
    rest.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  const [realWorkspace, realExisting] = await Promise.all([fs.realpath(workspaceFolder), fs.realpath(existing)]);
  const real = path.join(realExisting, ...rest);
  if (!isInside(realWorkspace, real, rules)) {
    return { ok: false, message: `The assets folder ${quoted(folder)} leads to ${quoted(real)} through a symbolic link, outside the workspace folder ${quoted(workspaceFolder)}. Images are only written inside the workspace.` };
  }
  return { ok: true, folder };
}
