// The library's worker thread (src/imaging/workerImaging.ts): it ends when idle and gives its
// WebAssembly memory back, starts again on the next call, never keeps a process from exiting, and
// keeps it alive while a conversion is under way.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { Imaging } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';
import type { WorkerImaging } from '../../src/imaging/workerImaging';

const root = resolve(__dirname, '..', '..', '..');
const file = join(root, 'dist', 'imaging.js');
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function picture(lib: Imaging, size: number): Promise<Uint8Array> {
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return lib.fromRaw({ data, width: size, height: size }, { format: 'png' });
}

/** Child mode: what a command line does (load, convert, print, nothing else to wait for). */
async function child(): Promise<void> {
  const started = performance.now();
  const lib = await loadImaging(file); // the default idle time, 30 s
  const before = rssMb();
  const webp = await lib.render(await picture(lib, 1024), { format: 'avif', resize: { width: 600, height: 315 } });
  const during = rssMb();
  console.log(JSON.stringify({ bytes: webp.length, before, during, ms: performance.now() - started }));
}

if (process.env.IMAGEGEN_IMAGING_CHILD) {
  void child();
} else {
  test('an idle worker ends, its memory goes back, and the next call starts a new one', async () => {
    const lib = (await loadImaging(file, { idleMs: 150 })) as WorkerImaging;
    const input = await picture(lib, 1024);
    const before = rssMb();
    await lib.render(input, { format: 'avif', resize: { width: 600, height: 315 } });
    const during = rssMb();
    assert.equal(lib.workerRunning, true);
    await sleep(1200);
    assert.equal(lib.workerRunning, false, 'ended after 150 ms idle');
    const after = rssMb();
    // RSS as Linux counts it (under Wine, Node for Windows reports a working set that says little).
    if (process.platform === 'linux') {
      assert.ok(during - before > 20, `the conversion grew the process (${before.toFixed(0)} → ${during.toFixed(0)} MB)`);
      assert.ok(after < during - (during - before) / 2, `most of it went back: ${before.toFixed(0)} → ${during.toFixed(0)} → ${after.toFixed(0)} MB`);
    }
    const again = await lib.inspect(await lib.render(input, { format: 'webp', resize: { width: 30, height: 20 } }));
    assert.deepEqual([again.format, again.width, again.height], ['webp', 30, 20]);
    assert.equal(lib.workerRunning, true);
  });

  test('a command line that converts once exits when done, long before the idle time (30 s)', () => {
    const started = performance.now();
    const out = execFileSync(process.execPath, [__filename], { env: { ...process.env, IMAGEGEN_IMAGING_CHILD: '1' }, encoding: 'utf8', timeout: 25_000 });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { bytes: number };
    assert.ok(result.bytes > 100, 'the conversion finished before the process ended (the worker is kept alive while working)');
    assert.ok(performance.now() - started < 20_000);
  });
}
