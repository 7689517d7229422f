import { createHash } from 'node:crypto';

/** Which base URL a task was sent to, without keeping the URL itself (it may carry credentials). */
export function endpointFingerprint(baseUrl: string): string {
  // The same endpoint however it is written: host case, a trailing slash, the SDK's /v1.
  let normal = baseUrl.trim();
  try {
    const url = new URL(normal);
    normal = `${url.protocol}//${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '').replace(/\/v1$/i, '')}`;
  } catch {
    // Not a URL: compared as written.
  }
  return createHash('sha256').update(normal).digest('hex').slice(0, 16);
}
