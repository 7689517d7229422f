// Peak extra memory while streaming a large image to disk, and while decoding a large b64_json
// answer. Run in a fresh process with the simulator in another one, so only the client's memory
// is counted; the kernel's high-water mark (VmHWM, reset through /proc/self/clear_refs) gives the
// peak without sampling. Usage: node out/bench/downloadMemory.js [--mb 25] [--b64-mb 20]
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractBase64Images } from '../src/providers/base64JsonStream';
import { downloadImage } from '../src/providers/downloadImage';
import { HttpClient } from '../src/providers/httpClient';
import { ImageFileWriter } from '../src/providers/imageFileWriter';

function memoryKb(field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match?.[1]);
}

function resetPeak(): void {
  writeFileSync('/proc/self/clear_refs', '5');
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

export async function startSimulator(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(__dirname, '..', 'test', 'simulator', 'cli.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, stop: () => child.kill() };
}

export async function staticImage(base: string, bytes: number, format: 'png' | 'b64_json'): Promise<{ url: string; bytes: number }> {
  const response = await fetch(`${base}/__sim/static-image`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ bytes, format }) });
  return (await response.json()) as { url: string; bytes: number };
}

/**
 * The same measurement in a fresh child process: in the bench process, the collections that the
 * earlier phases caused decide whether the network buffers of this download are freed during it,
 * and the result would depend on what ran before.
 */
export async function measureDownloadMemoryInFreshProcess(imageMb = 25, b64Mb = 20): Promise<MemoryResult[]> {
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--expose-gc', join(__dirname, 'downloadMemory.js'), '--mb', String(imageMb), '--b64-mb', String(b64Mb), '--json'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
  return JSON.parse(output.trim().split('\n').pop()!) as MemoryResult[];
}

export interface MemoryResult {
  readonly name: string;
  readonly imageBytes: number;
  readonly peakExtraBytes: number;
  readonly seconds: number;
}

export async function measureDownloadMemory(imageMb = 25, b64Mb = 20): Promise<MemoryResult[]> {
  const simulator = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-bench-'));
  const http = new HttpClient({ userAgent: 'ImageGen-bench' });
  const results: MemoryResult[] = [];
  try {
    // Warm up: load every code path once so module loading is not counted.
    const warm = await staticImage(simulator.url, 200_000, 'png');
    await downloadImage(http, warm.url, join(dir, 'warm.png'), { provider: 'bench', maxBytes: 1e9 });

    const big = await staticImage(simulator.url, imageMb * 1024 * 1024, 'png');
    global.gc?.();
    resetPeak();
    const before = memoryKb('VmRSS');
    let started = performance.now();
    await downloadImage(http, big.url, join(dir, 'big.png'), { provider: 'bench', maxBytes: 1e9 });
    results.push({ name: `stream a ${imageMb} MB PNG to disk`, imageBytes: big.bytes, peakExtraBytes: (memoryKb('VmHWM') - before) * 1024, seconds: (performance.now() - started) / 1000 });

    const answer = await staticImage(simulator.url, b64Mb * 1024 * 1024, 'b64_json');
    global.gc?.();
    resetPeak();
    const beforeB64 = memoryKb('VmRSS');
    started = performance.now();
    const response = await http.stream({ provider: 'bench', method: 'GET', url: answer.url, idempotent: true });
    let writer: ImageFileWriter | undefined;
    await extractBase64Images(response.body, {
      openImage: async () => (writer = await ImageFileWriter.create(join(dir, 'b64.png'), { provider: 'bench', maxBytes: 1e9 })),
      closeImage: async () => void (await writer!.finish()),
    });
    results.push({ name: `decode a ${b64Mb} MB b64_json answer to disk`, imageBytes: answer.bytes, peakExtraBytes: (memoryKb('VmHWM') - beforeB64) * 1024, seconds: (performance.now() - started) / 1000 });
  } finally {
    await http.close();
    simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module && process.argv[1]?.endsWith('downloadMemory.js')) {
  void measureDownloadMemory(option('mb', 25), option('b64-mb', 20)).then((results) => {
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify(results));
      return;
    }
    for (const result of results) {
      const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
      console.log(`${result.name}: image ${mb(result.imageBytes)} MB, peak extra RSS ${mb(result.peakExtraBytes)} MB (${(result.peakExtraBytes / result.imageBytes).toFixed(2)}× the image), ${result.seconds.toFixed(2)} s`);
    }
  });
}
