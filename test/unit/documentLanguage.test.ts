import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { documentLanguage } from '../../src/core/insert/documentLanguage';

test('an .mdx file is MDX whatever VS Code calls it without an MDX extension; other languages stay as they are', () => {
  const table: [string, string, string][] = [
    ['plaintext', '/docs/page.mdx', 'mdx'],
    ['markdown', '/docs/Page.MDX', 'mdx'],
    ['mdx', '/docs/page.mdx', 'mdx'],
    ['plaintext', '/docs/notes.txt', 'plaintext'],
    ['markdown', '/docs/readme.md', 'markdown'],
    ['javascriptreact', '/docs/page.mdx.jsx', 'javascriptreact'],
  ];
  for (const [languageId, path, expected] of table) assert.equal(documentLanguage(languageId, path), expected, `${languageId} ${path}`);
});
