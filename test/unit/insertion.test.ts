import { strict as assert } from 'node:assert';
import { posix } from 'node:path';
import { test } from 'node:test';
import { shiftAnchor } from '../../src/core/insert/anchor';
import { altTextFromPrompt, formatImageLink, linkStyleFor, relativeImagePath } from '../../src/core/insert/imageLink';

test('Markdown links: relative with /, spaces and brackets escaped, alt from the prompt', () => {
  const path = relativeImagePath('/ws/docs', '/ws/assets/a cat (1).png', posix)!;
  assert.equal(path, '../assets/a cat (1).png');
  assert.equal(formatImageLink('markdown', path, altTextFromPrompt('A [cat]\n on a mat')), '![A \\[cat\\] on a mat](../assets/a%20cat%20%281%29.png)');
  assert.equal(relativeImagePath('/ws', '/ws/assets/x.png', posix), 'assets/x.png');
});

test('HTML gets an escaped <img>, other languages the bare path, MDX is Markdown', () => {
  assert.equal(formatImageLink('html', 'a "b".png', 'x < y & z'), '<img src="a &quot;b&quot;.png" alt="x &lt; y &amp; z">');
  assert.equal(formatImageLink(linkStyleFor('typescript'), 'assets/x.png', 'alt'), 'assets/x.png');
  assert.equal(linkStyleFor('mdx'), 'markdown');
  assert.equal(linkStyleFor('html'), 'html');
});

test('alt text is one line of at most 100 characters without simulator directives', () => {
  assert.equal(altTextFromPrompt('a fox [sim:taskFailed]'), 'a fox');
  const long = altTextFromPrompt('word '.repeat(50));
  assert.ok(long.length <= 100 && long.endsWith('…'));
});

test('the anchor follows edits before it, stays for edits after it, and moves past text typed at it', () => {
  assert.equal(shiftAnchor(10, [{ rangeOffset: 0, rangeLength: 0, text: 'abc' }]), 13);
  assert.equal(shiftAnchor(10, [{ rangeOffset: 2, rangeLength: 5, text: '' }]), 5);
  assert.equal(shiftAnchor(10, [{ rangeOffset: 20, rangeLength: 3, text: 'xyz!' }]), 10);
  assert.equal(shiftAnchor(10, [{ rangeOffset: 10, rangeLength: 0, text: 'typed' }]), 15);
  assert.equal(shiftAnchor(10, [{ rangeOffset: 8, rangeLength: 4, text: 'Q' }]), 9, 'inside a replacement: to its end');
  assert.equal(shiftAnchor(10, [{ rangeOffset: 0, rangeLength: 1, text: '' }, { rangeOffset: 30, rangeLength: 0, text: 'x' }]), 9);
});
