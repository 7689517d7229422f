// Find Unused Images' pure parts: the references each kind of file holds, where they point (both
// path flavours, so any machine checks Windows' rules), and which images ImageGen made nothing links.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pathRulesFor } from '../../src/core/assets/assetsFolder';
import { excludeGlob } from '../../src/core/housekeeping/excludeGlob';
import { dateText, sizeText } from '../../src/core/housekeeping/fileFactsText';
import { linkedPaths, linksImages, srcsetCandidates } from '../../src/core/housekeeping/linkedPaths';
import { pathKey, resolveReference } from '../../src/core/housekeeping/resolveReference';
import { madeImages, unusedImages } from '../../src/core/housekeeping/unusedImages';

const posix = pathRulesFor('linux');
const win = pathRulesFor('win32');

/** The same references, in any order. */
const same = (actual: string[], expected: string[], message?: string) => assert.deepEqual([...actual].sort(), [...expected].sort(), message);

test('Markdown: images with titles and angle brackets, reference definitions, inline HTML; remote ones left out; %20, query and fragment read as a renderer does', () => {
  const text = [
    '# Title',
    '![a fox](assets/fox.png "The fox") and ![b](<assets/my cat.png>) and ![c](./assets/a%20b.png?v=2#top)',
    '![remote](https://example.com/x.png) ![data](data:image/png;base64,AAAA) ![proto](//cdn.example/x.png)',
    '[hero]: /assets/hero.webp "Hero"',
    '   [logo]: <../shared/logo.png>',
    '<img alt="x" src="assets/inline.png" srcset="assets/inline-640.webp 640w, assets/inline-1280.webp 1280w">',
    '[a link](docs/page.md)',
  ].join('\n');
  same(linkedPaths(text, 'markdown'), ['assets/fox.png', 'assets/my cat.png', './assets/a b.png', '/assets/hero.webp', '../shared/logo.png', 'docs/page.md', 'assets/inline.png', 'assets/inline-640.webp', 'assets/inline-1280.webp']);
  assert.deepEqual(linkedPaths(text, '.md'), linkedPaths(text, 'markdown'), 'an extension reads as its language');
});

test('MDX: Markdown, JSX src strings and expressions, imports of image files', () => {
  const text = "import hero from './hero.png';\nimport { Chart } from '../components/Chart';\n\n![x](img/a.png)\n\n<Image src={hero} />\n<img src={'img/b.png'} />\n<img src={\"img/c.png\"} />\n<img src={`img/d.png`} />\n";
  same(linkedPaths(text, 'mdx'), ['img/a.png', 'img/b.png', 'img/c.png', 'img/d.png', './hero.png', '../components/Chart']);
});

test('HTML: src, every srcset candidate (also <source>), icon href, poster, entities, url() in style; CSS url() quoted or not', () => {
  const html = [
    '<link rel="icon" href="/favicon/icon-32.png" sizes="32x32">',
    '<picture><source type="image/avif" srcset="a/hero-480.avif 480w,a/hero-960.avif 960w"><img src=\'a/hero.png\' srcset="a/hero.png 1x, a/hero@2x.png 2x"></picture>',
    '<video poster=a/poster.jpg></video>',
    '<img src="a/tom&amp;jerry.png">',
    '<div style="background: url(a/bg.png)"></div>',
    '<a href="https://example.com">x</a> <a href="#top">top</a>',
  ].join('\n');
  same(linkedPaths(html, 'html'), ['/favicon/icon-32.png', 'a/hero.png', 'a/poster.jpg', 'a/tom&jerry.png', 'a/hero-480.avif', 'a/hero-960.avif', 'a/hero@2x.png', 'a/bg.png']);
  const css = ".a { background: url(\"../img/a.png\") } .b { background-image: url('../img/b.webp'), url( ../img/c%20d.png ) } .c { background: image-set('../img/e.png' 1x) } .d { background: url(data:image/png;base64,AA) }";
  same(linkedPaths(css, 'css'), ['../img/a.png', '../img/b.webp', '../img/c d.png', '../img/e.png']);
  assert.deepEqual(linkedPaths(css, 'scss'), linkedPaths(css, 'css'));
});

test('JSX/TSX: src attributes and expressions, imports and require of images, image strings in objects', () => {
  const tsx = "import logo from '../assets/logo.png';\nconst icon = require('./icon.webp');\nconst cards = [{ image: '/img/card.png' }];\nexport const A = () => <><img src=\"/img/a.png\" /><img src={'/img/b.png'} /><img src={logo} /></>;\n";
  same(linkedPaths(tsx, 'typescriptreact'), ['../assets/logo.png', './icon.webp', '/img/card.png', '/img/a.png', '/img/b.png']);
  assert.deepEqual(linkedPaths(tsx, 'tsx'), linkedPaths(tsx, 'typescriptreact'));
});

test('what is not a linking language links nothing; srcset candidates with descriptors', () => {
  assert.equal(linksImages('plaintext'), false);
  assert.equal(linksImages('.vue'), true);
  same(linkedPaths('![x](a.png)', 'plaintext'), []);
  assert.deepEqual(srcsetCandidates(' a.png 1x ,b.png   2x,c.png'), ['a.png', 'b.png', 'c.png']);
});

test('references resolve from the document, from the workspace root (/…), both for a bare path; posix', () => {
  const context = { documentPath: '/ws/docs/guide/page.md', workspaceFolder: '/ws' };
  const table: [string, string[]][] = [
    ['./img/a.png', ['/ws/docs/guide/img/a.png']],
    ['../img/a.png', ['/ws/docs/img/a.png']],
    ['/assets/a.png', ['/ws/assets/a.png', '/ws/public/assets/a.png', '/ws/static/assets/a.png']],
    ['/ws/assets/a.png', ['/ws/assets/a.png']],
    ['assets/a.png', ['/ws/docs/guide/assets/a.png', '/ws/assets/a.png']],
    ['a\\b.png', ['/ws/docs/guide/a\\b.png', '/ws/a\\b.png']],
  ];
  for (const [reference, expected] of table) assert.deepEqual(resolveReference(reference, context, posix), expected, reference);
  assert.deepEqual(resolveReference('x.png', { documentPath: '/ws/x.md', workspaceFolder: '/ws' }, posix), ['/ws/x.png'], 'one path when both are the same');
});

test('references resolve with win32 rules: forward or back slashes, drive letters, root-relative from the folder, case-insensitive keys', () => {
  const context = { documentPath: 'C:\\Work\\Site\\docs\\page.md', workspaceFolder: 'C:\\Work\\Site' };
  const table: [string, string[]][] = [
    ['./img/a.png', ['C:\\Work\\Site\\docs\\img\\a.png']],
    ['..\\img\\a.png', ['C:\\Work\\Site\\img\\a.png']],
    ['/assets/a.png', ['C:\\Work\\Site\\assets\\a.png', 'C:\\Work\\Site\\public\\assets\\a.png', 'C:\\Work\\Site\\static\\assets\\a.png']],
    ['\\assets\\a.png', ['C:\\Work\\Site\\assets\\a.png', 'C:\\Work\\Site\\public\\assets\\a.png', 'C:\\Work\\Site\\static\\assets\\a.png']],
    ['C:/Work/Site/assets/a.png', ['C:\\Work\\Site\\assets\\a.png']],
    ['assets/a.png', ['C:\\Work\\Site\\docs\\assets\\a.png', 'C:\\Work\\Site\\assets\\a.png']],
  ];
  for (const [reference, expected] of table) assert.deepEqual(resolveReference(reference, context, win), expected, reference);
  assert.equal(pathKey('C:\\Work\\Site\\Assets\\A.PNG', win), pathKey('c:/work/site/assets/a.png', win));
  assert.notEqual(pathKey('/ws/Assets/A.png', posix), pathKey('/ws/assets/a.png', posix));
});

test('unused: a linked file keeps its image, a set is used while any of its files is linked, names compared by the platform', () => {
  const history = [
    { files: ['/ws/assets/fox.png'], taskIds: ['t1'] },
    { files: ['/ws/assets/set/hero-480.webp', '/ws/assets/set/hero-960.webp', '/ws/assets/set/hero.png'], taskIds: ['t2'] },
    { files: ['/ws/assets/set2/b-480.webp', '/ws/assets/set2/b.png'], taskIds: ['t3'] },
  ];
  const made = madeImages(history, ['/ws/assets/fox.png', '/ws/assets/set/hero.png', '/ws/assets/owl.png', '/ws/assets/set2/b-480.webp'], posix);
  assert.deepEqual(made.map((image) => image.files.length), [1, 3, 2, 1], 'a provenance file of a set joins its set; one only in provenance stands alone');
  assert.deepEqual(made[3], { files: ['/ws/assets/owl.png'], taskIds: [] });
  const unused = unusedImages(made, ['/ws/assets/fox.png', '/ws/assets/set/hero-960.webp'], posix);
  assert.deepEqual(unused.map((image) => image.taskIds), [['t3'], []], 'the set with one linked file stays; the other set and the owl go together');
  assert.equal(unusedImages([{ files: ['C:\\ws\\Assets\\Fox.PNG'] }], ['c:/ws/assets/fox.png'], win).length, 0, 'win32: case-insensitive');
  assert.equal(unusedImages([{ files: ['/ws/Assets/Fox.png'] }], ['/ws/assets/fox.png'], posix).length, 1, 'posix: case matters');
});

test('the same task twice in the history (a candidate group, a retry) is one image with both tasks', () => {
  const made = madeImages([{ files: ['/ws/a.png'], taskIds: ['t1'] }, { files: ['/ws/a.png'], taskIds: ['t2'] }], [], posix);
  assert.deepEqual(made, [{ files: ['/ws/a.png'], taskIds: ['t1', 't2'] }]);
});

test('the scan\'s exclude glob: node_modules with the user\'s files.exclude, or nothing (files.exclude alone) when a pattern cannot join one group', () => {
  assert.equal(excludeGlob({ '**/.git': true, '**/dist': true, '**/off': false }, ['**/node_modules/**']), '{**/node_modules/**,**/.git,**/dist}');
  assert.equal(excludeGlob(undefined, ['**/node_modules/**']), '{**/node_modules/**}');
  assert.equal(excludeGlob({ '**/*.{js,map}': true }, ['**/node_modules/**']), undefined);
  assert.equal(excludeGlob({ '**/*.js': { when: '$(basename).ts' } }, ['**/node_modules/**']), undefined);
});

test('sizes in KB up to a megabyte, then MB; dates to the minute, local', () => {
  assert.equal(sizeText(0), '0.0 KB');
  assert.equal(sizeText(20), '0.1 KB', 'a small file is not "0.0"');
  assert.equal(sizeText(1536), '1.5 KB');
  assert.equal(sizeText(1024 * 1024 * 2.25), '2.3 MB');
  assert.equal(dateText(new Date(2026, 11, 3, 7, 5).getTime()), '2026-12-03 07:05');
});

test('front matter and quoted image paths count in Markdown too, quoted or not (err on keeping)', () => {
  const page = ['---', 'title: A post', 'cover: ./images/cover.png', 'hero: "../shared/hero.webp"', '---', '', 'Text.'].join('\n');
  assert.deepEqual(linkedPaths(page, '.md'), ['../shared/hero.webp', './images/cover.png']);
});
