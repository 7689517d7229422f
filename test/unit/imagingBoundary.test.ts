// Where the image library may be (issue 24): only in dist/imaging.js and dist/sharp-wasm32/, loaded
// on the first conversion; never in the bundles that activation, the MCP server or the command line
// load; and self-contained, since the vsix carries no node_modules.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((match) => match[1]!);

test('src/imaging imports no vscode; only sharpImaging.ts imports sharp, and nothing outside src/imaging imports sharpImaging.ts', () => {
  for (const file of sources('src/imaging')) {
    assert.ok(!imports(file).includes('vscode'), `${file} imports vscode`);
    if (!file.endsWith('sharpImaging.ts')) assert.ok(!imports(file).some((name) => name === 'sharp' || name.startsWith('@img/')), `${file} imports sharp`);
  }
  for (const file of sources('src').filter((name) => !name.startsWith('src/imaging/'))) {
    assert.ok(!imports(file).some((name) => name === 'sharp' || name.endsWith('/sharpImaging') || name.startsWith('@img/')), `${file} pulls the library into its bundle`);
  }
});

test('the library is in no bundle that activation, the MCP server or the command line loads', () => {
  for (const bundle of ['extension.js', 'deferred.js', 'mcp.js', 'cli.js']) {
    const text = readFileSync(join(root, 'dist', bundle), 'utf8');
    assert.ok(!/libvips|sharp-wasm32|emnapi/.test(text), `dist/${bundle} carries the image library`);
  }
  const wasm = readdirSync(join(root, 'dist', 'sharp-wasm32')).filter((name) => name.endsWith('.wasm'));
  assert.equal(wasm.length, 1, 'one WebAssembly binary beside its loader');
});

test('dist/imaging.js runs from a folder without node_modules (as the vsix installs it) and converts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-imaging-alone-'));
  try {
    cpSync(join(root, 'dist', 'imaging.js'), join(dir, 'imaging.js'));
    cpSync(join(root, 'dist', 'sharp-wasm32'), join(dir, 'sharp-wasm32'), { recursive: true });
    assert.ok(!existsSync(join(dir, 'node_modules')));
    const script = `
      const { createImaging } = require(${JSON.stringify(join(dir, 'imaging.js'))});
      (async () => {
        const lib = await createImaging();
        const data = new Uint8Array(8 * 8 * 4).fill(200);
        const png = await lib.fromRaw({ data, width: 8, height: 8 }, { format: 'png' });
        const webp = await lib.render(png, { format: 'webp', resize: { width: 4, height: 2 } });
        const info = await lib.inspect(webp);
        console.log(JSON.stringify({ version: lib.version, info }));
      })().catch((error) => { console.error(error); process.exit(1); });`;
    // NODE_PATH cleared and cwd outside the repository: nothing can be found in node_modules.
    const out = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { version: string; info: { format: string; width: number; height: number } };
    assert.match(result.version, /WebAssembly/);
    assert.deepEqual([result.info.format, result.info.width, result.info.height], ['webp', 4, 2]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
