// markdown.copyFiles.destination read as VS Code's Markdown extension reads it: the expected values
// below follow that extension's documented rules (glob anchoring, leading and trailing `/`, the
// variables and their `${name/regex/replacement/}` form), on URI paths of Linux, Windows drive and
// UNC documents.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { findCopyDestination, resolveCopyDestination } from '../../src/core/assets/copyFilesDestination';

test('globs: relative globs match at any depth, "/" anchors to each workspace folder, dot files match, first match wins', () => {
  const table: [Record<string, string>, string, string[], string | undefined][] = [
    [{ '*.md': 'images/' }, '/ws/docs/a.md', ['/ws'], 'images/'],
    [{ '*.md': 'images/' }, '/ws/docs/a.txt', ['/ws'], undefined],
    [{ '**/*.md': 'x/' }, '/ws/a.md', ['/ws'], 'x/'],
    [{ '/docs/**': 'docs-img/' }, '/ws/docs/deep/a.md', ['/ws'], 'docs-img/'],
    [{ '/docs/**': 'docs-img/' }, '/ws/other/docs/a.md', ['/ws'], undefined],
    [{ '/docs/**': 'second/' }, '/ws2/docs/a.md', ['/ws1', '/ws2'], 'second/'],
    [{ '*.md': 'hidden/' }, '/ws/.github/a.md', ['/ws'], 'hidden/'],
    [{ 'blog/*.md': 'blog-img/', '*.md': 'img/' }, '/ws/blog/post.md', ['/ws'], 'blog-img/'],
    [{ 'blog/*.md': 'blog-img/', '*.md': 'img/' }, '/ws/notes/post.md', ['/ws'], 'img/'],
    [{ '/docs/**': 'd/' }, '/c:/Users/me/ws/docs/a.md', ['/c:/Users/me/ws'], 'd/'],
    [{}, '/ws/a.md', ['/ws'], undefined],
  ];
  for (const [destinations, document, folders, expected] of table) {
    assert.equal(findCopyDestination(destinations, document, folders), expected, `${JSON.stringify(destinations)} for ${document}`);
  }
});

test('destinations: leading "/" is the workspace folder, trailing "/" adds the file name, otherwise relative to the document', () => {
  const table: [string, string, string | undefined, string][] = [
    ['images/', '/ws/docs/a.md', '/ws', '/ws/docs/images/pic.png'],
    ['/images/', '/ws/docs/a.md', '/ws', '/ws/images/pic.png'],
    ['', '/ws/docs/a.md', '/ws', '/ws/docs/pic.png'],
    ['   ', '/ws/docs/a.md', '/ws', '/ws/docs/pic.png'],
    ['/static/${documentBaseName}/', '/ws/blog/post.md', '/ws', '/ws/static/post/pic.png'],
    ['${documentDirName}/media/${fileName}', '/ws/blog/post.md', '/ws', '/ws/blog/media/pic.png'],
    ['${documentWorkspaceFolder}/all/${documentFileName}-${fileName}', '/ws/blog/post.md', '/ws', '/ws/all/post.md-pic.png'],
    ['img/${documentExtName}/${fileName}', '/ws/a.mdx', '/ws', '/ws/img/mdx/pic.png'],
    ['img/${unknown}${fileName}', '/ws/a.md', '/ws', '/ws/img/pic.png'],
    ['img/${documentBaseName/(.*)/$1-images/}/', '/ws/a.md', '/ws', '/ws/img/a-images/pic.png'],
    ['cover.png', '/ws/post/index.md', '/ws', '/ws/post/cover.png'],
    ['../shared/', '/ws/docs/a.md', '/ws', '/ws/shared/pic.png'],
    ['/../outside/', '/ws/a.md', '/ws', '/outside/pic.png'],
    // No workspace folder: the document's folder stands in.
    ['/images/', '/loose/a.md', undefined, '/loose/images/pic.png'],
    // Windows drive and UNC documents, as URI paths.
    ['/images/', '/c:/Users/me/ws/docs/a.md', '/c:/Users/me/ws', '/c:/Users/me/ws/images/pic.png'],
    ['images/', '/share/ws/docs/a.md', '/share/ws', '/share/ws/docs/images/pic.png'],
  ];
  for (const [destination, document, workspace, expected] of table) {
    const resolved = resolveCopyDestination(document, 'pic.png', destination, workspace);
    assert.deepEqual(resolved, { ok: true, path: expected }, `${destination} for ${document}`);
  }
});

test('a destination whose ${name/regex/replacement/} is not a regular expression gets a message naming the setting', () => {
  const resolved = resolveCopyDestination('/ws/a.md', 'pic.png', 'img/${documentBaseName/(/x/}/', '/ws');
  assert.equal(resolved.ok, false);
  assert.match(!resolved.ok ? resolved.message : '', /markdown\.copyFiles\.destination "img\/\$\{documentBaseName\/\(\/x\/\}\/" has a pattern that is not a regular expression/);
});
