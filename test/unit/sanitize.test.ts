import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseRetryAfter } from '../../src/providers/httpClient';
import { redactSecrets, sanitizeServerText } from '../../src/providers/sanitize';

test('server text loses Markdown links, command URIs, markup and control characters', () => {
  const hostile = 'Failed: [open settings](command:workbench.action.openSettings) <img src=x onerror=alert(1)>\u0007 see ![x](https://evil.test/x.png)';
  const clean = sanitizeServerText(hostile)!;
  assert.doesNotMatch(clean, /command:|\]\(|<|>|\u0007/);
  assert.match(clean, /open settings/);
});

test('secrets are redacted: the key itself, Bearer tokens, sk- keys and key query parameters', () => {
  const text = redactSecrets('auth Bearer abc.def-123 key sk-ABCDEF1234567890 url https://x.test/?api_key=zzz&x=1 raw my-secret-key', ['my-secret-key']);
  assert.doesNotMatch(text, /abc\.def-123|sk-ABCDEF|zzz|my-secret-key/);
});

test('long text is cut, empty text is undefined, objects are not text', () => {
  assert.equal(sanitizeServerText('x'.repeat(1000))!.length, 300);
  assert.equal(sanitizeServerText('   '), undefined);
  assert.equal(sanitizeServerText({ message: 'x' }), undefined);
  assert.equal(sanitizeServerText(433), '433');
});

test('Retry-After reads seconds and HTTP dates', () => {
  assert.equal(parseRetryAfter('7'), 7000);
  assert.equal(parseRetryAfter('1.5'), 1500);
  assert.equal(parseRetryAfter(new Date(Date.parse('2026-01-01T00:00:30Z')).toUTCString(), Date.parse('2026-01-01T00:00:00Z')), 30_000);
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});
