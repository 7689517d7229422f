// One pass of the host test layer: a code-server with a fresh workspace, the mocha suites run
// inside its extension host through the test payload, the real exit code and counts returned.
// Shared by `npm test` (scripts/test.mjs) and the activation benchmark.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { startCodeServer } from './codeServer.mjs';
import { spawnGroup } from './processes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts the provider simulator (its own process group) and resolves with its base URL. */
export async function startSimulator(...args) {
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
export function prepareWorkspace(scratch, layer) {
  const workspace = join(scratch, `${layer}-workspace`);
  rmSync(workspace, { recursive: true, force: true });
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  // What a window closed mid-write leaves behind: an unfinished image two days old, and one of
  // today (still being written, for all ImageGen knows). The start-up sweep removes only the first.
  mkdirSync(join(workspace, 'assets'), { recursive: true });
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  writeFileSync(join(workspace, 'assets', '.left-behind-20261120-101010.0123456789ab.part'), 'partial');
  utimesSync(join(workspace, 'assets', '.left-behind-20261120-101010.0123456789ab.part'), twoDaysAgo, twoDaysAgo);
  writeFileSync(join(workspace, 'assets', '.still-writing-20261122-101010.ba9876543210.part'), 'partial');
  return workspace;
}

/**
 * The TLS test's CA, trusted the way a corporate CA is: in the system store (SSL_CERT_FILE, which
 * VS Code's certificate loading reads) and in NODE_EXTRA_CA_CERTS. VS Code's patched fetch
 * replaces Node's CA list with the bundled and system roots, so NODE_EXTRA_CA_CERTS alone is not
 * seen by it (measured on 1.139, with and without systemCertificatesV2).
 */
function testCaEnvironment(scratch, tlsFixtures) {
  const testCa = join(tlsFixtures, 'loopback-cert.pem');
  const systemStore = [process.env.SSL_CERT_FILE, '/etc/ssl/certs/ca-certificates.crt'].find((path) => path && existsSync(path));
  const bundle = join(scratch, 'ca-bundle-with-test-ca.pem');
  writeFileSync(bundle, `${systemStore ? readFileSync(systemStore, 'utf8') : ''}\n${readFileSync(testCa, 'utf8')}`);
  return { NODE_EXTRA_CA_CERTS: testCa, SSL_CERT_FILE: bundle };
}

export async function hostPass({ scratch, name, simulatorUrl, trusted, grep, invert, env = {} }) {
  const workspace = prepareWorkspace(scratch, `host-${name}`);
  if (!trusted) {
    // What a hostile repository could ship: settings that would redirect the key and the writes.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'imagegen.jimmyai.baseUrl': 'http://127.0.0.1:9/collect-keys', 'imagegen.assetsFolder': '../../outside' }, null, 2));
  }
  const settings = { ...simulatorSettings(simulatorUrl), ...(trusted ? {} : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' }) };
  const tlsFixtures = join(root, 'test', 'fixtures', 'tls');
  const server = await startCodeServer({ stateDir: join(scratch, `host-${name}-server`), folder: workspace, trusted, settings, env: testCaEnvironment(scratch, tlsFixtures) });
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
      IMAGEGEN_TLS_FIXTURES: tlsFixtures,
      IMAGEGEN_TEST_GREP: process.env.IMAGEGEN_TEST_GREP ?? grep,
      IMAGEGEN_TEST_GREP_INVERT: process.env.IMAGEGEN_TEST_GREP ? '0' : invert ? '1' : '0',
      ...(process.env.IMAGEGEN_TEST_CANARY_FAIL ? { IMAGEGEN_TEST_CANARY_FAIL: process.env.IMAGEGEN_TEST_CANARY_FAIL } : {}),
      ...env,
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

