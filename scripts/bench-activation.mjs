// The activation part of `npm run bench`: activate() measured inside the real extension host
// (code-server), with the production bundle, appended to bench/results.md.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPass, startSimulator } from './lib/hostRunner.mjs';
import { stopAll } from './lib/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'imagegen-bench-host-'));
const resultsFile = join(scratch, 'activation.json');
let exitCode = 0;
try {
  const simulatorUrl = await startSimulator();
  const pass = await hostPass({ scratch, name: 'bench', simulatorUrl, trusted: true, grep: 'bench:', invert: false, env: { IMAGEGEN_BENCH_RESULTS: resultsFile } });
  if (pass.failed > 0 || !existsSync(resultsFile)) {
    throw new Error(`the activation benchmark did not run: ${pass.note ?? ''}`);
  }
  const { activationMs } = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const row = `| activate() in the real extension host (code-server, production bundle) | ≤ 15 ms | ${activationMs.toFixed(1)} ms | — | ${activationMs <= 15 ? 'yes' : '**no**'} |`;
  if (!process.env.IMAGEGEN_BENCH_PHASES) {
    appendFileSync(join(root, 'bench', 'results.md'), `${row}\n`); // A partial run leaves results.md alone.
  }
  console.log(row);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);
