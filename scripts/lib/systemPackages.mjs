// System packages the test layers need, checked before anything else runs. As root they are
// installed (one `apt-get update`, then the packages, saying what and why, the way
// `playwright install --with-deps` does); otherwise the run stops at once with the exact command.
import { execFileSync, spawnSync } from 'node:child_process';

let updated = false;

function installed(pkg) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') === true;
}

/**
 * Makes sure every package in `needs` ({ package: why }) is installed, or throws with the command
 * to run. `system` is the machine (tests pass a pretend one).
 */
export function ensureDebianPackages(needs, system = realSystem) {
  const missing = Object.keys(needs).filter((pkg) => !system.installed(pkg));
  if (missing.length === 0) {
    return;
  }
  const reasons = missing.map((pkg) => `  ${pkg}: ${needs[pkg]}`).join('\n');
  const command = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
  if (!system.isDebian()) {
    throw new Error(`These system packages are needed:\n${reasons}\nThis is not a Debian/Ubuntu machine: install their equivalents, then run the command again.`);
  }
  if (!system.isRoot()) {
    throw new Error(`These system packages are needed:\n${reasons}\nInstall them with:\n  ${command}`);
  }
  console.log(`[setup] installing system packages:\n${reasons}`);
  if (!updated) {
    system.apt(['update', '-qq']);
    updated = true;
  }
  system.apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

const realSystem = {
  installed,
  isDebian: () => spawnSync('dpkg-query', ['--version']).status === 0,
  isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
  apt: (args) => execFileSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
};

/** Every system package a layer (or the demo) needs, and why. */
const packagesByUse = {
  'libkrb5-dev': { why: "headers for code-server's native kerberos module, built by node-gyp", uses: ['host', 'ui', 'demo'] },
  'build-essential': { why: 'the C++ compiler and make that node-gyp builds that module with', uses: ['host', 'ui', 'demo'] },
  python3: { why: 'node-gyp runs on it', uses: ['host', 'ui', 'demo'] },
  chromium: { why: 'the browser the host and UI tests drive (playwright-core never downloads one)', uses: ['host', 'ui'] },
  wine64: { why: 'runs Node for Windows for the win32 test layer', uses: ['win32'] },
};

/**
 * Checks, before anything else runs, every system package these layers (or `demo`) need: one
 * question, one install, instead of stopping once per layer.
 */
export function ensureSystemPackagesFor(uses, system = realSystem) {
  ensureDebianPackages(Object.fromEntries(Object.entries(packagesByUse).filter(([, { uses: by }]) => by.some((use) => uses.includes(use))).map(([pkg, { why }]) => [pkg, why])), system);
}
