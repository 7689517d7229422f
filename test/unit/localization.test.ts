import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..', '..');
const readJson = (path: string): Record<string, string> => JSON.parse(readFileSync(join(root, path), 'utf8'));
const placeholders = (text: string) => (text.match(/\{\d+\}/g) ?? []).sort().join(',');
const languages = ['zh-cn', 'ko'];

test('l10n/bundle.l10n.json is exactly what the source says (run `npx @vscode/l10n-dev export -o l10n src`)', () => {
  const out = mkdtempSync(join(tmpdir(), 'imagegen-l10n-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '-o', out, join(root, 'src')], { stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(out, 'bundle.l10n.json'), 'utf8'));
    assert.deepEqual(Object.keys(readJson('l10n/bundle.l10n.json')).sort(), Object.keys(fresh).sort());
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

for (const language of languages) {
  test(`every runtime string has a ${language} translation with the same placeholders`, () => {
    const english = readJson('l10n/bundle.l10n.json');
    const translated = readJson(`l10n/bundle.l10n.${language}.json`);
    for (const key of Object.keys(english)) {
      assert.ok(translated[key], `${language} lacks "${key}"`);
      assert.equal(placeholders(translated[key]!), placeholders(key), `${language} placeholders of "${key}"`);
    }
  });

  test(`every manifest string (%key%) exists in package.nls.json and package.nls.${language}.json`, () => {
    const manifest = readFileSync(join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]!);
    assert.ok(keys.length > 10);
    const english = readJson('package.nls.json');
    const translated = readJson(`package.nls.${language}.json`);
    for (const key of keys) {
      assert.ok(english[key], `package.nls.json lacks ${key}`);
      assert.ok(translated[key], `package.nls.${language}.json lacks ${key}`);
    }
  });
}
