// The layering docs/architecture.md describes, checked on the sources: core/ is plain TypeScript
// (no vscode), nothing below the commands imports them back, the simulator is an independent
// picture of the providers (nothing from src/), and no source file grows past about 300 lines.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(dir, name));
}

const imports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((match) => match[1]!);

test('src/core, src/engine and src/finishing import no vscode, and nothing under src/core, engine, providers, saving, generation or the capabilities imports commands/', () => {
  for (const file of [...sources('src/core'), ...sources('src/engine'), ...sources('src/finishing')]) {
    assert.ok(!imports(file).includes('vscode'), `${file} imports vscode`);
  }
  for (const dir of ['src/core', 'src/engine', 'src/finishing', 'src/providers', 'src/saving', 'src/generation', 'src/features', 'src/config', 'src/protocol', 'src/webview']) {
    for (const file of sources(dir)) {
      // A capability registers its own commands through the shared Command and CommandManager.
      const upward = imports(file).filter((path) => /(^|\/)commands\//.test(path) && !/(^|\/)commands\/(command|commandManager)$/.test(path));
      assert.deepEqual(upward, [], `${file} imports ${upward.join(', ')}`);
    }
  }
});

test("the MCP server's side of its environment contract imports no vscode (dist/mcp.js bundles it)", () => {
  assert.ok(!imports('src/features/mcpPublishing/serverEnvironment.ts').includes('vscode'));
});

test('no host reaches the runner: only the engine itself imports its runner, polling and resumer', () => {
  for (const file of sources('src')) {
    if (file.startsWith('src/engine/')) continue;
    const runner = imports(file).filter((path) => /(^|\/)engine\/(taskRunner|taskPolling|taskResumer)$/.test(path));
    assert.deepEqual(runner, [], `${file} imports ${runner.join(', ')}`);
  }
});

test('one lazy boundary: only the composition root calls the loader, and nothing else requires a file', () => {
  // A type-only import (the deferred code's type) loads nothing; a value import could call the loader.
  const loaderImports = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)(?! type)[^'"]*from '([^']*loadDeferred)'/gm)].map((match) => match[1]!);
  for (const file of sources('src')) {
    if (file === 'src/extension.ts') continue;
    const loaders = loaderImports(file);
    assert.deepEqual(loaders, [], `${file} imports ${loaders.join(', ')}: only the composition root loads deferred code`);
    // The image library's loader (issue 24) is the one other require(): dist/imaging.js carries
    // ~9 MB of WebAssembly that only a conversion may load, in every host (extension, MCP, CLI).
    if (file !== 'src/loadDeferred.ts' && file !== 'src/imaging/loadImaging.ts') {
      assert.doesNotMatch(readFileSync(join(root, file), 'utf8'), /\brequire\(/, `${file} calls require()`);
    }
  }
});

test('the composition root (src/extension.ts) has at most 100 lines', () => {
  const lines = readFileSync(join(root, 'src/extension.ts'), 'utf8').split('\n').length;
  assert.ok(lines <= 100, `src/extension.ts has ${lines} lines`);
});

test('the simulator imports nothing from src/', () => {
  for (const file of sources('test/simulator')) {
    const fromSrc = imports(file).filter((path) => resolve(join(root, file, '..'), path).startsWith(join(root, 'src')));
    assert.deepEqual(fromSrc, [], `${relative(root, join(root, file))} imports from src`);
  }
});

test('no source file over 300 lines (src and the simulator)', () => {
  for (const file of [...sources('src'), ...sources('test/simulator')]) {
    const lines = readFileSync(join(root, file), 'utf8').split('\n').length;
    assert.ok(lines <= 300, `${file} has ${lines} lines`);
  }
});

test('errors that cross the lazy boundary are recognised by brand, never by instanceof', () => {
  // dist/extension.js and dist/deferred.js each carry their own copy of these classes: the engine's
  // deadline (a TimeoutAbort) is read by the HTTP client, a saving error (a ProviderError) by the
  // provider code. instanceof across the two copies is false, and the error's kind is lost.
  for (const file of sources('src')) {
    const text = readFileSync(join(root, file), 'utf8');
    const crossings = [...text.matchAll(/instanceof (ProviderError|TimeoutAbort)\b/g)].map((match) => match[0]);
    assert.deepEqual(crossings, [], `${file}: use isProviderError / isTimeoutAbort`);
  }
});
