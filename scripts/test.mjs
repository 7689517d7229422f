// `npm test`: three layers — unit (node --test), host (mocha inside a real VS Code extension
// host served by code-server) and ui (Chromium driving the workbench with the packaged vsix).
// Ends with one line `N passed, N failed`; fails if a layer fails or runs no test; stops every
// process it started. Usage: node scripts/test.mjs [unit|host|ui ...]
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchChromium } from './lib/chromium.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { runToCompletion, spawnGroup, stopAll } from './lib/processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const allLayers = ['unit', 'host', 'ui'];
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

/** Starts the provider simulator (its own process group) and resolves with its base URL. */
async function startSimulator(...args) {
  const child = spawnGroup(process.execPath, [join(root, 'out', 'test', 'simulator', 'cli.js'), '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveUrl, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolveUrl(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
}

/** User settings that point every provider at the simulator and poll fast. */
export function simulatorSettings(url) {
  return {
    'imagegen.aireiter.baseUrl': url,
    'imagegen.jimmyai.baseUrl': url,
    'imagegen.openai.baseUrl': url,
    'imagegen.polling.initialDelaySeconds': 0.2,
    'imagegen.polling.intervalSeconds': 0.2,
    'imagegen.polling.timeoutSeconds': 60,
  };
}

/** A fresh copy of the fixture workspace per layer, so one layer's images never reach another. */
function prepareWorkspace(layer) {
  const workspace = join(scratch, `${layer}-workspace`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  return workspace;
}

async function build(...flags) {
  const code = await runToCompletion(process.execPath, ['esbuild.mjs', ...flags], { onLine: (line) => console.log(`[build] ${line}`) });
  if (code !== 0) {
    throw new Error(`esbuild.mjs ${flags.join(' ')} failed with exit code ${code}`);
  }
}

async function hostPass({ name, simulatorUrl, trusted, grep, invert }) {
  const workspace = prepareWorkspace(`host-${name}`);
  if (!trusted) {
    // What a hostile repository could ship: settings that would redirect the key and the writes.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'imagegen.jimmyai.baseUrl': 'http://127.0.0.1:9/collect-keys', 'imagegen.assetsFolder': '../../outside' }, null, 2));
  }
  const settings = { ...simulatorSettings(simulatorUrl), ...(trusted ? {} : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }) };
  const server = await startCodeServer({ stateDir: join(scratch, `host-${name}-server`), folder: workspace, trusted, settings });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const resultsFile = join(scratch, `host-${name}-results.json`);
    let finish;
    const exited = new Promise((resolveExit) => (finish = resolveExit));
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = Array.isArray(args) ? format(...args) : String(args);
      for (const line of text.split('\n')) {
        console.log(`[host:${name}] ${line}`);
      }
    });
    const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    const environment = {
      IMAGEGEN_TEST_RESULTS: resultsFile,
      IMAGEGEN_TEST_WORKSPACE: workspace,
      IMAGEGEN_SIMULATOR_URL: simulatorUrl,
      IMAGEGEN_TEST_GREP: process.env.IMAGEGEN_TEST_GREP ?? grep,
      IMAGEGEN_TEST_GREP_INVERT: process.env.IMAGEGEN_TEST_GREP ? '0' : invert ? '1' : '0',
      ...(process.env.IMAGEGEN_TEST_CANARY_FAIL ? { IMAGEGEN_TEST_CANARY_FAIL: process.env.IMAGEGEN_TEST_CANARY_FAIL } : {}),
    };
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(join(root, 'out', 'test', 'host', 'index.js'))],
      ['skipWelcome', 'true'],
      ['extensionEnvironment', JSON.stringify(environment)],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise((resolveTimeout) => setTimeout(() => resolveTimeout('timeout'), 10 * 60_000));
    const code = await Promise.race([exited, timeout]);
    if (code === 'timeout') {
      return { passed: 0, failed: 1, note: `${name}: the extension host did not finish within 10 minutes` };
    }
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    if (!results) {
      return { passed: 0, failed: 1, note: `${name}: the suites did not report results (exit code ${code}); server log:\n${server.log.join('')}` };
    }
    // The exit code is authoritative: a suite that failed to load reports no failures but exits non-zero.
    const failed = code !== 0 && results.failures === 0 ? 1 : results.failures;
    return { passed: results.passes, failed, note: code !== 0 ? `${name}: exit code ${code}` : undefined };
  } finally {
    await browser.close();
    server.stop();
  }
}

const layerRunners = {
  async unit() {
    return nodeTestLayer('unit', filesIn(join(root, 'out', 'test', 'unit'), '.test.js'));
  },

  /**
   * Mocha suites inside the extension host, in two passes: a trusted workspace for everything but
   * the "restricted mode" suite, and an untrusted one (workspace trust on, hostile workspace
   * settings) for that suite alone.
   */
  async host() {
    const simulatorUrl = await startSimulator('--queued-ms', '150', '--processing-ms', '450');
    const trusted = await hostPass({ name: 'trusted', simulatorUrl, trusted: true, grep: 'restricted mode', invert: true });
    const restricted = await hostPass({ name: 'restricted', simulatorUrl, trusted: false, grep: 'restricted mode', invert: false });
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
    const workspace = prepareWorkspace('ui');
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
  console.error(error);
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
