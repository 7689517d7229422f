// `npm run bench`: measures ImageGen against its targets, each beside a baseline measured in the
// same run, and writes bench/results.md. Ratios and counts are the verdict; times are context.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateGeneration } from '../src/core/catalog/validateGeneration';
import { nextPollAt, type ProgressSample } from '../src/core/tasks/pollPlanner';
import { PollScheduler } from '../src/core/tasks/pollScheduler';
import { Throttle } from '../src/core/tasks/throttle';
import { createProvider } from '../src/providers/createProvider';
import { HttpClient } from '../src/providers/httpClient';
import { requestFromValidation, type GenerationRequest, type ImageProvider, type TaskHandle } from '../src/providers/provider';
import { ImageFileWriter } from '../src/saving/imageFileWriter';
import { saveImage } from '../src/saving/saveImage';
import { ProviderSimulator } from '../test/simulator/simulator';
import { CurlRunner } from './curlRunner';
import { measureSaveMemoryInFreshProcess, startSimulator, staticImage } from './saveMemory';
import { codecZipBytes, conversionRows, vsixRows } from './imaging';
import { startupTimes } from './startupTimes';

/** The product's transport outside VS Code's patches: the global fetch, as the extension host has it. */
const newHttp = () => new HttpClient({ fetch: (input, init) => globalThis.fetch(input, init), userAgent: 'ImageGen-bench' });

const root = join(__dirname, '..', '..');

interface Row {
  readonly measure: string;
  readonly target: string;
  readonly product: string;
  readonly baseline: string;
  readonly met: boolean | undefined;
}

const rows: Row[] = [];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function request(prompt: string): GenerationRequest {
  const result = validateGeneration({ modelKey: 'jimmyai:nano-banana', prompt, aspectRatio: '1:1', resolution: '1k' });
  if (!result.ok) throw new Error('invalid bench request');
  return requestFromValidation(result, prompt);
}

// 1 ── bundle and package sizes ────────────────────────────────────────────
function sizes(): void {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const activation = statSync(join(root, 'dist', 'extension.js')).size;
  const deferred = statSync(join(root, 'dist', 'deferred.js')).size; // What capabilities run once used, transport, providers, saving: loaded on first use.
  const vsix = statSync(join(root, `imagegen-${version}.vsix`)).size;
  // Issue 23 retired the 80 KB target: bytes were a stand-in for start-up time, which the
  // extension-host rows measure directly (activate() ≤ 15 ms, evaluation + activate() beside it).
  // Keeping the engine under 80 KB would mean a second lazy seam inside it, the contortion issue 23
  // removed. The size stays as context.
  rows.push({ measure: 'bundle loaded at activation (context: the 80 KB target was retired in issue 23; start-up is measured in the extension host below)', target: '—', product: kb(activation), baseline: `${kb(activation + deferred)} (with dist/deferred.js)`, met: undefined });
  // The standalone MCP server (issue 15) ships in the package with undici and the MCP SDK; the
  // server's share is shown on its own (its deflated size, as the zip stores it).
  const mcpServer = deflateRawSync(readFileSync(join(root, 'dist', 'mcp.js'))).byteLength;
  // The whole vsix has issue 24's 6 MB budget (vsixRows, with and without the image codecs);
  // issue 6's 400 KB for the rest was a stand-in nobody feels (10 KB is a hundredth of a second to
  // download), so it is context now.
  const codecBytes = codecZipBytes();
  rows.push({ measure: "vsix without the MCP server and the image codecs (context: issue 6's 400 KB target gave way to the whole vsix's 6 MB)", target: '—', product: `${kb(vsix - mcpServer - codecBytes)} (+ ${kb(mcpServer)} MCP server + ${kb(codecBytes)} codecs = ${kb(vsix)})`, baseline: '—', met: undefined });
  rows.push(...vsixRows(join(root, `imagegen-${version}.vsix`)));
}

// 2 ── polling: added latency and requests per task ─────────────────────────
interface PollResult {
  readonly meanAddedMs: number;
  readonly queriesPerTask: number;
  readonly maxQueriesPerTask: number;
}

async function pollingRun(label: string, plan: (now: number, submittedAt: number, samples: ProgressSample[]) => number, firstDelayMs: number): Promise<PollResult> {
  const simulator = new ProviderSimulator({ lifecycle: { queuedMs: 400, processingMs: 3000 } });
  await simulator.start();
  const http = newHttp();
  const dir = mkdtempSync(join(tmpdir(), `imagegen-bench-${label}-`));
  const provider = createProvider('jimmyai', { baseUrl: simulator.url, apiKey: 'sim-key', http }, { maxImageBytes: 1e8, openaiTimeoutMs: 600_000, partialImages: 0 });
  const tasks = new Map<string, { handle: TaskHandle; submittedAt: number; samples: ProgressSample[]; done?: (at: number) => void }>();
  const added: number[] = [];
  const finished: Promise<void>[] = [];
  const scheduler = new PollScheduler({
    now: Date.now,
    setTimer: (callback, delay) => setTimeout(callback, delay),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    maxConcurrent: 8,
    poll: async (id) => {
      const task = tasks.get(id)!;
      const status = await provider.query(task.handle);
      const now = Date.now();
      if (process.env.IMAGEGEN_BENCH_TRACE) console.log(label, id.slice(-6), now - task.submittedAt, status.state, status.state === 'running' ? status.progress : '');
      if (status.state === 'succeeded') {
        await saveImage(http, status.images[0]!, { folder: dir, baseName: id, provider: 'jimmyai', maxBytes: 1e8 }, { policy: { providerIsLoopback: true }, deadlineMs: 60_000 });
        task.done!(Date.now());
        return { done: true };
      }
      if (status.state === 'running' && status.progress !== undefined) task.samples.push({ at: now, progress: status.progress });
      return { done: false, nextPollAt: plan(now, task.submittedAt, task.samples) };
    },
  });
  for (let i = 0; i < 20; i++) {
    // Known, different durations: 2.4 s to 6.2 s (queued 0.4 s + processing 2.0–5.8 s).
    const handle = await provider.submit(request(`bench ${label} ${i} [sim:durationMs=${2000 + i * 200}]`), { clientTaskId: `${label}-${i}`, openImage: () => ImageFileWriter.create({ folder: dir, baseName: `${label}-${i}`, provider: 'jimmyai', maxBytes: 1e8 }) });
    const id = handle.taskId!;
    const task = { handle, submittedAt: Date.now(), samples: [] as ProgressSample[] } as { handle: TaskHandle; submittedAt: number; samples: ProgressSample[]; done?: (at: number) => void };
    finished.push(new Promise<void>((resolve) => (task.done = (at) => (added.push(at - simulator.completionTime(id)!), resolve()))));
    tasks.set(id, task);
    scheduler.schedule(id, task.submittedAt + firstDelayMs);
  }
  await Promise.all(finished);
  const queries = simulator.requestsFor('jimmyai.query').length;
  const perTask = [...tasks.keys()].map((id) => simulator.requestsFor('jimmyai.query').filter((r) => r.path.includes(id)).length);
  scheduler.dispose();
  await simulator.stop();
  rmSync(dir, { recursive: true, force: true });
  return { meanAddedMs: added.reduce((a, b) => a + b, 0) / added.length, queriesPerTask: queries / 20, maxQueriesPerTask: Math.max(...perTask) };
}

async function polling(): Promise<void> {
  const intervalMs = 4000;
  // The product as configured with imagegen.polling.initialDelaySeconds = 1, intervalSeconds = 4.
  const product = await pollingRun('product', (now, submittedAt, samples) => nextPollAt({ now, submittedAt, samples, intervalMs, minGapMs: 250 }), 1000);
  const baseline = await pollingRun('fixed4s', (now) => now + intervalMs, intervalMs);
  rows.push({ measure: 'polling: mean added latency (server done → file on disk), 20 tasks', target: '≤ 0.5 s', product: `${(product.meanAddedMs / 1000).toFixed(2)} s`, baseline: `${(baseline.meanAddedMs / 1000).toFixed(2)} s (fixed 4 s loop)`, met: product.meanAddedMs <= 500 });
  // Ideal: one query, right after the task is done.
  const queries = (result: PollResult) => `${result.queriesPerTask.toFixed(2)} mean, ${result.maxQueriesPerTask} max`;
  rows.push({ measure: 'polling: status queries per task', target: '≤ 3 each (ideal 1 + 2)', product: queries(product), baseline: queries(baseline), met: product.maxQueriesPerTask <= 3 });
}

// 3 ── download time beside curl: context only (on loopback it measures nothing users feel) ──
async function download(): Promise<void> {
  const simulator = await startSimulator();
  const { url, bytes } = await staticImage(simulator.url, 25 * 1024 * 1024, 'png');
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-bench-dl-'));
  const http = newHttp();
  const curlRunner = new CurlRunner();
  const ours: number[] = [];
  const curl: number[] = [];
  try {
    const runOurs = async (i: number) => {
      const started = performance.now();
      await saveImage(http, { kind: 'url', url }, { folder: dir, baseName: `ours-${i}`, provider: 'bench', maxBytes: 1e9, provenance: { prompt: 'bench' } }, { policy: { providerIsLoopback: true }, deadlineMs: 60_000 });
      ours.push(performance.now() - started);
    };
    const runCurl = async (i: number) => {
      curl.push(await curlRunner.fetch(url, join(dir, `curl-${i}.png`)));
    };
    await runOurs(-1); // Warm-up: connection, code paths.
    for (let i = 0; i < 5; i++) {
      if (i % 2 === 0) {
        await runOurs(i);
        await runCurl(i);
      } else {
        await runCurl(i);
        await runOurs(i);
      }
      rmSync(join(dir, `ours-${i}.png`), { force: true });
      rmSync(join(dir, `curl-${i}.png`), { force: true });
    }
    ours.shift();
  } finally {
    curlRunner.close();
    simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const ourRate = bytes / (median(ours) / 1000);
  rows.push({ measure: 'save 25 MB by URL into the assets folder: time (median of 5; context, no target)', target: '—', product: `${(median(ours) / 1000).toFixed(3)} s (${mb(ourRate)}/s)`, baseline: `${(median(curl) / 1000).toFixed(3)} s (curl to a file)`, met: undefined });
}

// 4 ── 50 tasks on one scheduler ─────────────────────────────────────────────
async function scale(): Promise<void> {
  const simulator = new ProviderSimulator({ lifecycle: { queuedMs: 200, processingMs: 60_000 } });
  await simulator.start();
  const http = newHttp();
  const provider: ImageProvider = createProvider('jimmyai', { baseUrl: simulator.url, apiKey: 'sim-key', http }, { maxImageBytes: 1e8, openaiTimeoutMs: 600_000, partialImages: 0 });
  const limit = 8;
  let inFlight = 0;
  let peak = 0;
  let statusUpdates = 0;
  const throttle = new Throttle(() => statusUpdates++, 250, { now: Date.now, setTimer: (callback, delay) => setTimeout(callback, delay), clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) });
  const handles = new Map<string, TaskHandle>();
  const scheduler = new PollScheduler({
    now: Date.now,
    setTimer: (callback, delay) => setTimeout(callback, delay),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    maxConcurrent: limit,
    poll: async (id) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await provider.query(handles.get(id)!);
        throttle.request(); // Every answer changes the board, as progress does in the extension.
      } finally {
        inFlight--;
      }
      return { done: false, nextPollAt: Date.now() + 4000 };
    },
  });
  for (let i = 0; i < 50; i++) {
    const handle = await provider.submit(request(`scale ${i}`), { clientTaskId: `scale-${i}`, openImage: () => Promise.reject(new Error('no image expected')) });
    handles.set(handle.taskId!, handle);
    scheduler.schedule(handle.taskId!, Date.now());
  }
  const windowStart = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 9000));
  const updatesPerSecond = statusUpdates / ((Date.now() - windowStart) / 1000);
  // CPU between ticks: a quiet second between two rounds of polls.
  await new Promise((resolve) => setTimeout(resolve, 4000 - ((Date.now() - windowStart) % 4000) + 1200));
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const cpu = process.cpuUsage(cpuStart);
  const cpuPercent = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
  scheduler.dispose();
  throttle.dispose();
  await simulator.stop();
  rows.push({ measure: '50 tasks: peak concurrent status queries', target: `≤ ${limit} (the limit)`, product: String(peak), baseline: '50 (no limit)', met: peak <= limit });
  rows.push({ measure: '50 tasks: status bar updates per second', target: '≤ 4', product: updatesPerSecond.toFixed(2), baseline: '—', met: updatesPerSecond <= 4 });
  rows.push({ measure: '50 tasks: CPU between ticks', target: '< 2 %', product: `${cpuPercent.toFixed(2)} %`, baseline: '—', met: cpuPercent < 2 });
}

async function main(): Promise<void> {
  // IMAGEGEN_BENCH_PHASES=polling,download runs only those (results.md is then not rewritten).
  const only = process.env.IMAGEGEN_BENCH_PHASES?.split(',');
  const wanted = (phase: string) => !only || only.includes(phase);
  // First, while this process is small: child processes started later would copy a larger one.
  if (wanted('startup')) rows.push(...(await startupTimes(root)));
  if (wanted('sizes')) sizes();
  if (wanted('polling')) await polling();
  if (wanted('download')) await download();
  if (wanted('memory')) {
    const [byUrl, b64, stream] = await measureSaveMemoryInFreshProcess(25, 20, 16);
    rows.push({ measure: 'save a 25 MB PNG by URL → file with provenance in the assets folder: peak extra RSS (fresh process)', target: '< 8 MB', product: mb(byUrl!.peakExtraBytes), baseline: `${mb(byUrl!.imageBytes)} (the image)`, met: byUrl!.peakExtraBytes < 8 * 1024 * 1024 });
    rows.push({ measure: 'save a 20 MB b64_json answer (OpenAI submit) → file in the assets folder: peak extra RSS (fresh process)', target: '< 1× the image', product: `${mb(b64!.peakExtraBytes)} (${(b64!.peakExtraBytes / b64!.imageBytes).toFixed(2)}×)`, baseline: `${mb(b64!.imageBytes)} (the image)`, met: b64!.peakExtraBytes < b64!.imageBytes });
    // A 16 MB partial so the ratio stands above a fixed 2–3 MB of allocator noise; the path is the 1 MB one's.
    rows.push({ measure: 'stream a 16 MB partial image (OpenAI, stream: true) → preview handed over and kept, completed image saved: peak extra RSS (fresh process)', target: '< 2× the partial', product: `${mb(stream!.peakExtraBytes)} (${(stream!.peakExtraBytes / stream!.imageBytes).toFixed(2)}×)`, baseline: `${mb(stream!.imageBytes)} (the partial)`, met: stream!.peakExtraBytes < 2 * stream!.imageBytes });
  }
  if (wanted('scale')) await scale();
  // Issue 24: 2048² PNG → WebP + AVIF + favicon set on the shipped WebAssembly build beside native
  // sharp, each in fresh processes (`node out/bench/imaging.js` runs these rows alone).
  if (wanted('imaging')) rows.push(...(await conversionRows()));
  if (only) {
    console.table(rows);
    return;
  }
  const table = ['| measure | target | ImageGen | baseline | met |', '|---|---|---|---|---|', ...rows.map((row) => `| ${row.measure} | ${row.target} | ${row.product} | ${row.baseline} | ${row.met === undefined ? 'n/a' : row.met ? 'yes' : '**no**'} |`)].join('\n');
  const text = `# ImageGen benchmarks\n\nWritten by \`npm run bench\` on ${new Date().toISOString()} (${process.platform}, Node ${process.version}). Baselines are measured in the same run (curl from a helper shell, so the bench process never forks); the memory rows measure the product's whole save path (response → provenance → \`.part\` → named file in an assets folder) in a fresh child process (\`node out/bench/saveMemory.js\` runs it alone); the last rows come from the real extension host (scripts/bench-host.mjs).\n\n${table}\n`;
  writeFileSync(join(root, 'bench', 'results.md'), text);
  console.log(table);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
