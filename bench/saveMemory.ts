// Peak extra memory of the product's whole save path, in a fresh process with the simulator in
// another one: response → magic bytes, size cap, PNG provenance → `.part` in an assets folder →
// the image under its own name. By URL through HttpClient on the global fetch (what VS Code's
// patched fetch is, without a proxy), and a b64_json answer through the OpenAI provider's submit.
// The kernel's high-water mark (VmHWM, reset through /proc/self/clear_refs) gives the peak
// without sampling. A third scenario streams (stream: true, one partial image of --partial-mb):
// what the partial costs from the wire to the preview handed over, kept as the studio keeps it.
// Usage: node out/bench/saveMemory.js [--mb 25] [--b64-mb 20] [--partial-mb 16] [--only url|b64|stream] [--json]
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateGeneration } from '../src/core/catalog/validateGeneration';
import { readPngText } from '../src/core/png/pngText';
import { createProvider } from '../src/providers/createProvider';
import { HttpClient } from '../src/providers/httpClient';
import { requestFromValidation, type ImagePreview } from '../src/providers/provider';
import { ImageFileWriter, type ImageFileOptions } from '../src/saving/imageFileWriter';
import { saveImage } from '../src/saving/saveImage';

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
  const child = spawn(process.execPath, [join(__dirname, '..', 'test', 'simulator', 'cli.js'), '--port', '0', '--queued-ms', '0', '--processing-ms', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
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

export interface MemoryResult {
  readonly name: string;
  readonly imageBytes: number;
  readonly peakExtraBytes: number;
  readonly seconds: number;
}

const provenance = { prompt: 'a bench image', model: 'bench:model', parameters: '{}', task: 'bench', Software: 'ImageGen for VS Code' };

/** The measurement in a fresh child process, so earlier phases' collections do not decide it. */
export async function measureSaveMemoryInFreshProcess(imageMb = 25, b64Mb = 20, partialMb = 16): Promise<MemoryResult[]> {
  const run = (only: string) =>
    new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [join(__dirname, 'saveMemory.js'), '--mb', String(imageMb), '--b64-mb', String(b64Mb), '--partial-mb', String(partialMb), '--only', only, '--json'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
    );
  const results: MemoryResult[] = [];
  for (const only of ['url', 'b64', 'stream']) {
    results.push(...(JSON.parse((await run(only)).trim().split('\n').pop()!) as MemoryResult[]));
  }
  return results;
}

/** Each scenario in its own process (`only`): a measurement must not start on the previous one's garbage. */
export async function measureSaveMemory(imageMb = 25, b64Mb = 20, only?: 'url' | 'b64' | 'stream', partialMb = 16): Promise<MemoryResult[]> {
  const simulator = await startSimulator();
  const workspace = mkdtempSync(join(tmpdir(), 'imagegen-bench-'));
  const assets = join(workspace, 'assets');
  mkdirSync(assets);
  const http = new HttpClient({ fetch: (input, init) => globalThis.fetch(input, init), userAgent: 'ImageGen-bench' });
  const destination = (baseName: string): ImageFileOptions => ({ folder: assets, baseName, provider: 'bench', maxBytes: 1e9, provenance });
  const byUrl = (url: string, baseName: string) => saveImage(http, { kind: 'url', url }, destination(baseName), { policy: { providerIsLoopback: true }, deadlineMs: 120_000 });
  const openai = createProvider('openai', { baseUrl: simulator.url, apiKey: 'sim-key', http }, { maxImageBytes: 1e9, openaiTimeoutMs: 600_000, partialImages: 0 });
  const streaming = createProvider('openai', { baseUrl: simulator.url, apiKey: 'sim-key', http }, { maxImageBytes: 1e9, openaiTimeoutMs: 600_000, partialImages: 1 });
  const b64Request = (bytes: number, tag = 'oversizeImage') => {
    const prompt = `bench [sim:${tag}=${bytes}]`;
    const valid = validateGeneration({ modelKey: 'openai:gpt-image-2', prompt, size: '1024x1024' });
    if (!valid.ok) throw new Error(`invalid bench request: ${valid.issues.map((issue) => issue.message).join(' ')}`);
    return requestFromValidation(valid, prompt);
  };
  const results: MemoryResult[] = [];
  try {
    // Warm up: every code path once, so module loading is not counted.
    await byUrl((await staticImage(simulator.url, 200_000, 'png')).url, 'warm');
    await openai.submit(b64Request(200_000), { clientTaskId: 'warm', openImage: () => ImageFileWriter.create(destination('warm-b64')) });

    if (only === undefined || only === 'url') {
    const big = await staticImage(simulator.url, imageMb * 1024 * 1024, 'png');
    resetPeak();
    const before = memoryKb('VmRSS');
    const started = performance.now();
    const saved = await byUrl(big.url, 'big');
    results.push({ name: `save a ${imageMb} MB PNG by URL into the assets folder`, imageBytes: big.bytes, peakExtraBytes: (memoryKb('VmHWM') - before) * 1024, seconds: (performance.now() - started) / 1000 });
    if (readPngText(readFileSync(saved.path).subarray(0, 4096)).prompt !== provenance.prompt) throw new Error('the saved image has no provenance');
    }
    if (only === 'url') return results;

    if (only === 'stream') {
      // As the generation service does: the latest preview is kept (for a studio opened later).
      let shown: ImagePreview | undefined;
      const streamOnce = (bytes: number, name: string) =>
        streaming.submit(b64Request(bytes, 'partialBytes'), { clientTaskId: name, openImage: () => ImageFileWriter.create(destination(name)), onPreview: (preview) => (shown = preview) });
      await streamOnce(200_000, 'warm-stream');
      shown = undefined;
      const partialBytes = partialMb * 1024 * 1024;
      resetPeak();
      const beforeStream = memoryKb('VmRSS');
      const startedStream = performance.now();
      await streamOnce(partialBytes, 'stream');
      const peak = memoryKb('VmHWM');
      const held = shown as ImagePreview | undefined;
      if (!held || held.byteLength < partialBytes) throw new Error('the partial image was not handed over whole');
      results.push({ name: `stream a ${partialMb} MB partial image → preview handed over (kept), completed image saved`, imageBytes: held.byteLength, peakExtraBytes: (peak - beforeStream) * 1024, seconds: (performance.now() - startedStream) / 1000 });
      return results;
    }

    const b64Bytes = b64Mb * 1024 * 1024;
    resetPeak();
    const beforeB64 = memoryKb('VmRSS');
    const startedB64 = performance.now();
    await openai.submit(b64Request(b64Bytes), { clientTaskId: 'big', openImage: () => ImageFileWriter.create(destination('b64')) });
    results.push({ name: `save a ${b64Mb} MB b64_json answer (OpenAI submit) into the assets folder`, imageBytes: b64Bytes, peakExtraBytes: (memoryKb('VmHWM') - beforeB64) * 1024, seconds: (performance.now() - startedB64) / 1000 });
  } finally {
    simulator.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module && process.argv[1]?.endsWith('saveMemory.js')) {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex >= 0 ? (process.argv[onlyIndex + 1] as 'url' | 'b64' | 'stream') : undefined;
  void measureSaveMemory(option('mb', 25), option('b64-mb', 20), only, option('partial-mb', 16)).then((results) => {
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
