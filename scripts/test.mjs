// `npm test`: six layers — unit (node --test), cli (the built command line, dist/cli.js, run as a
// child process against the provider simulator), win32 (the path, file-name and saving tests again,
// under Node for Windows in Wine), host (mocha inside a real VS Code extension host served by
// code-server), ui (Chromium driving the workbench with the packaged vsix) and demo (`npm run demo`
// started and stopped by signals; last, because it rebuilds dist/ for the package).
// Ends with one line `N passed, N failed`; fails if a layer fails or runs no test; stops every
// process it started. Usage: node scripts/test.mjs [unit|win32|host|ui|demo ...]
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './lib/codeServer.mjs';
import { runToCompletion, stopAll } from './lib/processes.mjs';
import { hostPass, prepareWorkspace, simulatorSettings, startSimulator } from './lib/hostRunner.mjs';
import { ensureSystemPackagesFor } from './lib/systemPackages.mjs';
import { ensureWinNode, runWinNode } from './lib/winNode.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const allLayers = ['unit', 'cli', 'win32', 'host', 'ui', 'demo'];
/** The tests that need no network: paths, file names, the streaming save into a folder. */
// imaging + imagingProcess: the WebAssembly library and its child process under Node for Windows;
// spendingLedger: several writer processes appending and locking with Windows' file semantics.
const win32Tests = ['assets', 'savingFileSystem', 'imageFileWriter', 'copyFilesDestination', 'imaging', 'imagingProcess', 'spendingLedger'];
const requested = process.argv.slice(2).filter((arg) => allLayers.includes(arg));
const layers = requested.length > 0 ? requested : allLayers;
const resultsDir = join(root, 'test-results');
const scratch = mkdtempSync(join(tmpdir(), 'imagegen-test-'));

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, async () => {
    console.error(`\n[test] ${signal}: stopping every process this run started`);
    await stopAll();
    process.exit(130);
  });
}

function filesIn(dir, suffix) {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/** Runs node's test runner over `files` and reads its TAP totals. */
async function nodeTestLayer(name, files, env = {}) {
  if (files.length === 0) {
    return { passed: 0, failed: 0, note: 'no test files' };
  }
  const counts = {};
  const code = await runToCompletion(process.execPath, ['--test', '--test-reporter=tap', '--test-concurrency=1', ...files], {
    env: { ...process.env, ...env },
    onLine: (line) => {
      const total = /^# (pass|fail|cancelled) (\d+)$/.exec(line);
      if (total) {
        counts[total[1]] = Number(total[2]);
      }
      console.log(`[${name}] ${line}`);
    },
  });
  const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
  return { passed: counts.pass ?? 0, failed: code !== 0 && failed === 0 ? 1 : failed, note: code !== 0 ? `exit code ${code}` : undefined };
}

async function build(...flags) {
  const code = await runToCompletion(process.execPath, ['esbuild.mjs', ...flags], { onLine: (line) => console.log(`[build] ${line}`) });
  if (code !== 0) {
    throw new Error(`esbuild.mjs ${flags.join(' ')} failed with exit code ${code}`);
  }
}

const layerRunners = {
  async unit() {
    return nodeTestLayer('unit', filesIn(join(root, 'out', 'test', 'unit'), '.test.js'));
  },

  /** dist/cli.js as a user runs it: its own processes, keys in the environment, the simulator as every provider. */
  async cli() {
    // Built with the test bundles above (esbuild.mjs --tests builds dist/ too); built again here only if a layer before removed it.
    if (!existsSync(join(root, 'dist', 'cli.js'))) await build('--tests');
    return nodeTestLayer('cli', filesIn(join(root, 'out', 'test', 'cli'), '.test.js'));
  },

  /** The same test files under Node for Windows: Windows' path rules and file system, for real. */
  async win32() {
    ensureWinNode();
    const files = win32Tests.map((name) => join(root, 'out', 'test', 'unit', `${name}.test.js`));
    const { code, stdout, stderr } = await runWinNode(['--test', '--test-reporter=tap', '--experimental-test-isolation=none', ...files]);
    const counts = {};
    for (const line of stdout.split('\n')) {
      const total = /^# (pass|fail|cancelled) (\d+)$/.exec(line);
      if (total) counts[total[1]] = Number(total[2]);
      if (/^(not ok|# (pass|fail|skipped|tests) |# (win32|directory links))/.test(line) || /^\s+(error|expected|actual):/.test(line)) console.log(`[win32] ${line}`);
    }
    if (stderr.trim()) console.log(`[win32] ${stderr.trim().split('\n').join('\n[win32] ')}`);
    const failed = (counts.fail ?? 0) + (counts.cancelled ?? 0);
    return { passed: counts.pass ?? 0, failed: code !== 0 && failed === 0 ? 1 : failed, note: code !== 0 ? `exit code ${code}` : undefined };
  },

  /**
   * Mocha suites inside the extension host, in two passes: a trusted workspace for everything but
   * the "restricted mode" suite, and an untrusted one (workspace trust on, hostile workspace
   * settings) for that suite alone.
   */
  async host() {
    const simulatorUrl = await startSimulator('--queued-ms', '150', '--processing-ms', '450');
    const trusted = await hostPass({ scratch, name: 'trusted', simulatorUrl, trusted: true, grep: 'restricted mode|bench:', invert: true });
    const restricted = await hostPass({ scratch, name: 'restricted', simulatorUrl, trusted: false, grep: 'restricted mode', invert: false });
    const notes = [trusted.note, restricted.note].filter(Boolean);
    return { passed: trusted.passed + restricted.passed, failed: trusted.failed + restricted.failed, note: notes.length > 0 ? notes.join('; ') : undefined };
  },

  /** Chromium drives the workbench with the packaged extension installed, as a user would. */
  async ui() {
    const files = filesIn(join(root, 'out', 'test', 'ui'), '.test.js');
    if (files.length === 0) {
      return { passed: 0, failed: 0, note: 'no test files' };
    }
    const vsix = await packageExtension();
    const workspace = prepareWorkspace(scratch, 'ui');
    const simulatorUrl = await startSimulator('--queued-ms', '300', '--processing-ms', '1500');
    const server = await startCodeServer({ stateDir: join(scratch, 'ui-server'), folder: workspace, settings: simulatorSettings(simulatorUrl) });
    try {
      await server.installExtension(vsix);
      rmSync(resultsDir, { recursive: true, force: true });
      mkdirSync(resultsDir, { recursive: true });
      return await nodeTestLayer('ui', files, { IMAGEGEN_UI_URL: server.url, IMAGEGEN_UI_WORKSPACE: workspace, IMAGEGEN_RESULTS_DIR: resultsDir, IMAGEGEN_SIMULATOR_URL: simulatorUrl });
    } finally {
      server.stop();
    }
  },

  /** `npm run demo` itself, stopped the ways a terminal or a process manager stops it. */
  async demo() {
    return nodeTestLayer('demo', filesIn(join(root, 'out', 'test', 'demo'), '.test.js'));
  },
};

async function packageExtension() {
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const code = await runToCompletion('npm', ['run', '--silent', 'package'], { onLine: (line) => /nodedir/.test(line) || console.log(`[package] ${line}`) });
  const vsix = join(root, `imagegen-${version}.vsix`);
  if (code !== 0 || !existsSync(vsix)) {
    throw new Error(`npm run package failed with exit code ${code}`);
  }
  return vsix;
}

let exitCode = 0;
const results = [];
try {
  ensureSystemPackagesFor(layers);
  rmSync(join(root, 'out'), { recursive: true, force: true });
  await build('--tests');
  for (const layer of layers) {
    console.log(`\n[test] ── ${layer} ──`);
    let result;
    try {
      result = await layerRunners[layer]();
    } catch (error) {
      result = { passed: 0, failed: 1, note: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    if (result.passed + result.failed === 0) {
      result = { ...result, failed: 1, note: `ran zero tests${result.note ? ` (${result.note})` : ''}` };
    }
    results.push({ layer, ...result });
  }
} catch (error) {
  // Set-up problems (a missing system package) carry their own words; a stack would hide them.
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await stopAll();
  rmSync(scratch, { recursive: true, force: true });
}

console.log('\n[test] layer  passed  failed');
for (const { layer, passed, failed, note } of results) {
  console.log(`[test] ${layer.padEnd(5)}  ${String(passed).padStart(6)}  ${String(failed).padStart(6)}${note ? `  (${note})` : ''}`);
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
if (failed > 0 || results.length !== layers.length) {
  exitCode = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
