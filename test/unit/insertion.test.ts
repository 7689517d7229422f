import { strict as assert } from 'node:assert';
import { posix } from 'node:path';
import { test } from 'node:test';
import { shiftAnchor } from '../../src/core/insert/anchor';
import { altTextFromPrompt, formatImageLink, linkPathFor, linkStyleFor, relativeImagePath } from '../../src/core/insert/imageLink';
import { win32 } from 'node:path';

test('Markdown links: relative with /, spaces and brackets escaped, alt from the prompt', () => {
  const path = relativeImagePath('/ws/docs', '/ws/assets/a cat (1).png', posix)!;
  assert.equal(path, '../assets/a cat (1).png');
  assert.equal(formatImageLink('markdown', path, altTextFromPrompt('A [cat]\n on a mat')), '![A \\[cat\\] on a mat](../assets/a%20cat%20%281%29.png)');
  assert.equal(relativeImagePath('/ws', '/ws/assets/x.png', posix), 'assets/x.png');
});

test('HTML gets an escaped <img>, other languages the bare path, MDX is Markdown', () => {
  assert.equal(formatImageLink('html', 'a "b".png', 'x < y & z'), '<img src="a%20%22b%22.png" alt="x &lt; y &amp; z">', 'the path is a URL: a quote cannot end the attribute, a space is %20');
  assert.equal(formatImageLink(linkStyleFor('typescript'), 'assets/x.png', 'alt'), 'assets/x.png');
  assert.equal(linkStyleFor('mdx'), 'markdown');
  assert.equal(linkStyleFor('html'), 'html');
});

test('link styles: # % ? spaces, parentheses and non-ASCII names stay one correct path in Markdown, HTML and plain paths', () => {
  const names: [string, string][] = [
    ['a#b.png', 'a%23b.png'],
    ['50%.png', '50%25.png'],
    ['what?.png', 'what%3F.png'],
    ['a b (1).png', 'a%20b%20%281%29.png'],
    ['猫 café.png', '猫%20café.png'],
    ['%20.png', '%2520.png'],
  ];
  for (const [name, encoded] of names) {
    assert.equal(formatImageLink('markdown', `assets/${name}`, 'alt'), `![alt](assets/${encoded})`, name);
    assert.equal(formatImageLink('html', `assets/${name}`, 'alt'), `<img src="assets/${encoded}" alt="alt">`, name);
    assert.equal(formatImageLink('path', `assets/${name}`, 'alt'), `assets/${name}`, 'plain paths are what the file system calls it');
  }
  assert.equal(formatImageLink('html', '/assets/x.png', 'x', 320), '<img src="/assets/x.png" alt="x" width="320">');
  assert.equal(formatImageLink('markdown', 'x.png', 'x', 320), '![x](x.png)', 'width only on an <img>');
  assert.equal(formatImageLink('markdown', 'file:///d%3A/x%20y.png', 'x'), '![x](file:///d%3A/x%20y.png)', 'a URI (no relative path leads there) is not encoded twice');
});

test('imagegen.link.style: html turns Markdown links into <img>; rootRelative starts at the site root, with either path flavour', () => {
  assert.equal(linkStyleFor('markdown', 'html'), 'html');
  assert.equal(linkStyleFor('typescript', 'html'), 'path', 'code keeps plain paths');
  assert.equal(linkStyleFor('markdown', 'rootRelative'), 'markdown');
  const table: [Parameters<typeof linkPathFor>, string | undefined][] = [
    [['relative', '/ws/content/posts', '/ws/static/img/x.png', '/ws', posix], '../../static/img/x.png'],
    [['rootRelative', '/ws/content/posts', '/ws/static/img/x.png', '/ws', posix], '/static/img/x.png'],
    [['rootRelative', '/ws/content/posts', '/ws/static/img/x.png', '/ws/static', posix], '/img/x.png'],
    [['rootRelative', '/ws/content/posts', '/ws/assets/x.png', '/ws/static', posix], '../../assets/x.png'],
    [['rootRelative', 'C:\\ws\\docs', 'c:\\ws\\static\\img\\x.png', 'C:\\ws\\static', win32], '/img/x.png'],
    [['relative', 'C:\\ws\\docs', 'D:\\elsewhere\\x.png', 'C:\\ws', win32], undefined],
  ];
  for (const [args, expected] of table) {
    assert.equal(linkPathFor(...args), expected, JSON.stringify(args.slice(0, 4)));
  }
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
