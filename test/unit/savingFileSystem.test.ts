// The saving pipeline and the containment check on the real file system. Runs on Linux and, in
// the win32 layer, under Node for Windows: exclusive names when two images finish at once, no
// `.part` left by a failure or an abort, provenance inside, and links (symlinks, or junctions on
// Windows) that lead out of the workspace refused.
import { strict as assert } from 'node:assert';
import { constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { confineRealPath, pathRulesFor } from '../../src/core/assets/assetsFolder';
import { partialFileName } from '../../src/core/assets/fileName';
import { readPngText } from '../../src/core/png/pngText';
import { readImageInfo } from '../../src/core/images/imageInfo';
import { isProviderError } from '../../src/providers/errors';
import { ImageFileWriter } from '../../src/saving/imageFileWriter';
import { sweepPartFiles } from '../../src/saving/partSweeper';
import { fileSystem } from '../../src/saving/realFileSystem';
import { gradientPng, noisePngOfSize } from '../simulator/png';

const rules = pathRulesFor(process.platform);
const base = realpathSync(mkdtempSync(join(tmpdir(), 'imagegen-save-')));
after(() => rmSync(base, { recursive: true, force: true }));

// The product's own file-system calls (native realpath with its fallback), not a test double.
const fs = fileSystem;

function chunks(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += size) out.push(data.subarray(offset, offset + size));
  return out;
}

async function save(folder: string, baseName: string, data: Buffer, provenance?: Record<string, string>): Promise<string> {
  const writer = await ImageFileWriter.create({ folder, baseName, provider: 'test', maxBytes: 64 * 1024 * 1024, ...(provenance ? { provenance } : {}) });
  try {
    for (const chunk of chunks(data, 7_919)) {
      await writer.take(chunk);
    }
    return (await writer.finish()).path;
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

test('two images with the same name finishing at once get two files: nothing lost, nothing overwritten', async () => {
  const folder = join(base, 'same-second');
  mkdirSync(folder);
  const images = [noisePngOfSize(300_000), noisePngOfSize(310_000), noisePngOfSize(320_000), noisePngOfSize(330_000)];
  const paths = await Promise.all(images.map((image) => save(folder, 'a-fox-20261122-030405', image)));
  assert.deepEqual(new Set(readdirSync(folder)), new Set(['a-fox-20261122-030405.png', 'a-fox-20261122-030405-2.png', 'a-fox-20261122-030405-3.png', 'a-fox-20261122-030405-4.png']));
  const contents = paths.map((path) => readFileSync(path));
  for (const image of images) {
    assert.equal(contents.filter((content) => content.equals(image)).length, 1, 'each image is in exactly one file, whole');
  }
});

test('an existing file is never replaced: the next free name is taken', async () => {
  const folder = join(base, 'existing');
  mkdirSync(folder);
  writeFileSync(join(folder, 'cat.png'), 'keep me');
  const path = await save(folder, 'cat', gradientPng(8, 8));
  assert.equal(readFileSync(join(folder, 'cat.png'), 'utf8'), 'keep me');
  assert.match(path, /cat-2\.png$/);
});

test('provenance goes into the PNG after IHDR while it streams, and the image stays readable', async () => {
  const folder = join(base, 'provenance');
  mkdirSync(folder);
  const path = await save(folder, 'tagged', gradientPng(64, 32), { prompt: '一只橘猫 🐈', model: 'jimmyai:nano-banana', task: 't-1' });
  const bytes = readFileSync(path);
  assert.deepEqual(readPngText(bytes), { prompt: '一只橘猫 🐈', model: 'jimmyai:nano-banana', task: 't-1' });
  assert.deepEqual(readImageInfo(bytes), { format: 'png', width: 64, height: 32 });
});

test('a failure (not an image) or an abort leaves no .part and no image behind', async () => {
  const folder = join(base, 'failures');
  mkdirSync(folder);
  await assert.rejects(save(folder, 'bad', Buffer.from('<html>not an image, a captive portal page</html>')), (error) => isProviderError(error, 'notAnImage'));
  const writer = await ImageFileWriter.create({ folder, baseName: 'cancelled', provider: 'test', maxBytes: 1e9 });
  await writer.take(noisePngOfSize(200_000).subarray(0, 100_000));
  assert.equal(readdirSync(folder).filter((name) => name.endsWith('.part')).length, 1, 'the .part exists while writing');
  await writer.abort();
  assert.deepEqual(readdirSync(folder), []);
});

test('.part files of ours older than a day are swept; fresh ones and other files are left', async () => {
  const folder = join(base, 'sweep');
  mkdirSync(folder);
  const old = join(folder, partialFileName('old-image', 'abcdef012345'));
  const fresh = join(folder, partialFileName('fresh-image', '0123456789ab'));
  const foreign = join(folder, '.download.part');
  for (const path of [old, fresh, foreign]) writeFileSync(path, 'x');
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(old, twoDaysAgo, twoDaysAgo);
  utimesSync(foreign, twoDaysAgo, twoDaysAgo);
  assert.deepEqual(await sweepPartFiles([old, fresh, foreign]), [old]);
  assert.deepEqual(readdirSync(folder).sort(), ['.download.part', partialFileName('fresh-image', '0123456789ab')].sort());
});

test('the sweep never deletes a .part that is a complete image (a paid image kept as the only copy); a cut-off one goes', async () => {
  const folder = join(base, 'sweep-kept');
  mkdirSync(folder);
  const png = gradientPng(32, 32);
  const kept = join(folder, partialFileName('kept-image', 'abcdef012345'));
  const cut = join(folder, partialFileName('cut-image', '0123456789ab'));
  writeFileSync(kept, png);
  writeFileSync(cut, png.subarray(0, png.length - 12)); // IEND missing: a write that stopped.
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  for (const path of [kept, cut]) utimesSync(path, twoDaysAgo, twoDaysAgo);
  assert.deepEqual(await sweepPartFiles([kept, cut]), [cut]);
  assert.ok(readFileSync(kept).equals(png), 'the kept image is untouched');
});

test('containment through real paths: inside, `..`, case variants, and a link out of the workspace', async (t) => {
  const workspace = join(base, 'ws');
  const outside = join(base, 'outside');
  mkdirSync(join(workspace, 'real-assets'), { recursive: true });
  mkdirSync(outside);
  const cases: [string, boolean][] = [
    [join(workspace, 'assets'), true],
    [join(workspace, 'real-assets', 'new', 'deeper'), true],
    [join(workspace, '..', 'outside'), false],
  ];
  if (rules.caseInsensitive) {
    cases.push([join(workspace, 'REAL-ASSETS', 'x'), true], [workspace.toUpperCase(), true]);
  }
  // A directory link: a junction on Windows (no privilege needed), a symlink elsewhere.
  let linked = true;
  try {
    symlinkSync(outside, join(workspace, 'escape'), process.platform === 'win32' ? 'junction' : 'dir');
    symlinkSync(join(workspace, 'real-assets'), join(workspace, 'inner-link'), process.platform === 'win32' ? 'junction' : 'dir');
  } catch (error) {
    linked = false;
    t.diagnostic(`directory links unavailable here: ${(error as Error).message}`);
  }
  if (linked && realpathSync(join(workspace, 'escape')) !== join(workspace, 'escape')) {
    cases.push([join(workspace, 'escape'), false], [join(workspace, 'escape', 'not-yet-created'), false], [join(workspace, 'inner-link', 'x'), true]);
  } else if (linked) {
    t.diagnostic('realpath does not resolve directory links on this platform; the link cases did not run');
  }
  for (const [folder, allowed] of cases) {
    const result = await confineRealPath(folder, workspace, fs, rules);
    assert.equal(result.ok, allowed, `${folder}: ${result.ok ? 'allowed' : result.message}`);
  }
  t.diagnostic(`${process.platform}: ${cases.length} containment cases, directory links ${linked ? 'tested' : 'not available'}`);
});

test('without hard links (FAT, exFAT, SMB) the name is claimed exclusively and the .part renamed onto it; a rename that keeps failing copies the image to the free name; only when that fails too is the .part kept, never an empty image', async () => {
  const folder = join(base, 'no-hard-links');
  mkdirSync(folder);
  writeFileSync(join(folder, 'fat.png'), 'taken');
  const fsp = await import('node:fs/promises');
  const refuse = (code: string) => async () => Promise.reject(Object.assign(new Error(code), { code }));
  const refuseLinks = { link: refuse('EISDIR'), rename: (from: string, to: string) => fsp.rename(from, to), copy: (from: string, to: string) => fsp.copyFile(from, to, constants.COPYFILE_EXCL) };
  const png = gradientPng(16, 16);
  const writer = await ImageFileWriter.create({ folder, baseName: 'fat', provider: 'test', maxBytes: 1e6, naming: refuseLinks });
  await writer.take(png);
  const saved = await writer.finish();
  assert.match(saved.path, /fat-2\.png$/);
  assert.ok(readFileSync(saved.path).equals(png));
  assert.equal(readFileSync(join(folder, 'fat.png'), 'utf8'), 'taken');

  // A scanner holds the file: every rename fails. The image is paid for: it gets a visible name.
  let renames = 0;
  const lockedByScanner = { ...refuseLinks, rename: async () => (renames++, Promise.reject(Object.assign(new Error('EBUSY'), { code: 'EBUSY' }))) };
  const copied = await ImageFileWriter.create({ folder, baseName: 'locked', provider: 'test', maxBytes: 1e6, naming: lockedByScanner });
  await copied.take(png);
  const kept = await copied.finish();
  assert.equal(renames, 4, 'tried once and retried three times');
  assert.match(kept.path, /locked\.png$/, 'the first free name, visible');
  assert.ok(readFileSync(kept.path).equals(png));
  assert.ok(!existsSync(copied.partPath), 'no hidden .part left beside the copy');

  // Copying is refused as well: the .part is the only copy, kept, and the error says where.
  const nothingWorks = { ...lockedByScanner, copy: refuse('EPERM') };
  const stuck = await ImageFileWriter.create({ folder, baseName: 'stuck', provider: 'test', maxBytes: 1e6, naming: nothingWorks });
  await stuck.take(png);
  await assert.rejects(stuck.finish(), (error: Error) => error.name === 'ImageWriteError' && error.message.includes(stuck.partPath));
  assert.deepEqual(readdirSync(folder).filter((name) => name.startsWith('stuck')), [], 'no empty file under the image name');
  assert.ok(readFileSync(stuck.partPath).equals(png), 'the only copy is kept');
});
