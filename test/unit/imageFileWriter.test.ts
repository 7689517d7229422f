import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ImageFileWriter } from '../../src/saving/imageFileWriter';
import { noisePngOfSize } from '../simulator/png';

// Several batches are on their way to disk at once, each at its own offset: whatever the chunk
// sizes, the file must be the image byte for byte, and a failure or an abort must leave nothing.

/** Irregular chunks, from one byte to 300 KB, so batches end mid-chunk and vary in size. */
function* irregularChunks(data: Buffer): Generator<Buffer> {
  const sizes = [1, 7, 65_536, 300_000, 4096, 1_048_576, 13, 200_000];
  let offset = 0;
  for (let i = 0; offset < data.length; i++) {
    const size = sizes[i % sizes.length]!;
    yield data.subarray(offset, offset + size);
    offset += size;
  }
}

const image = noisePngOfSize(9 * 1024 * 1024 + 12_345);

async function writeUnderFileSizeLimit(childDir: string): Promise<void> {
  mkdirSync(childDir, { recursive: true });
  const writer = await ImageFileWriter.create({ folder: childDir, baseName: 'big', provider: 'test', maxBytes: 1e9 });
  try {
    for (const chunk of irregularChunks(image)) {
      await writer.write(chunk);
    }
    await writer.finish();
    console.log('written');
  } catch (error) {
    await writer.abort();
    console.log(`refused: ${(error as NodeJS.ErrnoException).code}`);
  }
}

function registerTests(): void {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-writer-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('written chunk by chunk, the file is the image byte for byte', async () => {
    const writer = await ImageFileWriter.create({ folder: dir, baseName: 'direct', provider: 'test', maxBytes: 1e9 });
    const target = join(dir, 'direct.png');
    for (const chunk of irregularChunks(image)) {
      await writer.write(chunk);
    }
    const saved = await writer.finish();
    assert.equal(saved.bytes, image.length);
    assert.ok(readFileSync(target).equals(image));
  });

  test('the writer copies: the caller may reuse its memory as soon as take() returns', async () => {
    // As a socket reading into one reused buffer does: every piece arrives in the same memory,
    // which is overwritten right after take() returns, even when the disk is behind.
    const writer = await ImageFileWriter.create({ folder: dir, baseName: 'reused', provider: 'test', maxBytes: 1e9 });
    const target = join(dir, 'reused.png');
    const reused = Buffer.alloc(300_000);
    let waits = 0;
    for (const chunk of irregularChunks(image)) {
      for (let offset = 0; offset < chunk.length; offset += reused.length) {
        const piece = chunk.subarray(offset, offset + reused.length);
        piece.copy(reused);
        const pending = writer.take(reused.subarray(0, piece.length));
        reused.fill(0xee);
        if (pending) {
          waits += 1;
          if (waits % 2 === 0) await pending; // Sometimes the source keeps going while asked to pause.
        }
      }
    }
    await writer.finish();
    assert.ok(readFileSync(target).equals(image));
    assert.ok(waits > 0, 'the two buffers filled up at least once, so the backlog path ran');
  });

  test('an abort while batches are being written leaves no file', async () => {
    const writer = await ImageFileWriter.create({ folder: dir, baseName: 'aborted', provider: 'test', maxBytes: 1e9 });
    const chunks = irregularChunks(image);
    for (let i = 0; i < 12; i++) {
      await writer.write(chunks.next().value!);
    }
    await writer.abort();
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('aborted')), []);
  });

  test('an image that ends early (a chunked body cut short) is refused at finish, and after the caller\'s abort nothing is left', async () => {
    const cut = image.subarray(0, image.length - 20); // The IEND chunk never came.
    const writer = await ImageFileWriter.create({ folder: dir, baseName: 'cut-png', provider: 'test', maxBytes: 1e9 });
    writer.expectEndMarker(); // What a download without Content-Length asks for.
    for (const chunk of irregularChunks(cut)) {
      await writer.write(chunk);
    }
    await assert.rejects(writer.finish(), (error: Error & { kind?: string; details?: { retryable?: boolean } }) => {
      assert.equal(error.message, `The image download ended early (${cut.length} bytes, no IEND chunk); nothing was saved.`);
      assert.equal(error.details?.retryable, true, 'downloading again may work');
      return true;
    });
    await writer.abort();
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('cut-png')), [], 'no .part and no image');
  });

  test('a JPEG is saved only once its EOI after the scan arrived', async () => {
    const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
    const jpeg = Buffer.from([0xff, 0xd8, ...seg(0xc0, [8, 0, 8, 0, 8, 1, 1, 0x11, 0]), ...seg(0xda, [1, 1, 0, 0, 63, 0]), 0x3f, 0xff, 0x00, 0x3f, 0xff, 0xd9]);
    const whole = await ImageFileWriter.create({ folder: dir, baseName: 'whole-jpeg', provider: 'test', maxBytes: 1e9 });
    whole.expectEndMarker();
    await whole.write(jpeg.subarray(0, 20));
    await whole.write(jpeg.subarray(20));
    assert.ok(readFileSync((await whole.finish()).path).equals(jpeg));
    const cut = await ImageFileWriter.create({ folder: dir, baseName: 'cut-jpeg', provider: 'test', maxBytes: 1e9 });
    cut.expectEndMarker();
    await cut.write(jpeg.subarray(0, jpeg.length - 2));
    await assert.rejects(cut.finish(), /The image download ended early \(\d+ bytes, no end-of-image marker\); nothing was saved\./);
    await cut.abort();
    assert.deepEqual(readdirSync(dir).filter((name) => name.includes('cut-jpeg')), []);
    // The same bytes with their length declared (HTTP checked it) or closed inside b64_json: what the
    // provider made and charged for. A JPEG without EOI still shows; it is kept, never deleted.
    const declared = await ImageFileWriter.create({ folder: dir, baseName: 'declared-jpeg', provider: 'test', maxBytes: 1e9 });
    await declared.write(jpeg.subarray(0, jpeg.length - 2));
    assert.ok(readFileSync((await declared.finish()).path).equals(jpeg.subarray(0, jpeg.length - 2)));
  });

  test('a disk that refuses the data (file size limit) fails the write or the finish, and leaves no file', { skip: process.platform === 'win32' ? 'ulimit is POSIX' : false }, () => {
    // A child with a 1 MB file size limit (ulimit -f): the kernel answers EFBIG part-way through.
    const output = execFileSync('bash', ['-c', `ulimit -f 1024; exec "${process.execPath}" "${__filename}"`], {
      env: { ...process.env, IMAGEGEN_WRITER_CHILD: join(dir, 'limited') },
      encoding: 'utf8',
    });
    assert.match(output, /refused: EFBIG/);
    assert.deepEqual(readdirSync(join(dir, 'limited')), []);
  });

  test('a folder that takes no new file fails as an ImageWriteError that names the folder and says what to do, not a bare Node error', async () => {
    const missing = join(dir, 'gone');
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'x');
    const cases: [string, RegExp][] = [
      [missing, /^The folder .*gone does not exist \(any more\)\. Create it or save the images in another folder, then retry\.$/],
      // Windows answers ENOENT for a path under a file, POSIX ENOTDIR: either way the words say what to do.
      [notAFolder, /^(ImageGen could not create the image file in .*a-file \(ENOTDIR\)\. Check that the folder exists and is writable, then retry\.|The folder .*a-file does not exist \(any more\)\. Create it or save the images in another folder, then retry\.)$/],
    ];
    for (const [folder, words] of cases) {
      await assert.rejects(ImageFileWriter.create({ folder, baseName: 'x', provider: 'test', maxBytes: 1e9 }), (error: Error & { code?: string }) => {
        assert.equal(error.name, 'ImageWriteError');
        assert.match(error.message, words);
        assert.ok(error.code, 'the code is kept');
        return true;
      });
    }
  });

  test('a folder that is not writable says so, with the folder', { skip: process.platform === 'win32' || process.getuid?.() === 0 ? 'needs POSIX permissions that bind (not root)' : false }, async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      await assert.rejects(ImageFileWriter.create({ folder: locked, baseName: 'x', provider: 'test', maxBytes: 1e9 }), (error: Error) => error.name === 'ImageWriteError' && /may not create files in .*locked \(EACCES\): the folder is not writable/.test(error.message));
    } finally {
      chmodSync(locked, 0o755);
    }
  });
}

if (process.env.IMAGEGEN_WRITER_CHILD) {
  void writeUnderFileSizeLimit(process.env.IMAGEGEN_WRITER_CHILD);
} else {
  registerTests();
}
