// The library's child process (src/imaging/processImaging.ts): the calls run there, it ends when
// idle and the next call starts a new one, a child killed mid-call fails that call only, the host
// process does not grow with the conversion, and it never keeps a command line from exiting while
// it keeps it alive during a conversion.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { isImagingError, type Imaging } from '../../src/imaging/imaging';
import { loadImaging } from '../../src/imaging/loadImaging';
import type { ProcessImaging } from '../../src/imaging/processImaging';

const root = resolve(__dirname, '..', '..', '..');
const file = join(root, 'dist', 'imaging.js');
const mb = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** Linux's own counts (under Wine, Node for Windows reports a working set that says little). */
const statusKb = (field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

async function picture(lib: Imaging, size: number): Promise<Uint8Array> {
  const data = new Uint8Array(size * size * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return lib.fromRaw({ data, width: size, height: size }, { format: 'png' });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(25);
}

/** Child mode: what a command line does (load, convert, print, nothing else to wait for). */
async function commandLine(): Promise<void> {
  const lib = await loadImaging(file); // the default idle time, 30 s
  const avif = await lib.render(await picture(lib, 1024), { format: 'avif', resize: { width: 600, height: 315 } });
  console.log(JSON.stringify({ bytes: avif.length }));
}

if (process.env.IMAGEGEN_IMAGING_COMMAND_LINE) {
  void commandLine();
} else {
  test('the calls run in a child; an idle child ends and the next call starts a new one', async () => {
    const lib = (await loadImaging(file, { idleMs: 150 })) as ProcessImaging;
    const input = await picture(lib, 256);
    const first = lib.childPid;
    assert.ok(first !== undefined && first !== process.pid, 'a process of its own');
    assert.equal((await lib.usage()).pid, first, 'the answer came from that child');
    await until(() => !lib.childRunning); // only the idle timer ends it; no time asserted
    const again = await lib.inspect(await lib.render(input, { format: 'webp', resize: { width: 30, height: 20 } }));
    assert.deepEqual([again.format, again.width, again.height], ['webp', 30, 20]);
    assert.ok(lib.childRunning);
    assert.notEqual(lib.childPid, first, 'a new child');
  });

  test('a child killed mid-call fails that call with an ImagingError, and the next call works', async () => {
    const lib = (await loadImaging(file, { idleMs: 60_000 })) as ProcessImaging;
    const input = await picture(lib, 1024);
    const pid = lib.childPid!;
    const call = lib.render(input, { format: 'avif' });
    process.kill(pid, 'SIGKILL');
    await assert.rejects(call, (error) => isImagingError(error) && error.kind === 'failed' && /image library's process stopped/.test(error.message));
    const info = await lib.inspect(await lib.render(input, { format: 'png', resize: { width: 10, height: 10 } }));
    assert.deepEqual([info.width, info.height], [10, 10]);
    assert.notEqual(lib.childPid, pid);
  });

  test("a 2048² conversion grows the child, not this process", async (t) => {
    const lib = (await loadImaging(file, { idleMs: 100 })) as ProcessImaging;
    const input = await picture(lib, 2048);
    await until(() => !lib.childRunning); // a fresh child: its peak is this conversion's alone
    const before = process.platform === 'linux' ? statusKb('VmRSS') : 0;
    const webp = await lib.render(input, { format: 'webp', resize: { width: 1200, height: 630 } });
    const avif = await lib.render(input, { format: 'avif', resize: { width: 1200, height: 630 } });
    const child = await lib.usage();
    assert.ok(webp.length > 100 && avif.length > 100);
    await until(() => !lib.childRunning);
    if (process.platform !== 'linux') return;
    const after = statusKb('VmRSS');
    const grown = mb((after - before) * 1024);
    const childPeak = mb(child.maxRssBytes);
    // The child's peak is hundreds of MB (the WebAssembly memory, its threads); this process holds
    // only the messages. This input PNG is small (146 KB, it compresses well): with a 7 MB PNG the
    // bench's host kept 0–72 MB after the child's exit (glibc keeping freed IPC copies; bench/results.md).
    t.diagnostic(`this process ${mb(before * 1024).toFixed(0)} → ${mb(after * 1024).toFixed(0)} MB (peak ${mb(statusKb('VmHWM') * 1024).toFixed(0)} MB); the child's peak ${childPeak.toFixed(0)} MB`);
    assert.ok(childPeak > 150, `the child did the work (peak ${childPeak.toFixed(0)} MB)`);
    assert.ok(grown < childPeak / 10, `this process grew ${grown.toFixed(1)} MB, the child's peak was ${childPeak.toFixed(0)} MB`);
  });

  test('a child that cannot start: unavailable, naming the file (a path with spaces) and Node\'s reason', async () => {
    const missing = join(tmpdir(), 'imagegen no such folder', 'imaging.js');
    await assert.rejects(loadImaging(missing), (error) => isImagingError(error) && error.kind === 'unavailable' && error.message.includes(missing) && /Cannot find module/.test(error.message));
  });

  test('a command line that converts once exits when done, long before the idle time (30 s)', () => {
    const out = execFileSync(process.execPath, [__filename], { env: { ...process.env, IMAGEGEN_IMAGING_COMMAND_LINE: '1' }, encoding: 'utf8', timeout: 25_000 });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { bytes: number };
    assert.ok(result.bytes > 100, 'the conversion finished before the process ended (the child is kept alive while working)');
  });
}
