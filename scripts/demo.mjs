// `npm run demo`: the whole product on this machine, offline. Builds and packages the extension,
// starts the provider simulator and a code-server with the vsix installed and every provider
// pointed at the simulator, opens a sample workspace with a Markdown file, and prints the URL.
// Ctrl+C stops everything. Options: --port N (default 8080), --check (start, verify, stop).
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCodeServer } from './lib/codeServer.mjs';
import { startSimulator } from './lib/hostRunner.mjs';
import { runToCompletion, stopAll } from './lib/processes.mjs';
import { ensureSystemPackagesFor } from './lib/systemPackages.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const port = Number(argv[argv.indexOf('--port') + 1]) || 8080;
const check = argv.includes('--check');
const demoDir = join(root, '.vscode-test', 'demo');

async function run(command, args) {
  const code = await runToCompletion(command, args, { cwd: root, onLine: (line) => /nodedir|install-scripts/.test(line) || console.log(`  ${line}`) });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code})`);
}

function sampleWorkspace() {
  const workspace = join(demoDir, 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  cpSync(join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  writeFileSync(
    join(workspace, 'README.md'),
    [
      '# ImageGen demo',
      '',
      'Every provider points at a local simulator; its API key is `sim-key`.',
      '',
      '1. Run **ImageGen: Set API Key**, pick AIReiter, paste `sim-key`.',
      '2. Put the cursor on the empty line below and run **ImageGen: Generate Image** (Enter accepts each default),',
      '   or select the sentence below and run **ImageGen: Generate Image from Selection**,',
      '   or open the ImageGen view in the activity bar.',
      '',
      'A lighthouse on a cliff at dusk, watercolour.',
      '',
      '',
    ].join('\n'),
  );
  return workspace;
}

// Ctrl+C, a closed terminal (SIGHUP) and a process manager's stop (SIGTERM) all stop the simulator
// and code-server with the demo; the exit code says which signal ended it (128 + its number).
let stopping = false;
for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`\nStopping the demo (${signal})…`);
    await stopAll();
    process.exit(signal === 'SIGINT' ? 0 : 128 + number);
  });
}

try {
  ensureSystemPackagesFor(['demo']);
  console.log('Building and packaging ImageGen…');
  await run('npm', ['run', '--silent', 'package']);
  await run(process.execPath, ['esbuild.mjs', '--simulator']);
  const version = JSON.parse((await import('node:fs')).readFileSync(join(root, 'package.json'), 'utf8')).version;
  console.log('Starting the provider simulator…');
  const simulator = await startSimulator('--queued-ms', '1500', '--processing-ms', '6000');
  const workspace = sampleWorkspace();
  console.log('Starting code-server (the first run installs it: about three minutes)…');
  const server = await startCodeServer({
    stateDir: join(demoDir, 'server'),
    folder: workspace,
    port,
    settings: {
      'imagegen.aireiter.baseUrl': simulator,
      'imagegen.jimmyai.baseUrl': simulator,
      'imagegen.openai.baseUrl': simulator,
      'imagegen.polling.initialDelaySeconds': 1,
      'imagegen.polling.intervalSeconds': 1,
    },
  });
  await server.installExtension(join(root, `imagegen-${version}.vsix`));
  // The web workbench opens `openFile` from the URL payload; gotoLineMode puts the cursor on the empty line.
  const openFile = `vscode-remote://127.0.0.1:${server.port}${join(workspace, 'README.md')}:11:1`;
  const payload = JSON.stringify([['openFile', openFile], ['gotoLineMode', 'true']]);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  if (check) {
    const [health, sim] = await Promise.all([fetch(`${server.url}/healthz`), fetch(`${simulator}/__sim/requests`)]);
    console.log(`check: code-server ${health.status}, simulator ${sim.status}`);
    await stopAll();
    process.exit(health.ok && sim.ok ? 0 : 1);
  }
  console.log(`\nImageGen demo is running. Open:\n\n  ${url}\n\nSimulator: ${simulator} (API key: sim-key). Press Ctrl+C to stop everything.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
}
