// Which image link a hover is on, and the path a renderer would read from it.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { imageLinkAt } from '../../src/core/insert/imageLinkAt';

test('Markdown and HTML image links are found under the cursor, their path decoded; remote images and plain text are not', () => {
  const line = 'See ![a cat](../assets/a%20cat%20%281%29.png "title") and <img src="img/x%23y.png?v=2" alt="x"> or ![w](https://example.test/w.png).';
  assert.deepEqual(imageLinkAt(line, 6), { path: '../assets/a cat (1).png', start: 4, end: 53 });
  assert.equal(imageLinkAt(line, 70)?.path, 'img/x#y.png', 'an encoded # is part of the name; a ?query is not');
  assert.equal(imageLinkAt(line, 100), undefined, 'a remote image is not a workspace file');
  assert.equal(imageLinkAt(line, 1), undefined, 'plain text');
  assert.equal(imageLinkAt('![x](<assets/a b.png>)', 3)?.path, 'assets/a b.png', 'angle-bracket destinations');
  assert.equal(imageLinkAt("<IMG SRC='/static/p.png'>", 2)?.path, '/static/p.png');
  assert.equal(imageLinkAt('![bad](50%.png)', 3)?.path, '50%.png', 'a lone % stays as written');
});
