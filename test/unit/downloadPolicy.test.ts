import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isAllowedImageUrl } from '../../src/providers/downloadImage';

test('images are fetched only over https, or http to this machine', () => {
  for (const url of ['https://cdn.example.com/a.png', 'http://127.0.0.1:8787/files/a.png', 'http://localhost/a.png', 'http://[::1]:9/a.png', 'http://127.9.9.9/a.png']) {
    assert.equal(isAllowedImageUrl(url), true, url);
  }
  for (const url of ['http://example.com/a.png', 'http://10.0.0.1/a.png', 'file:///etc/passwd', 'ftp://x/a.png', 'data:image/png;base64,AAAA', 'javascript:alert(1)', 'not a url', 'http://127.0.0.1.evil.com/a.png']) {
    assert.equal(isAllowedImageUrl(url), false, url);
  }
});
