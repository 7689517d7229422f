// Diagnostic behind the download rows of `npm run bench`: where a 25 MB download spends its time
// and memory. Receives the same URL several ways — the product's downloadImage, undici and
// node:http into a sink that drops the bytes, directGet (its socket reads into one reused
// buffer) likewise, and curl — and prints for each the median throughput, this process's CPU, page
// faults and the growth of ArrayBuffer memory (garbage the runtime frees only at its next
// collection). Usage: node esbuild.mjs --bench && node out/bench/downloadVariants.js [--runs 11]
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Agent, stream } from 'undici';
import { directGet, type BodySink } from '../src/providers/directGet';
import { downloadImage } from '../src/providers/downloadImage';
import { HttpClient } from '../src/providers/httpClient';
import { CurlRunner } from './curlRunner';
import { startSimulator, staticImage } from './downloadMemory';

interface Sample {
  readonly ms: number;
  readonly cpuMs: number;
  readonly faults: number;
  readonly arrayBufferGrowth: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const dropBody: BodySink = { take: () => undefined };
const dropAll = () => new Writable({ highWaterMark: 1024 * 1024, write: (_chunk, _encoding, callback) => callback() });

async function main(): Promise<void> {
  const runsIndex = process.argv.indexOf('--runs');
  const runs = runsIndex >= 0 ? Number(process.argv[runsIndex + 1]) : 11;
  const simulator = await startSimulator();
  const { url, bytes } = await staticImage(simulator.url, 25 * 1024 * 1024, 'png');
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-variants-'));
  const http = new HttpClient({ userAgent: 'ImageGen-bench' });
  const agent = new Agent();
  const curl = new CurlRunner();
  const variants: Record<string, (run: number) => Promise<unknown>> = {
    'downloadImage → file (product)': (run) => downloadImage(http, url, join(dir, `product-${run}.png`), { provider: 'bench', maxBytes: 1e9 }),
    'undici stream() → drop': () => stream(url, { method: 'GET', dispatcher: agent, opaque: undefined, highWaterMark: 1024 * 1024 } as Parameters<typeof stream>[1], dropAll),
    'node:http → drop': () => new Promise<void>((resolve, reject) => httpGet(url, (response) => response.on('data', () => undefined).once('end', resolve).once('error', reject)).once('error', reject).end()),
    'directGet, one reused buffer → drop': () => directGet(new URL(url), { headers: {}, connectTimeoutMs: 10_000, headersTimeoutMs: 60_000, bodyTimeoutMs: 60_000 }, () => dropBody),
  };
  const samples = new Map<string, Sample[]>();
  const curlMs: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const names = Object.keys(variants);
      if (run % 2 === 1) names.reverse();
      for (const name of names) {
        const cpu = process.cpuUsage();
        const faults = process.resourceUsage().minorPageFault;
        const arrayBuffers = process.memoryUsage().arrayBuffers;
        const started = performance.now();
        await variants[name]!(run);
        const sample = {
          ms: performance.now() - started,
          cpuMs: ((usage) => (usage.user + usage.system) / 1000)(process.cpuUsage(cpu)),
          faults: process.resourceUsage().minorPageFault - faults,
          arrayBufferGrowth: process.memoryUsage().arrayBuffers - arrayBuffers,
        };
        if (run > 0) samples.set(name, [...(samples.get(name) ?? []), sample]); // Run 0 warms up.
      }
      const curlTime = await curl.fetch(url, join(dir, `curl-${run}.png`));
      if (run > 0) curlMs.push(curlTime);
      for (const file of readdirSync(dir)) rmSync(join(dir, file));
    }
  } finally {
    await http.close();
    await agent.close();
    curl.close();
    simulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const rate = (ms: number) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(0)} MB/s`;
  const rows = [...samples].map(([name, list]) => ({
    variant: name,
    throughput: rate(median(list.map((sample) => sample.ms))),
    'CPU ms': median(list.map((sample) => sample.cpuMs)).toFixed(1),
    'page faults': String(median(list.map((sample) => sample.faults))),
    'ArrayBuffer growth': `${(median(list.map((sample) => sample.arrayBufferGrowth)) / 1024 / 1024).toFixed(1)} MB`,
  }));
  rows.push({ variant: 'curl → file (own process)', throughput: rate(median(curlMs)), 'CPU ms': '—', 'page faults': '—', 'ArrayBuffer growth': '—' });
  console.table(rows);
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
