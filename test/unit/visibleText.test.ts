import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { altTextFromPrompt, formatImageLink } from '../../src/core/insert/imageLink';
import { commentSafeText, withoutHiddenControls } from '../../src/core/insert/visibleText';

// Every character the issue names, and the neighbours of each range (which stay).
const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const marks = ['\u200e', '\u200f', '\u061c'];
const c0 = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => !/[\t\n\v\f\r]/.test(c));
const c1 = Array.from({ length: 0x21 }, (_, code) => String.fromCharCode(0x7f + code)).filter((c) => c !== '\u0085');

test('bidi overrides, isolates, direction marks, C0 and C1 controls are dropped; line breaks read as spaces', () => {
  for (const hidden of [...bidi, ...marks, ...c0, ...c1]) {
    assert.equal(withoutHiddenControls(`cat${hidden}dog`), 'catdog', `U+${hidden.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  for (const spacing of ['\t', '\n', '\v', '\f', '\r', '\u0085', '\u2028', '\u2029']) {
    assert.equal(withoutHiddenControls(`cat${spacing}dog`), 'cat dog');
  }
  // Neighbours of the ranges, and real text in other scripts, are kept.
  assert.equal(withoutHiddenControls('\u2029x\u2065\u206a\u2029'.slice(1, -1)), 'x\u2065\u206a');
  assert.equal(withoutHiddenControls('\u202f\u00a0 مرحبا 你好 🦊'), '\u202f\u00a0 مرحبا 你好 🦊');
});

test('alt text from a prompt carries no bidi or control characters, in Markdown and in <img alt>', () => {
  // "Trojan Source": an override that would show the alt text reversed, an isolate that hides a part.
  const prompt = 'logo\u202e gnp.exe\u202c for\u2066 the\u2069 site\u0007\u009b';
  const alt = altTextFromPrompt(prompt);
  assert.equal(alt, 'logo gnp.exe for the site');
  assert.equal(formatImageLink('markdown', 'assets/a.png', alt), '![logo gnp.exe for the site](assets/a.png)');
  assert.equal(formatImageLink('html', 'assets/a.png', alt), '<img src="assets/a.png" alt="logo gnp.exe for the site">');
  assert.doesNotMatch(alt, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});

test('failure-note text: no hidden controls, no -- that would end the comment, one line', () => {
  const note = commentSafeText('ImageGen: generation failed: bad\u202e request --> here\r\nPrompt: "a\u2067 fox\u0000"');
  assert.equal(note, 'ImageGen: generation failed: bad request —> here Prompt: "a fox"');
  assert.doesNotMatch(note, /--|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});
