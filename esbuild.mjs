// Builds the extension (Node, CommonJS), the webview scripts (browser) and, on request, the
// test bundles. Flags: --production (minify, no sourcemaps), --watch, --tests (also builds the
// simulator), --simulator (only the simulator), --bench (the simulator and the benchmarks).
import * as esbuild from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');
const simulatorOnly = args.has('--simulator');
const bench = args.has('--bench');
const packageVersion = JSON.parse(readFileSync('package.json', 'utf8')).version;
if (!tests && !watch && !simulatorOnly && !bench) {
  // A clean dist/ so the vsix never carries stale files.
  rmSync('dist', { recursive: true, force: true });
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  // Prefer a package's ES module build: jsonc-parser's `main` is a UMD file whose require() calls esbuild cannot follow.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

// sharp looks for a per-platform native binary first; the vsix carries none, and in this checkout
// (where the bench's native sharp is installed) the product must not pick it up either.
const sharpWasmOnly = {
  name: 'sharp-wasm-only',
  setup(build) {
    // Its CommonJS build: the ES module one finds its binaries through import.meta.url, which a CommonJS bundle has not.
    build.onResolve({ filter: /^sharp$/ }, () => ({ path: resolvePath('node_modules/sharp/dist/index.cjs') }));
    build.onResolve({ filter: /^@img\/sharp-wasm32\/sharp\.node$/ }, () => ({ path: './sharp-wasm32/sharp.node.js', external: true }));
    // Its own locally built binaries (template-literal requires, which esbuild globs instead of resolving).
    build.onLoad({ filter: /sharp[\\/]dist[\\/]sharp\.cjs$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll('require(`../src/build/Release/', "((name) => { throw Object.assign(new Error('no local build: ' + name), { code: 'MODULE_NOT_FOUND' }); })(`"),
      loader: 'js',
    }));
    build.onResolve({ filter: /^@img\/sharp-[^/]+\/sharp\.node$|^\.\.\/src\/build\/Release\// }, (args) => ({ path: args.path, namespace: 'no-native' }));
    // sharp's CommonJS build: its ES module build calls createRequire(import.meta.url), which a
    // CommonJS bundle leaves undefined.
    build.onResolve({ filter: /^sharp$/ }, () => ({ path: createRequire(import.meta.url).resolve('sharp') }));
    build.onLoad({ filter: /.*/, namespace: 'no-native' }, (args) => ({ contents: `const e = new Error('ImageGen ships the WebAssembly build of sharp only: ${args.path}'); e.code = 'MODULE_NOT_FOUND'; throw e;` }));
  },
};
const sharpWasmVersion = JSON.parse(readFileSync('node_modules/@img/sharp-wasm32/package.json', 'utf8')).version;
const imagingBuild = {
  ...common,
  entryPoints: { imaging: 'src/imaging/sharpImaging.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  plugins: [sharpWasmOnly, { name: 'no-vscode', setup: (build) => build.onResolve({ filter: /^vscode$/ }, () => ({ errors: [{ text: 'the image library runs in every host: nothing in it may import vscode' }] })) }],
};
// Emscripten's loader starts its threads as Workers on its own file (__filename) and finds the
// .wasm in its own folder, so it stays a file of its own, with @emnapi/runtime bundled in.
const wasmLoaderBuild = {
  ...common,
  entryPoints: { 'sharp-wasm32/sharp.node': `node_modules/@img/sharp-wasm32/lib/sharp-wasm32-${sharpWasmVersion}.node.js` },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  sourcemap: false,
  plugins: [{
    name: 'stdio-without-handles',
    setup: (build) => build.onLoad({ filter: /sharp-wasm32-[^/\\]+\.node\.js$/ }, (args) => {
      // Emscripten's NODERAWFS stats fds 0–2 at start-up and the whole module fails (sharp then
      // reports "libvipsVersion is not a function") where a process has no valid stdio handle:
      // measured with Node for Windows (../shared/tools/win-node, fstat(1) → EBADF). A process
      // without a console may well be one; libvips never reads them, so a missing one is a char device.
      const source = readFileSync(args.path, 'utf8');
      const stat = 'var st=fs.fstatSync(i);';
      if (!source.includes(stat)) throw new Error(`${args.path}: the stdio start-up code changed; check the patch in esbuild.mjs`);
      return { contents: source.replace(stat, 'var st;try{st=fs.fstatSync(i)}catch{st={ino:0,mode:8592}}'), loader: 'js' };
    }),
  }],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    // deferred.js (what capabilities run once used, the transport, provider clients, saving) is
    // required by the composition root on first use, not at activation: one eager bundle was
    // measured and costs far more than 15 ms at start-up (bench/results.md). No undici in either:
    // the host's own fetch carries requests.
    entryPoints: { extension: 'src/extension.ts', deferred: 'src/deferred.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // undici is only for code outside VS Code (simulator tools, benchmarks); refuse it here.
    plugins: [{ name: 'no-undici', setup: (build) => build.onResolve({ filter: /^undici$/ }, () => ({ errors: [{ text: 'undici must not be bundled into the extension: use the host\'s global fetch' }] })) }],
  },
  {
    ...common,
    // The standalone MCP server (`node dist/mcp.js --workspace DIR`): no vscode, undici for transport.
    entryPoints: { mcp: 'src/mcp/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { IMAGEGEN_VERSION: JSON.stringify(packageVersion) },
    plugins: [{ name: 'no-vscode', setup: (build) => build.onResolve({ filter: /^vscode$/ }, () => ({ errors: [{ text: 'the MCP server runs outside VS Code: nothing in it may import vscode' }] })) }],
  },
  {
    ...common,
    // The command line (`node dist/cli.js generate …`): the MCP server's engine and transport, no vscode.
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    define: { IMAGEGEN_VERSION: JSON.stringify(packageVersion) },
    plugins: [{ name: 'no-vscode', setup: (build) => build.onResolve({ filter: /^vscode$/ }, () => ({ errors: [{ text: 'the command line runs outside VS Code: nothing in it may import vscode' }] })) }],
  },
  // The image library (issue 24), required by src/imaging/loadImaging.ts only when a conversion is
  // asked for: sharp's JavaScript bundled with the adapter, its native binaries refused (one vsix
  // for every platform), and the WebAssembly build as its own file beside it (below).
  imagingBuild,
  wasmLoaderBuild,
  {
    ...common,
    entryPoints: { 'webview/studio': 'src/webview/studio/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
];

const testCommon = { ...common, minify: false, sourcemap: 'inline', platform: 'node', format: 'cjs', target: 'node20', outbase: '.', outdir: 'out' };
// The provider simulator's command line (`npm run simulator`).
const simulatorBuild = { ...testCommon, entryPoints: ['test/simulator/cli.ts'] };
if (simulatorOnly || bench) {
  builds.length = 0;
  builds.push(simulatorBuild);
}
if (bench) {
  // sharp stays external: the bench's baseline is native sharp from node_modules (bench/nativeImaging.ts).
  builds.push({ ...testCommon, entryPoints: ['bench/**/*.ts'], external: ['sharp'] });
}

if (tests) {
  builds.push(simulatorBuild);
  builds.push(
    // Unit tests: each file is its own bundle so `node --test` runs them as separate processes.
    { ...testCommon, entryPoints: ['test/unit/**/*.test.ts'], external: ['undici'] },
    // Host suites: loaded by mocha inside the extension host, where `vscode` is provided.
    { ...testCommon, entryPoints: ['test/host/index.ts', 'test/host/**/*.test.ts'], external: ['vscode', 'mocha'] },
    // The command line's tests: node --test files that run dist/cli.js as a child process.
    { ...testCommon, entryPoints: ['test/cli/**/*.test.ts'] },
    // UI tests: node --test files that drive Chromium against code-server.
    { ...testCommon, entryPoints: ['test/ui/**/*.test.ts'], external: ['playwright-core'] },
    // The demo's own test: runs `npm run demo` and stops it with signals.
    { ...testCommon, entryPoints: ['test/demo/**/*.test.ts'] },
  );
}

// The WebAssembly binary beside its loader (dist/sharp-wasm32/), and the library's licences.
if (!simulatorOnly && !bench) {
  const { copyFileSync, mkdirSync } = await import('node:fs');
  mkdirSync('dist/sharp-wasm32', { recursive: true });
  copyFileSync(`node_modules/@img/sharp-wasm32/lib/sharp-wasm32-${sharpWasmVersion}.node.wasm`, `dist/sharp-wasm32/sharp-wasm32-${sharpWasmVersion}.node.wasm`);
  copyFileSync('node_modules/@img/sharp-wasm32/LICENSE', 'dist/sharp-wasm32/LICENSE');
  copyFileSync('node_modules/sharp/LICENSE', 'dist/sharp-wasm32/LICENSE.sharp');
}

// Codicons for the webview (vscode-elements' <vscode-icon> looks for this stylesheet).
if (!simulatorOnly && !bench) {
  const { cpSync, mkdirSync } = await import('node:fs');
  mkdirSync('dist/webview/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    cpSync(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/codicons/${file}`);
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('[esbuild] watching for changes…');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
