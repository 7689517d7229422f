// `imagegen unused` run as a user runs it: the ImageGen images (by provenance, or named by the
// task journal) that no text file links to are listed with size and date, linked ones and images
// ImageGen did not make are not, a link inside node_modules does not count, and nothing is deleted.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { gradientPng } from '../simulator/png';
import { newWorkspace, runCli } from './support/cliHarness';

const workspaces: string[] = [];
after(() => {
  for (const folder of workspaces) rmSync(folder, { recursive: true, force: true });
});

const madeBy = (prompt: string) => ({ prompt, model: 'jimmyai:nano-banana', parameters: '{}', task: `t-${prompt}`, 'Creation Time': new Date().toISOString(), Software: 'ImageGen MCP server' });
const env = { PATH: process.env.PATH ?? '' };

function workspaceWithImages(): string {
  const folder = newWorkspace('imagegen-cli-unused-');
  workspaces.push(folder);
  const file = (relative: string, content: string | Buffer) => {
    const path = join(folder, ...relative.split('/'));
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, content);
  };
  for (const name of ['from-md', 'from-css', 'from-tsx', 'from-html', 'unlinked']) file(`assets/${name}.png`, gradientPng(24, 24, madeBy(name)));
  file('assets/not-imagegen.png', gradientPng(24, 24));
  file('assets/from-journal.png', gradientPng(24, 24));
  file('README.md', '![x](assets/from-md.png)\n');
  file('styles/site.css', '.a { background: url(../assets/from-css.png) }\n');
  file('src/App.tsx', "export const App = () => <img src={'/assets/from-tsx.png'} />;\n");
  file('site/index.html', '<img srcset="../assets/from-html.png 1x">\n');
  file('node_modules/pkg/readme.md', '![not ours](../../assets/unlinked.png)\n');
  file('.imagegen/mcp-tasks.json', JSON.stringify({ version: 1, tasks: [{ id: 'journal-task', input: { modelKey: 'jimmyai:nano-banana', prompt: 'from the journal' }, folder: 'assets', baseName: 'from-journal', state: 'succeeded', createdAt: Date.now() - 1000, finishedAt: Date.now(), endpoint: 'x', path: 'assets/from-journal.png' }] }));
  return folder;
}

test('unused --json lists the unlinked ImageGen images with bytes and dates, and deletes nothing', async () => {
  const folder = workspaceWithImages();
  const before = readdirSync(join(folder, 'assets')).sort();
  const run = await runCli(['unused', '--json'], { cwd: folder, env });
  assert.equal(run.code, 0, run.stderr);
  const answer = JSON.parse(run.stdout) as { command: string; workspace: string; made: number; unused: { path: string; absolutePath: string; bytes: number; modified: string; files: unknown[]; prompt?: string }[] };
  assert.equal(answer.command, 'unused');
  assert.equal(answer.made, 6, 'five by provenance, one named by the journal');
  assert.deepEqual(answer.unused.map((image) => image.path).sort(), ['assets/from-journal.png', 'assets/unlinked.png']);
  const unlinked = answer.unused.find((image) => image.path === 'assets/unlinked.png')!;
  assert.equal(unlinked.bytes, statSync(join(folder, 'assets', 'unlinked.png')).size);
  assert.match(unlinked.modified, /^\d{4}-\d\d-\d\dT/);
  assert.equal(unlinked.prompt, 'unlinked');
  assert.equal(unlinked.absolutePath, join(folder, 'assets', 'unlinked.png'));
  assert.deepEqual(readdirSync(join(folder, 'assets')).sort(), before, 'nothing deleted');
});

test('unused in words: a line per image with size, date and path, and a note that nothing was deleted; --workspace elsewhere; a missing folder is exit 2', async () => {
  const folder = workspaceWithImages();
  const run = await runCli(['unused', '--workspace', folder], { cwd: process.cwd(), env });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^ +\d+\.\d KB {2}\d{4}-\d\d-\d\d \d\d:\d\d {2}assets\/unlinked\.png$/m);
  assert.doesNotMatch(run.stdout, /from-md|not-imagegen/);
  assert.match(run.stderr, /2 of 6 image\(s\) ImageGen made are linked from no file .*Nothing was deleted/);
  assert.ok(existsSync(join(folder, 'assets', 'unlinked.png')));
  const missing = await runCli(['unused', '--workspace', join(folder, 'nope')], { cwd: folder, env });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /is not a folder that exists/);
  const extra = await runCli(['unused', 'now'], { cwd: folder, env });
  assert.equal(extra.code, 2);
});

test('a workspace where every ImageGen image is linked: said so, exit 0', async () => {
  const folder = newWorkspace('imagegen-cli-unused-');
  workspaces.push(folder);
  mkdirSync(join(folder, 'img'));
  writeFileSync(join(folder, 'img', 'a b.png'), gradientPng(24, 24, madeBy('linked')));
  writeFileSync(join(folder, 'page.html'), '<img src="img/a%20b.png">');
  const run = await runCli(['unused'], { cwd: folder, env });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, /no unused images: each of the 1 image\(s\) ImageGen made/);
});

test('an image reached through a link that leads out of the workspace is never listed (it would be deleted outside)', async () => {
  const folder = newWorkspace('imagegen-cli-unused-');
  const outside = newWorkspace('imagegen-cli-unused-outside-');
  workspaces.push(folder, outside);
  writeFileSync(join(outside, 'elsewhere.png'), gradientPng(24, 24, madeBy('elsewhere')));
  mkdirSync(join(folder, 'assets'));
  symlinkSync(join(outside, 'elsewhere.png'), join(folder, 'assets', 'escape.png'));
  mkdirSync(join(folder, '.imagegen'));
  writeFileSync(join(folder, '.imagegen', 'mcp-tasks.json'), JSON.stringify({ version: 1, tasks: [{ id: 'escape', input: { modelKey: 'jimmyai:nano-banana', prompt: 'escape' }, folder: 'assets', baseName: 'escape', state: 'succeeded', createdAt: Date.now(), endpoint: 'x', path: 'assets/escape.png' }] }));
  const run = await runCli(['unused', '--json'], { cwd: folder, env });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual((JSON.parse(run.stdout) as { unused: unknown[] }).unused, []);
});
