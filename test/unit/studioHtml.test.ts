import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { contentSecurityPolicy, createNonce, escapeHtml, renderStudioHtml } from '../../src/features/studio/studioHtml';

test('escapeHtml neutralizes markup and both quote kinds', () => {
  assert.equal(escapeHtml(`<img src=x onerror="alert(1)">'&`), '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;');
});

test('nonces are url-safe, at least 128 bits and differ per render', () => {
  const a = createNonce((n) => randomBytes(n));
  const b = createNonce((n) => randomBytes(n));
  assert.match(a, /^[A-Za-z0-9_-]{24}$/);
  assert.notEqual(a, b);
});

test('the CSP denies everything by default and allows scripts only by nonce', () => {
  const csp = contentSecurityPolicy('https://webview.test', 'abc');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc'$/);
  assert.doesNotMatch(csp, /unsafe-(eval|inline)/);
});

test('images come from the webview resource origin, data: and blob: (streamed previews) only; blob: nowhere else', () => {
  const directives = Object.fromEntries(contentSecurityPolicy('https://webview.test', 'abc').split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  assert.deepEqual(directives['img-src'], ['https://webview.test', 'data:', 'blob:']);
  for (const [name, sources] of Object.entries(directives)) {
    if (name !== 'img-src') assert.ok(!sources!.includes('blob:'), `${name} does not allow blob:`);
  }
});

test('the page escapes every interpolated value and has no inline handlers', () => {
  const html = renderStudioHtml({ cspSource: 'https://w.test', nonce: 'n0nce', scriptUri: 'https://w.test/a".js', styleUri: 'https://w.test/s.css', codiconsUri: 'https://w.test/c.css', title: '<b>Studio</b>', lang: 'en"' });
  assert.ok(html.includes('<title>&lt;b&gt;Studio&lt;/b&gt;</title>'));
  assert.ok(html.includes('src="https://w.test/a&quot;.js"'));
  assert.ok(html.includes('<html lang="en&quot;">'));
  assert.equal((html.match(/<script/g) ?? []).length, 1);
  assert.ok(html.includes('<script nonce="n0nce"'));
  assert.doesNotMatch(html, /\son[a-z]+=/i);
});
