import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { separatorBefore } from '../../src/core/insert/linkPlacement';

const rows: [string, Parameters<typeof separatorBefore>, string][] = [
  ['empty line', ['markdown', '', ''], ''],
  ['blank line with spaces', ['markdown', '   ', ''], ''],
  ['end of a paragraph line (Markdown): its own paragraph', ['markdown', 'A sentence.', ''], '\n\n'],
  ['end of a line with trailing spaces', ['markdown', 'A sentence.  ', ''], '\n\n'],
  ['right after another image at the end of a line: its own line', ['markdown', '![a](assets/a.png)', ''], '\n'],
  ['after text and an image on one line', ['markdown', 'See ![a](a.png)', ''], '\n'],
  ['after an image even inside a line', ['markdown', '![a](a.png)', ' more'], '\n'],
  ['inside a sentence: inline, as placed', ['markdown', 'Look at ', 'this.'], ''],
  ['right after a word inside a sentence: a space, never glued to the word', ['markdown', 'Look at', ' this.'], ' '],
  ['HTML: right after a word inside a line', ['html', '<p>Look', ' here</p>'], ' '],
  ['HTML: after an <img>', ['html', '<img src="a.png" alt="a">', ''], '\n'],
  ['HTML: end of a text line', ['html', '<p>Intro</p>', ''], '\n'],
  ['plain paths go exactly at the cursor (code)', ['path', "const src = '", "';"], ''],
  ['plain paths at the end of a line too', ['path', 'see: ', ''], ''],
];

for (const [name, args, expected] of rows) {
  test(`link placement: ${name}`, () => {
    assert.equal(separatorBefore(...args), expected);
  });
}
