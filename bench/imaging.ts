// Issue 24's conversion rows: a 2048×2048 PNG → 1200×630 WebP + AVIF + the favicon set
// (favicon.ico 16/32/48, 180, 192, 512), through the product's Imaging on sharp's WebAssembly
// build (dist/imaging.js, as shipped) and, as the baseline, the same code on native sharp (a dev
// dependency, never shipped). Each run is a fresh process: time of the pipeline (library loaded
// first, load time reported apart) and peak extra RSS over the pipeline (VmHWM, reset through
// /proc/self/clear_refs after the library is loaded and the input read).
// Alone: `node esbuild.mjs && node esbuild.mjs --bench && node out/bench/imaging.js` (prints rows);
// child mode: node out/bench/imaging.js --child wasm|native INPUT.png (prints one JSON line).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Imaging } from '../src/imaging/imaging';
import { loadImaging } from '../src/imaging/loadImaging';

const root = join(__dirname, '..', '..');

export interface ConversionResult {
  readonly library: string;
  readonly loadMs: number;
  readonly pipelineMs: number;
  readonly peakExtraBytes: number;
  readonly outputs: Record<string, number>;
  /** Time of each part: webp, avif, favicons (ico + 180/192/512). */
  readonly stepMs: Record<string, number>;
  /** The same pipeline again in the same process: what a conversion costs once threads and heap exist. */
  readonly warmPeakExtraBytes: number;
}

function memoryKb(field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
}

/** What the engine will run for an og-card in two formats plus the favicon set. */
export async function pipeline(imaging: Imaging, input: Uint8Array, stepMs: Record<string, number> = {}): Promise<Record<string, number>> {
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    stepMs[name] = now - mark;
    mark = now;
  };
  const info = await imaging.inspect(input);
  // cover: the centred 1200:630 rectangle of the square source.
  const cropHeight = Math.round((info.width * 630) / 1200);
  const crop = { left: 0, top: Math.floor((info.height - cropHeight) / 2), width: info.width, height: cropHeight };
  const outputs: Record<string, number> = {};
  outputs.webp = (await imaging.render(input, { format: 'webp', crop, resize: { width: 1200, height: 630 } })).length;
  lap('webp');
  outputs.avif = (await imaging.render(input, { format: 'avif', crop, resize: { width: 1200, height: 630 } })).length;
  lap('avif');
  const icons = [];
  for (const size of [16, 32, 48]) icons.push({ size, bytes: await imaging.render(input, { format: 'png', resize: { width: size, height: size } }) });
  outputs.ico = imaging.writeIco(icons).length;
  for (const size of [180, 192, 512]) outputs[`png${size}`] = (await imaging.render(input, { format: 'png', resize: { width: size, height: size } })).length;
  lap('favicons');
  return outputs;
}

async function child(kind: string, inputPath: string): Promise<void> {
  const started = performance.now();
  let imaging: Imaging;
  if (kind === 'native') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { nativeImaging } = require(join(root, 'out', 'bench', 'nativeImaging.js')) as typeof import('./nativeImaging');
    imaging = await nativeImaging();
  } else {
    // IMAGEGEN_BENCH_IMAGING: another build of dist/imaging.js, to compare settings.
    imaging = await loadImaging(process.env.IMAGEGEN_BENCH_IMAGING ?? join(root, 'dist', 'imaging.js'));
  }
  const loadMs = performance.now() - started;
  const input = readFileSync(inputPath);
  writeFileSync('/proc/self/clear_refs', '5');
  const before = memoryKb('VmRSS');
  const t = performance.now();
  const stepMs: Record<string, number> = {};
  const outputs = await pipeline(imaging, input, stepMs);
  const pipelineMs = performance.now() - t;
  const peakExtraBytes = (memoryKb('VmHWM') - before) * 1024;
  // Again, warm: the first conversion starts libvips' threads (Workers, for the WebAssembly build)
  // and grows the heap, which stay; this is what each later conversion adds.
  writeFileSync('/proc/self/clear_refs', '5');
  const warmBefore = memoryKb('VmRSS');
  await pipeline(imaging, input);
  const warmPeakExtraBytes = (memoryKb('VmHWM') - warmBefore) * 1024;
  const result: ConversionResult = { library: imaging.version, loadMs, pipelineMs, peakExtraBytes, outputs, stepMs, warmPeakExtraBytes };
  console.log(JSON.stringify(result));
}

/** A 2048² RGBA PNG that compresses like a picture (gradients, noise, a soft-edged disc with alpha). */
export async function makeInput(imaging: Imaging): Promise<Uint8Array> {
  const size = 2048;
  const data = new Uint8Array(size * size * 4);
  let seed = 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const i = (y * size + x) * 4;
      const d = Math.hypot(x - 1024, y - 1024);
      data[i] = (x >> 3) ^ (seed >>> 28);
      data[i + 1] = (y >> 3) ^ (seed >>> 29);
      data[i + 2] = (128 + 100 * Math.sin(d / 40)) | 0;
      data[i + 3] = d < 900 ? 255 : d < 1000 ? (255 * (1000 - d)) / 100 : 0;
    }
  }
  return imaging.fromRaw({ data, width: size, height: size }, { format: 'png' });
}

/** Both libraries, each in fresh processes (median of `runs`), alternating. */
export async function measureConversions(runs = 3): Promise<{ wasm: ConversionResult; native: ConversionResult; decodedBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-bench-imaging-'));
  try {
    const inputPath = join(dir, 'input.png');
    writeFileSync(inputPath, await makeInput(await loadImaging(join(root, 'dist', 'imaging.js'))));
    const results: Record<'wasm' | 'native', ConversionResult[]> = { wasm: [], native: [] };
    for (let i = 0; i < runs; i++) {
      for (const kind of i % 2 ? (['native', 'wasm'] as const) : (['wasm', 'native'] as const)) {
        const out = execFileSync(process.execPath, [__filename, '--child', kind, inputPath], { encoding: 'utf8' });
        results[kind].push(JSON.parse(out.trim().split('\n').pop()!) as ConversionResult);
      }
    }
    const median = (list: ConversionResult[]) => [...list].sort((a, b) => a.pipelineMs - b.pipelineMs)[Math.floor(list.length / 2)]!;
    const worstPeak = (list: ConversionResult[]) => Math.max(...list.map((r) => r.peakExtraBytes));
    const worstWarm = (list: ConversionResult[]) => Math.max(...list.map((r) => r.warmPeakExtraBytes));
    const summary = (list: ConversionResult[]) => ({ ...median(list), peakExtraBytes: worstPeak(list), warmPeakExtraBytes: worstWarm(list) });
    return { wasm: summary(results.wasm), native: summary(results.native), decodedBytes: 2048 * 2048 * 4 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface BenchRow {
  readonly measure: string;
  readonly target: string;
  readonly product: string;
  readonly baseline: string;
  readonly met: boolean | undefined;
}

export async function conversionRows(runs = 3): Promise<BenchRow[]> {
  const { wasm, native, decodedBytes } = await measureConversions(runs);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ratio = wasm.pipelineMs / native.pipelineMs;
  const sizes = (r: ConversionResult) => `WebP ${(r.outputs.webp! / 1024).toFixed(0)} KB, AVIF ${(r.outputs.avif! / 1024).toFixed(0)} KB`;
  const steps = (r: ConversionResult) => `WebP ${s(r.stepMs.webp!)}, AVIF ${s(r.stepMs.avif!)}, favicons ${s(r.stepMs.favicons!)}`;
  const stepRatio = (name: string) => (wasm.stepMs[name]! / native.stepMs[name]!).toFixed(1);
  return [
    { measure: `2048² PNG → 1200×630 WebP + AVIF + favicon set (ico 16/32/48, 180, 192, 512): time, median of ${runs} fresh processes (${wasm.library.replace(', WebAssembly', '')} as WebAssembly; ${sizes(wasm)})`, target: '≤ 3× native', product: `${s(wasm.pipelineMs)} (${ratio.toFixed(2)}×: ${steps(wasm)}, i.e. ${stepRatio('webp')}×, ${stepRatio('avif')}×, ${stepRatio('favicons')}×; + ${s(wasm.loadMs)} to load the library)`, baseline: `${s(native.pipelineMs)} (native sharp: ${steps(native)}; ${sizes(native)}; + ${s(native.loadMs)} to load)`, met: ratio <= 3 },
    { measure: `the same conversion: peak extra RSS (fresh process, worst of ${runs})`, target: `≤ 4× the decoded image (${mb(4 * decodedBytes)})`, product: `${mb(wasm.peakExtraBytes)} (${(wasm.peakExtraBytes / decodedBytes).toFixed(2)}×); a second conversion in the same process ${mb(wasm.warmPeakExtraBytes)}`, baseline: `${mb(native.peakExtraBytes)} (native sharp; second conversion ${mb(native.warmPeakExtraBytes)}); decoded image ${mb(decodedBytes)}`, met: wasm.peakExtraBytes <= 4 * decodedBytes },
  ];
}

/** The files the codecs add to the vsix: dist/imaging.js and dist/sharp-wasm32/ (loader, .wasm, licences). */
function codecFiles(): string[] {
  const dir = join(root, 'dist', 'sharp-wasm32');
  return [join(root, 'dist', 'imaging.js'), ...readdirSync(dir).map((name) => join(dir, name))];
}

/**
 * The vsix with the codecs (as packaged) and without them: the codec files' deflated size, as the
 * zip stores them, taken off. `vsixPath` is a package built by `npm run package`.
 */
/** The codec files' size as the zip stores them (deflated). */
export function codecZipBytes(): number {
  return codecFiles().reduce((sum, file) => sum + deflateRawSync(readFileSync(file), { level: 9 }).byteLength, 0);
}

export function vsixRows(vsixPath: string): BenchRow[] {
  const vsix = statSync(vsixPath).size;
  const codecs = codecZipBytes();
  const raw = codecFiles().reduce((sum, file) => sum + statSync(file).size, 0);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return [{ measure: `vsix with the image codecs (dist/imaging.js + dist/sharp-wasm32/: ${mb(raw)} on disk, ${mb(codecs)} in the zip)`, target: '< 6 MB', product: mb(vsix), baseline: `${mb(vsix - codecs)} without the codecs`, met: vsix < 6 * 1024 * 1024 }];
}

if (require.main === module) {
  const index = process.argv.indexOf('--child');
  if (index >= 0) {
    void child(process.argv[index + 1]!, process.argv[index + 2]!).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    // --vsix: also package (npm run package) and size the vsix with and without the codecs.
    void (async () => {
      const rows = await conversionRows(Number(process.env.IMAGEGEN_BENCH_RUNS ?? 3));
      if (process.argv.includes('--vsix')) {
        execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
        const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
        rows.push(...vsixRows(join(root, `imagegen-${version}.vsix`)));
      }
      for (const row of rows) console.log(`| ${row.measure} | ${row.target} | ${row.product} | ${row.baseline} | ${row.met === undefined ? 'n/a' : row.met ? 'yes' : '**no**'} |`);
    })().catch((error) => {
      console.error(error);
      process.exit(1);
    });
  }
}
