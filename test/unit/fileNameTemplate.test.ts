// imagegen.fileName: the team's naming, always a valid file name on every platform, and `${n}`
// counting up to the first free name (the claim itself never overwrites).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { candidateFileName, counterMark } from '../../src/core/assets/fileName';
import { expandFileName } from '../../src/core/assets/fileNameTemplate';

const now = new Date(2026, 10, 23, 9, 5, 7);
const values = { prompt: 'A Lighthouse at Dusk!', modelKey: 'aireiter:gpt_image_2', documentPath: '/ws/docs/Launch Post.md', now };

test('templates: every variable, the default as before, separators and forbidden characters made safe, unknown variables kept', () => {
  const table: [string, string][] = [
    ['', 'a-lighthouse-at-dusk-20261123-090507'],
    ['${prompt}-${date}-${time}', 'a-lighthouse-at-dusk-20261123-090507'],
    ['${documentBaseName}-${model}', 'Launch Post-gpt_image_2'],
    ['hero/${date}', 'hero-20261123'],
    ['a:b*c?', 'a-b-c-'],
    ['${unknown}-x', '${unknown}-x'],
    ['CON', '_CON'],
  ];
  for (const [template, expected] of table) {
    assert.equal(expandFileName(template, values), expected, template);
  }
  assert.equal(expandFileName('${documentBaseName}', { ...values, documentPath: 'C:\\ws\\docs\\Post.md' }), 'Post', 'a Windows document path');
  assert.equal(expandFileName('${documentBaseName}', { prompt: 'x', modelKey: 'jimmyai:nano-banana', now }), 'untitled');
  assert.equal(expandFileName('///', values), 'image', 'never empty');
});

test('${n}: the first free number, instead of -2, -3 after the name', () => {
  const base = expandFileName('icon-${n}', values);
  assert.equal(base, `icon-${counterMark}`);
  assert.deepEqual([1, 2, 3].map((attempt) => candidateFileName(base, 'png', attempt)), ['icon-1.png', 'icon-2.png', 'icon-3.png']);
  assert.deepEqual([1, 2].map((attempt) => candidateFileName('plain', 'png', attempt)), ['plain.png', 'plain-2.png'], 'without ${n}, as before');
  assert.equal(expandFileName('${n}', values), counterMark, 'a number alone is a name');
  assert.equal(candidateFileName(expandFileName('COM${n}', values), 'png', 1), '_COM1.png', 'a number cannot make a Windows device name');
  assert.deepEqual([expandFileName('icon.${n}', values), expandFileName('icon ${n}', values)], [`icon.${counterMark}`, `icon ${counterMark}`], 'dots and spaces before the number stay');
  const long = expandFileName(`${'x'.repeat(300)}-\${n}`, values);
  assert.ok(Buffer.byteLength(candidateFileName(long, 'png', 12)) <= 210, 'a long template is cut as one name');
});
