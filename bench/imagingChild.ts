// One fresh process of issue 24's conversion rows: a saved 2048² PNG → 1200×630 WebP, 1200×630
// AVIF and the favicon set, each through the product's finishing path (finishImage with the
// shipped finishSteps, sourcePolicy 'keep', so the same file is the input of all three), then the
// same again warm. `wasm`: loadImaging's child process on dist/imaging.js, as shipped: this
// process's RSS (the host's) and the child's (VmHWM from /proc/<pid>/status, its own maxRSS when
// /proc cannot say) are measured apart. `native`: the same adapter on native sharp, here.
// Prints one JSON line (ChildResult). Settings, to compare options in the same run:
//   IMAGEGEN_BENCH_CONCURRENCY=N   sharp.concurrency(N) (libvips' threads); unset: as shipped
//   IMAGEGEN_BENCH_DECODE=once     decode the PNG once and render every output from its pixels
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveOutput, type OutputOptions } from '../src/core/output/outputOptions';
import { finishImage, type FinishedImage } from '../src/finishing/finishImage';
import { finishSteps } from '../src/finishing/finishSteps';
import type { Imaging, RawImage, RenderOptions } from '../src/imaging/imaging';
import { loadImaging } from '../src/imaging/loadImaging';
import { ProcessImaging } from '../src/imaging/processImaging';

const root = join(__dirname, '..', '..');
/** Long enough that the child never ends between two calls of one run; the bench waits it out after. */
const idleMs = 1000;

export interface ChildResult {
  readonly library: string;
  readonly settings: string;
  readonly loadMs: number;
  /** RSS the loaded library adds to this process before any conversion (for the child: its handles). */
  readonly loadBytes: number;
  readonly pipelineMs: number;
  /** Time of each part: webp, avif, favicons. */
  readonly stepMs: Record<string, number>;
  /** This process's VmHWM over the whole first conversion, minus its RSS before it. */
  readonly peakExtraBytes: number;
  /** The same per part (VmHWM reset before each), minus the RSS before the first: which part drives it. */
  readonly stepPeakBytes: Record<string, number>;
  /** RSS after the first conversion, minus the RSS before it: what stays while the library lives. */
  readonly afterBytes: number;
  /** The same conversion again in the same process (threads and heap already there). */
  readonly warmPeakExtraBytes: number;
  readonly warmMs: number;
  /** This process's RSS once the idle child has ended, minus the RSS before the first conversion (wasm only). */
  readonly afterChildEndsBytes?: number;
  /** The same after a full GC here (the bench runs this process with --expose-gc): what is garbage, what is kept. */
  readonly afterChildEndsGcBytes?: number;
  /** This process's V8 heap and external (Buffer) memory then, after the GC: where the rest sits. */
  readonly hostHeapAfterGc?: { heapTotal: number; external: number };
  /** The child's VmRSS when ready, before any conversion (wasm only). */
  readonly childLoadBytes?: number;
  /** The child's VmHWM by the end of each part of the first conversion (cumulative; wasm only). */
  readonly childStepPeakBytes?: Record<string, number>;
  /** The child's peak RSS over both conversions, and where it came from (wasm only). */
  readonly childPeakBytes?: number;
  readonly childPeakSource?: string;
  /** Bytes of each file written: webp, avif, and the favicon set's files by name. */
  readonly outputs: Record<string, number>;
}

function memoryKb(field: 'VmRSS' | 'VmHWM'): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
}
const resetPeak = () => writeFileSync('/proc/self/clear_refs', '5');
/** The child's own counts, read from here while it lives (undefined where /proc cannot say). */
function childKb(imaging: Imaging, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const pid = imaging instanceof ProcessImaging ? imaging.childPid : undefined;
  if (pid === undefined) return undefined;
  try {
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

function output(options: OutputOptions) {
  const resolved = resolveOutput(options);
  if (!resolved.ok) throw new Error(resolved.problems.join(' '));
  return resolved.output;
}
const parts = {
  webp: output({ format: 'webp', size: { width: 1200, height: 630 } }),
  avif: output({ format: 'avif', size: { width: 1200, height: 630 } }),
  favicons: output({ assetSet: 'favicon' }),
};

/**
 * IMAGEGEN_BENCH_DECODE=once: an Imaging that decodes a file's bytes once (toRaw) and renders every
 * later output of the same bytes from those pixels (fromRaw), as finishImage does after a key-out.
 */
function decodingOnce(imaging: Imaging): Imaging {
  let last: { bytes: Uint8Array; image: RawImage } | undefined;
  const pixelsOf = async (bytes: Uint8Array) => {
    if (!last || !Buffer.from(last.bytes).equals(Buffer.from(bytes))) last = { bytes, image: await imaging.toRaw(bytes) };
    return last.image;
  };
  return {
    version: imaging.version,
    inspect: (bytes) => imaging.inspect(bytes),
    toRaw: (bytes) => imaging.toRaw(bytes),
    fromRaw: (image, options) => imaging.fromRaw(image, options),
    // toRaw applies the EXIF orientation, as render does; the rectangles are the same.
    render: async (bytes: Uint8Array, options: RenderOptions) => imaging.fromRaw(await pixelsOf(bytes), options),
    writeIco: (pngs) => imaging.writeIco(pngs),
  };
}

async function conversion(imaging: Imaging, source: string, stepMs: Record<string, number>, stepPeakBytes: Record<string, number>, before: number, childStepPeakBytes: Record<string, number> = {}, loaded: Imaging = imaging): Promise<FinishedImage[]> {
  const finished: FinishedImage[] = [];
  for (const [name, part] of Object.entries(parts)) {
    resetPeak();
    const start = performance.now();
    finished.push(await finishImage(imaging, { source, output: part, keyOut: false, provenance: { prompt: 'bench favicon', Software: 'ImageGen bench' }, sourcePolicy: 'keep' }, finishSteps));
    stepMs[name] = performance.now() - start;
    stepPeakBytes[name] = (memoryKb('VmHWM') - before) * 1024;
    const childPeak = childKb(loaded, 'VmHWM');
    if (childPeak !== undefined) childStepPeakBytes[name] = childPeak * 1024;
  }
  return finished;
}

async function load(kind: string): Promise<Imaging> {
  const concurrency = process.env.IMAGEGEN_BENCH_CONCURRENCY;
  if (kind === 'native') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { nativeImaging } = require(join(root, 'out', 'bench', 'nativeImaging.js')) as typeof import('./nativeImaging');
    return nativeImaging(concurrency ? Number(concurrency) : undefined);
  }
  // The product's loader and child; the child's file is dist/imaging.js, or, with a setting,
  // imagingProcessSettings.js around it.
  const file = concurrency ? join(root, 'out', 'bench', 'imagingProcessSettings.js') : join(root, 'dist', 'imaging.js');
  return loadImaging(file, { idleMs });
}

export async function child(kind: string, inputPath: string): Promise<ChildResult> {
  const folder = mkdtempSync(join(tmpdir(), 'imagegen-bench-finish-'));
  try {
    const source = join(folder, 'input.png');
    copyFileSync(inputPath, source);
    const rssBeforeLoad = memoryKb('VmRSS');
    const started = performance.now();
    const loaded = await load(kind);
    const loadMs = performance.now() - started;
    const imaging = process.env.IMAGEGEN_BENCH_DECODE === 'once' ? decodingOnce(loaded) : loaded;
    const before = memoryKb('VmRSS');
    const childLoadKb = childKb(loaded, 'VmRSS');
    resetPeak();
    const stepMs: Record<string, number> = {};
    const stepPeakBytes: Record<string, number> = {};
    const childStepPeakBytes: Record<string, number> = {};
    const t = performance.now();
    const finished = await conversion(imaging, source, stepMs, stepPeakBytes, before, childStepPeakBytes, loaded);
    const pipelineMs = performance.now() - t;
    const peak = Math.max(...Object.values(stepPeakBytes));
    const afterBytes = (memoryKb('VmRSS') - before) * 1024;
    const warmBefore = memoryKb('VmRSS');
    const warmStart = performance.now();
    const warmSteps: Record<string, number> = {};
    await conversion(imaging, source, {}, warmSteps, warmBefore);
    const warmMs = performance.now() - warmStart;
    const warmPeakExtraBytes = Math.max(...Object.values(warmSteps));
    let ended: Partial<ChildResult> = {};
    if (loaded instanceof ProcessImaging) {
      const hwm = childKb(loaded, 'VmHWM');
      const own = await loaded.usage();
      const childPeakBytes = hwm !== undefined ? hwm * 1024 : own.maxRssBytes;
      const childPeakSource = hwm !== undefined ? `/proc/${own.pid}/status VmHWM (its own maxRSS ${(own.maxRssBytes / 1024 / 1024).toFixed(1)} MB)` : 'its own process.resourceUsage().maxRSS';
      while (loaded.childRunning) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 500)); // the exit's own clean-up here
      const afterChildEndsBytes = (memoryKb('VmRSS') - before) * 1024;
      const gc = (globalThis as { gc?: () => void }).gc;
      let afterGc: Partial<ChildResult> = {};
      if (gc) {
        // Twice, a moment apart: Buffers' memory is freed after the collection that finds them dead.
        gc();
        await new Promise((resolve) => setTimeout(resolve, 200));
        gc();
        const { heapTotal, external } = process.memoryUsage();
        afterGc = { afterChildEndsGcBytes: (memoryKb('VmRSS') - before) * 1024, hostHeapAfterGc: { heapTotal, external } };
      }
      ended = { afterChildEndsBytes, ...afterGc, childPeakBytes, childPeakSource, childStepPeakBytes, ...(childLoadKb !== undefined ? { childLoadBytes: childLoadKb * 1024 } : {}) };
    }
    const outputs: Record<string, number> = {};
    const [webp, avif, favicons] = finished;
    outputs.webp = statSync(webp!.primary.path).size;
    outputs.avif = statSync(avif!.primary.path).size;
    for (const file of favicons!.files) outputs[file.path.slice(file.path.lastIndexOf('/') + 1)] = statSync(file.path).size;
    const settings = [process.env.IMAGEGEN_BENCH_CONCURRENCY ? `concurrency ${process.env.IMAGEGEN_BENCH_CONCURRENCY}` : '', process.env.IMAGEGEN_BENCH_DECODE === 'once' ? 'decode once' : ''].filter(Boolean).join(', ');
    return {
      library: loaded.version,
      settings: settings || 'as shipped',
      loadMs,
      loadBytes: (before - rssBeforeLoad) * 1024,
      pipelineMs,
      stepMs,
      peakExtraBytes: peak,
      stepPeakBytes,
      afterBytes,
      warmPeakExtraBytes,
      warmMs,
      ...ended,
      outputs,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
