import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isInside, resolveAssetsFolder } from '../../src/core/assets/assetsFolder';
import { slugFromPrompt, timestamp, uniqueFileName } from '../../src/core/assets/fileName';
import { addPngText, readPngText } from '../../src/core/png/pngText';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { gradientPng } from '../simulator/png';

test('slugs: lower-case words joined by dashes, Unicode kept, never empty', () => {
  assert.equal(slugFromPrompt('A Lighthouse at Dusk, watercolour!'), 'a-lighthouse-at-dusk-watercolour');
  assert.equal(slugFromPrompt('一只橘猫坐在窗台上'), '一只橘猫坐在窗台上');
  assert.equal(slugFromPrompt('!!! ???'), 'image');
  assert.ok(slugFromPrompt('x'.repeat(200)).length <= 48);
  assert.equal(timestamp(new Date(2026, 10, 22, 3, 4, 5)), '20261122-030405');
});

test('file names never overwrite: the first free suffix is used', async () => {
  const taken = new Set(['cat.png', 'cat-2.png']);
  assert.equal(await uniqueFileName('cat', 'png', async (name) => taken.has(name)), 'cat-3.png');
  assert.equal(await uniqueFileName('dog', 'png', async (name) => taken.has(name)), 'dog.png');
});

const context = { workspaceFolder: '/ws', documentPath: '/ws/docs/post.md' };
const cases: [string, string | RegExp][] = [
  ['assets', '/ws/assets'],
  ['', '/ws/assets'],
  ['images/generated/', '/ws/images/generated'],
  ['${documentDir}', '/ws/docs'],
  ['${documentDir}/img', '/ws/docs/img'],
  ['${documentDir}/${documentBaseName}-images', '/ws/docs/post-images'],
  ['${workspaceFolder}/media', '/ws/media'],
  ['/ws/inside', '/ws/inside'],
  ['../..', /outside the workspace/],
  ['assets/../../etc', /outside the workspace/],
  ['/etc', /outside the workspace/],
  ['/ws-other/assets', /outside the workspace/],
  ['~/Pictures', /home folder/],
  ['..\\..\\windows', /outside the workspace/],
];
for (const [setting, expected] of cases) {
  test(`assetsFolder ${JSON.stringify(setting)} → ${expected}`, () => {
    const result = resolveAssetsFolder(setting, context);
    if (typeof expected === 'string') {
      assert.deepEqual(result, { ok: true, folder: expected });
    } else {
      assert.ok(!result.ok);
      assert.match(result.message, expected);
    }
  });
}

test('document variables need a document', () => {
  const result = resolveAssetsFolder('${documentDir}/img', { workspaceFolder: '/ws' });
  assert.ok(!result.ok && /no document is open/.test(result.message));
  assert.ok(isInside('/ws', '/ws/a/b'));
  assert.ok(!isInside('/ws', '/wsx'));
});

test('PNG text metadata round-trips in UTF-8 and keeps the image readable', () => {
  const png = gradientPng(20, 10);
  const tagged = addPngText(png, { prompt: '一只橘猫 at dusk', model: 'aireiter:gpt_image_2', task: 'abc' });
  assert.deepEqual(readPngText(tagged), { prompt: '一只橘猫 at dusk', model: 'aireiter:gpt_image_2', task: 'abc' });
  assert.deepEqual(readImageInfo(tagged), { format: 'png', width: 20, height: 10 });
  assert.throws(() => addPngText(Buffer.from('not a png at all'), {}), /not a PNG/);
});

test('symlinks: a folder reached through a link that leaves the workspace is refused', async () => {
  const { confineRealPath } = await import('../../src/core/assets/assetsFolder');
  const { mkdtempSync, mkdirSync, symlinkSync, realpathSync, existsSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-links-')));
  const workspace = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(join(workspace, 'real-assets'), { recursive: true });
  mkdirSync(outside);
  symlinkSync(outside, join(workspace, 'escape'));
  symlinkSync(join(workspace, 'real-assets'), join(workspace, 'inner-link'));
  const realpath = async (path: string) => realpathSync(path);
  const exists = async (path: string) => existsSync(path);
  const cases: [string, boolean][] = [
    [join(workspace, 'assets'), true],
    [join(workspace, 'real-assets', 'new', 'deeper'), true],
    [join(workspace, 'inner-link', 'x'), true],
    [join(workspace, 'escape'), false],
    [join(workspace, 'escape', 'not-yet-created'), false],
  ];
  for (const [folder, allowed] of cases) {
    const result = await confineRealPath(folder, workspace, realpath, exists);
    assert.equal(result.ok, allowed, folder);
    if (!result.ok) assert.match(result.message, /symbolic link, outside the workspace/);
  }
});
