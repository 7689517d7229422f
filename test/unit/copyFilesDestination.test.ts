// markdown.copyFiles.destination read as VS Code's Markdown extension reads it (copyFiles.ts in
// markdown-language-features: glob anchoring with picomatch and dot files, leading and trailing
// `/`, every documented variable, `${name/regex/replacement/}`, `\$`, unknown variables left as
// written, a broken transform skipped), then turned into a folder inside the workspace with both
// path flavours: Linux, a Windows drive, a UNC share. This file also runs in the win32 layer.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pathRulesFor } from '../../src/core/assets/assetsFolder';
import { copyFilesLocation, findCopyDestination, resolveCopyDestination, type CopyFilesContext } from '../../src/core/assets/copyFilesDestination';

const now = new Date('2026-09-01T12:34:56.789Z');

test('globs: relative globs match at any depth, "/" anchors to each workspace folder, dot folders match, first match wins', () => {
  const table: [Record<string, string>, string, string[], string | undefined][] = [
    [{ '*.md': 'images/' }, '/ws/docs/a.md', ['/ws'], 'images/'],
    [{ '*.md': 'images/' }, '/ws/docs/a.txt', ['/ws'], undefined],
    [{ '**/*.md': 'x/' }, '/ws/a.md', ['/ws'], 'x/'],
    [{ '/docs/**': 'docs-img/' }, '/ws/docs/deep/a.md', ['/ws'], 'docs-img/'],
    [{ '/docs/**': 'docs-img/' }, '/ws/other/docs/a.md', ['/ws'], undefined],
    [{ '/docs/**': 'second/' }, '/ws2/docs/a.md', ['/ws1', '/ws2'], 'second/'],
    [{ '*.md': 'hidden/' }, '/ws/.github/a.md', ['/ws'], 'hidden/'],
    [{ '**/*.{md,mdx}': 'both/' }, '/ws/a.mdx', ['/ws'], 'both/'],
    [{ 'blog/*.md': 'blog-img/', '*.md': 'img/' }, '/ws/blog/post.md', ['/ws'], 'blog-img/'],
    [{ 'blog/*.md': 'blog-img/', '*.md': 'img/' }, '/ws/notes/post.md', ['/ws'], 'img/'],
    [{ '/docs/**': 'd/' }, '/c:/Users/me/ws/docs/a.md', ['/c:/Users/me/ws'], 'd/'],
    [{}, '/ws/a.md', ['/ws'], undefined],
  ];
  for (const [destinations, document, folders, expected] of table) {
    assert.equal(findCopyDestination(destinations, document, folders)?.destination, expected, `${JSON.stringify(destinations)} for ${document}`);
  }
});

test('destinations: leading "/" is the workspace folder, trailing "/" adds the file name, every variable, escapes and transforms', () => {
  const table: [string, string, string | undefined, string][] = [
    ['images/', '/ws/docs/a.md', '/ws', '/ws/docs/images/pic.png'],
    ['/images/', '/ws/docs/a.md', '/ws', '/ws/images/pic.png'],
    ['', '/ws/docs/a.md', '/ws', '/ws/docs/pic.png'],
    ['/static/${documentBaseName}/', '/ws/blog/post.md', '/ws', '/ws/static/post/pic.png'],
    ['/assets/${documentRelativeDirName}/', '/ws/blog/2026/post.md', '/ws', '/ws/assets/blog/2026/pic.png'],
    ['/mirror/${documentRelativeFilePath}/${fileName}', '/ws/blog/post.md', '/ws', '/ws/mirror/blog/post.md/pic.png'],
    ['${documentDirName}/media/${fileName}', '/ws/blog/post.md', '/ws', '/ws/blog/media/pic.png'],
    ['${documentWorkspaceFolder}/all/${documentFileName}-${fileName}', '/ws/blog/post.md', '/ws', '/ws/all/post.md-pic.png'],
    ['img/${documentExtName}-${fileExtName}/${fileName}', '/ws/a.mdx', '/ws', '/ws/img/mdx-png/pic.png'],
    ['img/${unixTime}/', '/ws/a.md', '/ws', '/ws/img/1788266096789/pic.png'],
    ['img/${unknown}/${fileName}', '/ws/a.md', '/ws', '/ws/img/${unknown}/pic.png'],
    ['img/\\${fileName}', '/ws/a.md', '/ws', '/ws/img/${fileName}'],
    ['img/${documentBaseName/(.).*/$1/}/', '/ws/readme.md', '/ws', '/ws/img/r/pic.png'],
    ['/assets/${documentRelativeDirName/^_posts\\/(.*)$/$1/}/', '/ws/_posts/node/redis/post.md', '/ws', '/ws/assets/node/redis/pic.png'],
    ['img/${documentBaseName/(/x/}/', '/ws/readme.md', '/ws', '/ws/img/readme/pic.png'],
    ['cover.png', '/ws/post/index.md', '/ws', '/ws/post/cover.png'],
    ['../shared/', '/ws/docs/a.md', '/ws', '/ws/shared/pic.png'],
    ['/../outside/', '/ws/a.md', '/ws', '/outside/pic.png'],
    ['/images/', '/loose/a.md', undefined, '/loose/images/pic.png'],
    ['/images/', '/c:/Users/me/ws/docs/a.md', '/c:/Users/me/ws', '/c:/Users/me/ws/images/pic.png'],
  ];
  for (const [destination, documentPath, workspaceFolderPath, expected] of table) {
    assert.equal(resolveCopyDestination(destination, { documentPath, workspaceFolderPath, fileName: 'pic.png', now }), expected, `${destination} for ${documentPath}`);
  }
});

/** vscode.Uri's fsPath for file URIs, enough for these rows: a drive path, or a UNC share's authority. */
function windowsFsPath(authority: string) {
  return (uriPath: string) => (authority ? `\\\\${authority}${uriPath.replace(/\//g, '\\')}` : uriPath.slice(1).replace(/\//g, '\\'));
}

test('the folder and name the image gets, with each platform\'s rules: Linux, a Windows drive (either case), a UNC share, backslashes', () => {
  const posix = pathRulesFor('linux');
  const win = pathRulesFor('win32');
  const linux: CopyFilesContext = { documentPath: '/ws/docs/a.md', workspaceFolderPaths: ['/ws'], workspaceFolderPath: '/ws', workspaceFolder: '/ws', toFsPath: (path) => path, now };
  const drive: CopyFilesContext = { documentPath: '/c:/Users/Me/ws/docs/a.md', workspaceFolderPaths: ['/c:/Users/Me/ws'], workspaceFolderPath: '/c:/Users/Me/ws', workspaceFolder: 'C:\\Users\\Me\\ws', toFsPath: windowsFsPath(''), now };
  const unc: CopyFilesContext = { documentPath: '/share/ws/docs/a.md', workspaceFolderPaths: ['/share/ws'], workspaceFolderPath: '/share/ws', workspaceFolder: '\\\\server\\share\\ws', toFsPath: windowsFsPath('server'), now };
  assert.deepEqual(copyFilesLocation({ '*.md': 'images/' }, linux, 'fox-1', posix), { ok: true, folder: '/ws/docs/images', baseName: 'fox-1' });
  assert.deepEqual(copyFilesLocation({ '*.md': '/art/${documentBaseName}-${fileName}' }, linux, 'fox-1', posix), { ok: true, folder: '/ws/art', baseName: 'a-fox-1' });
  assert.equal(copyFilesLocation({ '*.txt': 'images/' }, linux, 'fox-1', posix), undefined);
  assert.deepEqual(copyFilesLocation({ '*.md': '/images/' }, drive, 'fox-1', win), { ok: true, folder: 'c:\\Users\\Me\\ws\\images', baseName: 'fox-1' }, 'the drive letter differs in case from the workspace folder and still counts as inside');
  assert.deepEqual(copyFilesLocation({ '*.md': 'images\\' }, drive, 'fox-1', win), { ok: true, folder: 'c:\\Users\\Me\\ws\\docs\\images', baseName: 'fox-1' }, 'a trailing backslash is a folder');
  assert.deepEqual(copyFilesLocation({ '*.md': 'art\\pics\\' }, drive, 'fox-1', win), { ok: true, folder: 'c:\\Users\\Me\\ws\\docs\\art\\pics', baseName: 'fox-1' }, 'backslashes inside separate folders too (before a variable, VS Code reads \\$ as a literal $)');
  assert.deepEqual(copyFilesLocation({ '*.md': '/images/' }, unc, 'fox-1', win), { ok: true, folder: '\\\\server\\share\\ws\\images', baseName: 'fox-1' });
  const outside = copyFilesLocation({ '*.md': '/../outside/' }, drive, 'fox-1', win);
  assert.equal(outside?.ok, false);
  assert.match(outside && !outside.ok ? outside.message : '', /markdown\.copyFiles\.destination "\/\.\.\/outside\/" puts images in c:\\Users\\Me\\outside, outside the workspace folder/);
});

test('only the entry that matches is read: an odd entry elsewhere does not matter; a matching one, or a setting that is no map, gets a message naming it', () => {
  const rules = pathRulesFor('linux');
  const context: CopyFilesContext = { documentPath: '/ws/a.md', workspaceFolderPaths: ['/ws'], workspaceFolderPath: '/ws', workspaceFolder: '/ws', toFsPath: (path) => path, now };
  assert.deepEqual(copyFilesLocation({ '*.txt': 42, '*.md': 'images/' }, context, 'x', rules), { ok: true, folder: '/ws/images', baseName: 'x' });
  const odd = copyFilesLocation({ '*.md': 42 }, context, 'x', rules);
  assert.match(odd && !odd.ok ? odd.message : '', /markdown\.copyFiles\.destination "\*\.md" has no destination text/);
  const notAMap = copyFilesLocation('images/', context, 'x', rules);
  assert.match(notAMap && !notAMap.ok ? notAMap.message : '', /must map globs to destinations/);
});
