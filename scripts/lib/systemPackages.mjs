// System packages the test layers need, checked before anything else runs. As root they are
// installed (one `apt-get update`, then the packages, saying what and why, the way
// `playwright install --with-deps` does); otherwise the run stops at once with the exact command.
import { execFileSync, spawnSync } from 'node:child_process';

let updated = false;

function installed(pkg) {
  return spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed') === true;
}

/** Makes sure every package in `needs` ({ package: why }) is installed, or throws with the command to run. */
export function ensureDebianPackages(needs) {
  const missing = Object.keys(needs).filter((pkg) => !installed(pkg));
  if (missing.length === 0) {
    return;
  }
  const reasons = missing.map((pkg) => `  ${pkg}: ${needs[pkg]}`).join('\n');
  const command = `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;
  if (spawnSync('dpkg-query', ['--version']).status !== 0) {
    throw new Error(`These system packages are needed:\n${reasons}\nThis is not a Debian/Ubuntu machine: install their equivalents, then run the command again.`);
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`These system packages are needed:\n${reasons}\nInstall them with:\n  ${command}`);
  }
  console.log(`[setup] installing system packages:\n${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    updated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}
