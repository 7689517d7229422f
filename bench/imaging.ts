// Issue 24's conversion rows: a saved 2048×2048 PNG → 1200×630 WebP, 1200×630 AVIF and the
// favicon set (favicon.ico 16/32/48, 180, 192, 512), each through the product's finishing path
// (finishImage, bench/imagingChild.ts) on sharp's WebAssembly build in loadImaging's child process (as
// shipped) and, as the baseline, the same code on native sharp (a dev dependency, never shipped).
// Each run is a fresh process: time of the conversion (library loaded first, load time reported
// apart) and peak extra RSS over it (VmHWM, reset through /proc/self/clear_refs, minus the RSS
// before the first conversion). The options rows run the same with one setting changed.
// Alone: `npm run bench:imaging` (prints rows); child mode: node out/bench/imaging.js --child
// wasm|native INPUT.png (prints one JSON line; settings in the environment, imagingChild.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Imaging } from '../src/imaging/imaging';
import { loadImaging } from '../src/imaging/loadImaging';
import { child, type ChildResult } from './imagingChild';

const root = join(__dirname, '..', '..');

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

export interface Variant {
  readonly name: string;
  readonly kind: 'wasm' | 'native';
  readonly env: Readonly<Record<string, string>>;
}

/** As shipped first (the verdict rows), then one setting changed each (the options rows). */
export const variants: readonly Variant[] = [
  { name: 'wasm', kind: 'wasm', env: {} },
  { name: 'native', kind: 'native', env: {} },
  { name: 'wasm, concurrency 1', kind: 'wasm', env: { IMAGEGEN_BENCH_CONCURRENCY: '1' } },
  { name: 'wasm, concurrency 2', kind: 'wasm', env: { IMAGEGEN_BENCH_CONCURRENCY: '2' } },
  { name: 'wasm, decode once', kind: 'wasm', env: { IMAGEGEN_BENCH_DECODE: 'once' } },
  { name: 'native, concurrency 2', kind: 'native', env: { IMAGEGEN_BENCH_CONCURRENCY: '2' } },
  { name: 'native, decode once', kind: 'native', env: { IMAGEGEN_BENCH_DECODE: 'once' } },
];

/** Each variant in fresh processes, round-robin so drift spreads evenly: median time, worst memory. */
export async function measureConversions(runs = 3, which: readonly Variant[] = variants): Promise<{ results: Map<string, ChildResult>; decodedBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-bench-imaging-'));
  try {
    const inputPath = join(dir, 'input.png');
    writeFileSync(inputPath, await makeInput(await loadImaging(join(root, 'dist', 'imaging.js'), { inProcess: true })));
    const all = new Map<string, ChildResult[]>(which.map((variant) => [variant.name, []]));
    for (let i = 0; i < runs; i++) {
      for (const variant of i % 2 ? [...which].reverse() : which) {
        const env = { ...process.env, IMAGEGEN_BENCH_CONCURRENCY: '', IMAGEGEN_BENCH_DECODE: '', ...variant.env };
        // out/bench/imaging.js by name: bundled into run.js, __filename is run.js, whose main is the whole bench (it would run itself again).
        const out = execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'imaging.js'), '--child', variant.kind, inputPath], { encoding: 'utf8', env });
        all.get(variant.name)!.push(JSON.parse(out.trim().split('\n').pop()!) as ChildResult);
      }
    }
    const worst = (list: ChildResult[], key: 'peakExtraBytes' | 'warmPeakExtraBytes' | 'afterBytes' | 'afterChildEndsBytes' | 'afterChildEndsGcBytes' | 'childPeakBytes') => Math.max(...list.map((r) => r[key] ?? 0));
    const summary = (list: ChildResult[]): ChildResult => {
      const median = [...list].sort((a, b) => a.pipelineMs - b.pipelineMs)[Math.floor(list.length / 2)]!;
      const stepPeakBytes = Object.fromEntries(Object.keys(median.stepPeakBytes).map((part) => [part, Math.max(...list.map((r) => r.stepPeakBytes[part]!))]));
      const ends = median.afterChildEndsBytes !== undefined ? { afterChildEndsBytes: worst(list, 'afterChildEndsBytes'), afterChildEndsGcBytes: worst(list, 'afterChildEndsGcBytes'), childPeakBytes: worst(list, 'childPeakBytes'), childStepPeakBytes: Object.fromEntries(Object.keys(median.childStepPeakBytes ?? {}).map((part) => [part, Math.max(...list.map((r) => r.childStepPeakBytes?.[part] ?? 0))])) } : {};
      return { ...median, peakExtraBytes: worst(list, 'peakExtraBytes'), warmPeakExtraBytes: worst(list, 'warmPeakExtraBytes'), afterBytes: worst(list, 'afterBytes'), stepPeakBytes, ...ends };
    };
    return { results: new Map([...all].map(([name, list]) => [name, summary(list)])), decodedBytes: 2048 * 2048 * 4 };
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

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const steps = (r: ChildResult) => `WebP ${s(r.stepMs.webp!)}, AVIF ${s(r.stepMs.avif!)}, favicons ${s(r.stepMs.favicons!)}`;
/** Peak extra RSS by the end of each part. */
const stepPeaks = (r: ChildResult) => `by WebP ${mb(r.stepPeakBytes.webp!)}, AVIF ${mb(r.stepPeakBytes.avif!)}, favicons ${mb(r.stepPeakBytes.favicons!)}`;
/** The child's peak RSS by the end of each part (cumulative: its memory only grows while it lives). */
const childSteps = (r: ChildResult) => (r.childStepPeakBytes?.webp !== undefined ? ` (by WebP ${mb(r.childStepPeakBytes.webp)}, AVIF ${mb(r.childStepPeakBytes.avif!)}, favicons ${mb(r.childStepPeakBytes.favicons!)}; ${mb(r.childLoadBytes ?? 0)} when ready)` : '');
const afterEnd = (r: ChildResult) => (r.afterChildEndsBytes !== undefined ? `; child peak ${mb(r.childPeakBytes ?? 0)}${childSteps(r)}; host retained after the child's exit ${mb(r.afterChildEndsBytes)} (idle 1 s here; 30 s as shipped)${r.afterChildEndsGcBytes !== undefined ? `, ${mb(r.afterChildEndsGcBytes)} after a full GC (V8 heap then ${mb(r.hostHeapAfterGc!.heapTotal)}, Buffers ${mb(r.hostHeapAfterGc!.external)})` : ''}` : '');
const percent = (value: number, base: number) => `${value >= base ? '+' : '−'}${Math.abs((100 * (value - base)) / base).toFixed(0)} %`;

export async function conversionRows(runs = 3): Promise<BenchRow[]> {
  const { results, decodedBytes } = await measureConversions(runs);
  const wasm = results.get('wasm')!;
  const native = results.get('native')!;
  const ratio = wasm.pipelineMs / native.pipelineMs;
  const sizes = (r: ChildResult) => `WebP ${(r.outputs.webp! / 1024).toFixed(0)} KB, AVIF ${(r.outputs.avif! / 1024).toFixed(0)} KB`;
  const stepRatio = (name: string) => (wasm.stepMs[name]! / native.stepMs[name]!).toFixed(1);
  const rows: BenchRow[] = [
    { measure: `saved 2048² PNG → finishImage: 1200×630 WebP, 1200×630 AVIF, favicon set (ico 16/32/48, 180, 192, 512), sourcePolicy keep: time, median of ${runs} fresh processes (${wasm.library.replace(', WebAssembly', '')} as WebAssembly in loadImaging's child process; ${sizes(wasm)})`, target: '≤ 3× native', product: `${s(wasm.pipelineMs)} (${ratio.toFixed(2)}×: ${steps(wasm)}, i.e. ${stepRatio('webp')}×, ${stepRatio('avif')}×, ${stepRatio('favicons')}×; + ${s(wasm.loadMs)} to fork the child until it is ready)`, baseline: `${s(native.pipelineMs)} (native sharp, same code in-process: ${steps(native)}; ${sizes(native)}; + ${s(native.loadMs)} to load)`, met: ratio <= 3 },
    { measure: `the same conversion: peak extra RSS of the host process (the one that calls loadImaging) over its RSS before it, the library loaded; and the child's own peak (fresh processes, worst of ${runs})`, target: `host ≤ 4× the decoded image (${mb(4 * decodedBytes)})`, product: `host +${mb(wasm.peakExtraBytes)} (${(wasm.peakExtraBytes / decodedBytes).toFixed(2)}×; ${stepPeaks(wasm)}; a second conversion +${mb(wasm.warmPeakExtraBytes)})${afterEnd(wasm)}; starting the child took the host ${mb(wasm.loadBytes)} before`, baseline: `${mb(native.peakExtraBytes)} (${(native.peakExtraBytes / decodedBytes).toFixed(2)}×, native sharp: ${stepPeaks(native)}; a second conversion ${mb(native.warmPeakExtraBytes)} more); decoded image ${mb(decodedBytes)}`, met: wasm.peakExtraBytes <= 4 * decodedBytes },
  ];
  for (const [name, result] of results) {
    if (name === 'wasm' || name === 'native') continue;
    const base = name.startsWith('native') ? native : wasm;
    rows.push({
      measure: `option (same run): ${name}, the same conversion: time, peak extra RSS (median / worst of ${runs})`,
      target: '—',
      product: `${s(result.pipelineMs)} (${percent(result.pipelineMs, base.pipelineMs)}: ${steps(result)}); ${mb(result.peakExtraBytes)} (${percent(result.peakExtraBytes, base.peakExtraBytes)}; ${stepPeaks(result)})${afterEnd(result)}`,
      baseline: `${s(base.pipelineMs)}, ${mb(base.peakExtraBytes)} (${name.startsWith('native') ? 'native' : 'wasm'} as shipped)`,
      met: undefined,
    });
  }
  return rows;
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
    void child(process.argv[index + 1]!, process.argv[index + 2]!).then((result) => console.log(JSON.stringify(result)), (error) => {
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
