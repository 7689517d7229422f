// Paths and file names, table-tested with both path flavours (so any machine checks Windows'
// rules), plus the real file system's links (symlinks here; under Windows node also junctions:
// see test/unit/winFileSystem.test.ts). This file also runs in the win32 layer.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { pathRulesFor, isInside, resolveAssetsFolder, expandVariables, type PathRules } from '../../src/core/assets/assetsFolder';
import { candidateFileName, cutAtGraphemes, isPartialFileName, partialFileName, safeFileNamePart, slugFromPrompt, timestamp } from '../../src/core/assets/fileName';
import { relativeImagePath } from '../../src/core/insert/imageLink';
import { addPngText, readPngText } from '../../src/core/png/pngText';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { gradientPng } from '../simulator/png';

const posixRules = pathRulesFor('linux');
const macRules = pathRulesFor('darwin');
const winRules = pathRulesFor('win32');

test('slugs: lower-case words joined by dashes, Unicode kept, never empty', () => {
  assert.equal(slugFromPrompt('A Lighthouse at Dusk, watercolour!'), 'a-lighthouse-at-dusk-watercolour');
  assert.equal(slugFromPrompt('一只橘猫坐在窗台上'), '一只橘猫坐在窗台上');
  assert.equal(slugFromPrompt('!!! ???'), 'image');
  assert.ok([...slugFromPrompt('x'.repeat(200))].length <= 48);
  assert.equal(timestamp(new Date(2026, 10, 22, 3, 4, 5)), '20261122-030405');
});

test('slugs are cut between graphemes: an emoji or a combining accent at the cut is kept whole or dropped whole', () => {
  for (let pad = 40; pad < 50; pad++) {
    const prompt = `${'a'.repeat(pad)}👩‍👩‍👧🎨e\u0301x`;
    const slug = slugFromPrompt(prompt);
    assert.ok(!/[\ud800-\udbff]$/.test(slug) && !/^[\udc00-\udfff]/.test(slug), `no lone surrogate at ${pad}`);
    assert.doesNotThrow(() => encodeURIComponent(slug), `URI-safe at ${pad}`);
    const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(slug)].map((s) => s.segment);
    assert.ok(graphemes.length <= 48);
    assert.ok(graphemes.every((g) => !g.includes('\u200d') || g === '👩‍👩‍👧'), `the family emoji is never split at ${pad}: ${JSON.stringify(slug.slice(-12))}`);
  }
  assert.equal(cutAtGraphemes('ab👍🏽cd', 3), 'ab👍🏽');
  assert.equal(cutAtGraphemes('日本語', 10, 7), '日本', 'byte limit, never mid-character');
});

const nameCases: [string, string][] = [
  ['CON', '_CON'],
  ['con', '_con'],
  ['nul.tar', '_nul.tar'],
  ['COM1', '_COM1'],
  ['lpt9', '_lpt9'],
  ['console', 'console'],
  ['name.', 'name'],
  ['name . ', 'name'],
  ['a<b>c:d"e/f\\g|h?i*j', 'a-b-c-d-e-f-g-h-i-j'],
  ['tab\there', 'tab-here'],
  ['...', 'image'],
];
for (const [input, expected] of nameCases) {
  test(`file name part ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
    assert.equal(safeFileNamePart(input), expected);
  });
}

test('file names stay within 255 bytes with suffix, extension and the hidden .part name around them', () => {
  const base = `${slugFromPrompt('漢'.repeat(300))}-20261122-030405`;
  assert.ok(Buffer.byteLength(candidateFileName(base, 'webp', 9999)) <= 255);
  const safe = safeFileNamePart('é'.repeat(400));
  assert.ok(Buffer.byteLength(partialFileName(safe, 'abcdef012345')) <= 255);
  assert.ok(isPartialFileName(partialFileName(base, 'abcdef012345')));
  assert.ok(!isPartialFileName('.notes.part'), 'someone else’s .part file is not ours');
  assert.equal(candidateFileName('cat', 'png', 1), 'cat.png');
  assert.equal(candidateFileName('cat', 'png', 3), 'cat-3.png');
});

test('variables are expanded by a function: $&, $` and $\' in a path stay literal', () => {
  assert.equal(expandVariables('${documentDir}/img', { documentDir: "/ws/a$&b/c$`d/e$'f" }), "/ws/a$&b/c$`d/e$'f/img");
  const result = resolveAssetsFolder('${documentDir}/img', { workspaceFolder: '/ws', documentPath: "/ws/r$&d/p$'x.md" }, posixRules);
  assert.deepEqual(result, { ok: true, folder: "/ws/r$&d/img" });
});

type Case = [setting: string, expected: string | RegExp];
const tables: [string, PathRules, { workspaceFolder: string; documentPath: string }, Case[]][] = [
  ['posix', posixRules, { workspaceFolder: '/ws', documentPath: '/ws/docs/post.md' }, [
    ['assets', '/ws/assets'],
    ['', '/ws/assets'],
    ['images/generated/', '/ws/images/generated'],
    ['${documentDir}', '/ws/docs'],
    ['${documentDir}/img', '/ws/docs/img'],
    ['${documentDir}/${documentBaseName}-images', '/ws/docs/post-images'],
    ['${workspaceFolder}/media', '/ws/media'],
    ['/ws/inside', '/ws/inside'],
    ['..foo', '/ws/..foo'],
    ['../..', /outside the workspace/],
    ['assets/../../etc', /outside the workspace/],
    ['/etc', /outside the workspace/],
    ['/ws-other/assets', /outside the workspace/],
    ['/WS/assets', /outside the workspace/],
    ['~/Pictures', /home folder/],
    ['..\\..\\windows', /outside the workspace/],
  ]],
  ['darwin (case-insensitive)', macRules, { workspaceFolder: '/Users/me/ws', documentPath: '/Users/me/ws/post.md' }, [
    ['/users/ME/WS/assets', '/users/ME/WS/assets'],
    ['/Users/me/ws2', /outside the workspace/],
  ]],
  ['win32', winRules, { workspaceFolder: 'C:\\Users\\me\\ws', documentPath: 'C:\\Users\\me\\ws\\docs\\post.md' }, [
    ['assets', 'C:\\Users\\me\\ws\\assets'],
    ['images/generated/', 'C:\\Users\\me\\ws\\images\\generated'],
    ['images\\generated\\', 'C:\\Users\\me\\ws\\images\\generated'],
    ['${documentDir}/img', 'C:\\Users\\me\\ws\\docs\\img'],
    ['${documentDir}\\${documentBaseName}-images', 'C:\\Users\\me\\ws\\docs\\post-images'],
    ['c:\\users\\ME\\WS\\media', 'c:\\users\\ME\\WS\\media'],
    ['C:/Users/me/ws/fwd', 'C:\\Users\\me\\ws\\fwd'],
    ['..\\..', /outside the workspace/],
    ['assets\\..\\..\\x', /outside the workspace/],
    ['D:\\ws\\assets', /outside the workspace/],
    ['C:\\Users\\me\\ws-other', /outside the workspace/],
    ['\\\\server\\share\\assets', /outside the workspace/],
    ['C:assets', /drive's current folder/],
    ['~\\Pictures', /home folder/],
  ]],
  ['win32 UNC workspace', winRules, { workspaceFolder: '\\\\server\\share\\ws', documentPath: '\\\\server\\share\\ws\\post.md' }, [
    ['assets', '\\\\server\\share\\ws\\assets'],
    ['\\\\SERVER\\Share\\WS\\img', '\\\\SERVER\\Share\\WS\\img'],
    ['..', /outside the workspace/],
    ['\\\\server\\other\\ws', /outside the workspace/],
    ['C:\\ws', /outside the workspace/],
  ]],
];
for (const [flavour, rules, context, cases] of tables) {
  for (const [setting, expected] of cases) {
    test(`${flavour}: assetsFolder ${JSON.stringify(setting)} → ${expected}`, () => {
      const result = resolveAssetsFolder(setting, context, rules);
      if (typeof expected === 'string') {
        assert.deepEqual(result, { ok: true, folder: expected });
      } else {
        assert.ok(!result.ok, `refused, got ${JSON.stringify(result)}`);
        assert.match(result.message, expected);
      }
    });
  }
}

test('containment by segments, with each platform’s case rule and drive letters in either case', () => {
  assert.ok(isInside('/ws', '/ws/a/b', posixRules));
  assert.ok(!isInside('/ws', '/wsx', posixRules));
  assert.ok(!isInside('/ws', '/WS/a', posixRules));
  assert.ok(isInside('/ws', '/WS/a', macRules));
  assert.ok(isInside('c:\\ws', 'C:\\WS\\a', winRules));
  assert.ok(isInside('C:\\ws\\', 'c:/ws/a', winRules));
  assert.ok(!isInside('C:\\ws', 'D:\\ws\\a', winRules));
  assert.ok(isInside('\\\\srv\\share', '\\\\SRV\\SHARE\\x', winRules));
  assert.ok(!isInside('\\\\srv\\share\\ws', '\\\\srv\\share\\wsx', winRules));
});

test('document variables need a saved document', () => {
  const result = resolveAssetsFolder('${documentDir}/img', { workspaceFolder: '/ws' }, posixRules);
  assert.ok(!result.ok && /no saved document is open/.test(result.message));
});

test('links are relative with / on every platform; another drive has no relative link', () => {
  assert.equal(relativeImagePath('/ws/docs', '/ws/assets/a cat (1).png', posixRules.path), '../assets/a cat (1).png');
  assert.equal(relativeImagePath('C:\\ws\\docs', 'c:\\ws\\assets\\x.png', winRules.path), '../assets/x.png');
  assert.equal(relativeImagePath('\\\\srv\\share\\ws', '\\\\srv\\share\\ws\\assets\\x.png', winRules.path), 'assets/x.png');
  assert.equal(relativeImagePath('C:\\ws', 'D:\\assets\\x.png', winRules.path), undefined);
});

test('PNG text metadata round-trips in UTF-8 and keeps the image readable', () => {
  const png = gradientPng(20, 10);
  const tagged = addPngText(png, { prompt: '一只橘猫 at dusk', model: 'aireiter:gpt_image_2', task: 'abc' });
  assert.deepEqual(readPngText(tagged), { prompt: '一只橘猫 at dusk', model: 'aireiter:gpt_image_2', task: 'abc' });
  assert.deepEqual(readImageInfo(tagged), { format: 'png', width: 20, height: 10 });
  assert.throws(() => addPngText(Buffer.from('not a png at all'), {}), /not a PNG/);
});
