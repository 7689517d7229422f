// Which image links ImageGen follows. A provider's answer (or a redirect) names the URL, so a
// hostile or compromised provider could point it at this machine or the user's network: only
// https to public hosts, and plain http or loopback only when the provider itself is on this
// machine (the simulator, a local gateway). Checked for the first link and for every redirect.

export type UrlVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

export interface ImageUrlPolicy {
  /** The provider's base URL is on loopback: links to loopback (http or https) are expected. */
  readonly providerIsLoopback: boolean;
}

type HostKind = 'loopback' | 'private' | 'linkLocal' | 'unspecified' | 'public';

function ipv4Kind(octets: readonly number[]): HostKind {
  const [a, b] = octets as [number, number, number, number];
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return 'private';
  if (a === 169 && b === 254) return 'linkLocal';
  return 'public';
}

function ipv6Kind(address: string): HostKind {
  const lower = address.toLowerCase();
  if (lower === '::1') return 'loopback';
  if (lower === '::') return 'unspecified';
  // IPv4-mapped (::ffff:a.b.c.d, which the URL parser writes as ::ffff:xxxx:xxxx).
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mapped) {
    const high = parseInt(mapped[1]!, 16);
    const low = parseInt(mapped[2]!, 16);
    return ipv4Kind([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  if (/^f[cd][0-9a-f]{0,2}:/.test(lower)) return 'private';
  if (/^fe[89ab][0-9a-f]?:/.test(lower)) return 'linkLocal';
  return 'public';
}

/** What kind of host a URL's hostname is (as the WHATWG parser canonicalized it). */
export function hostKind(hostname: string): HostKind {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (host.startsWith('[') && host.endsWith(']')) return ipv6Kind(host.slice(1, -1));
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return ipv4 ? ipv4Kind(ipv4.slice(1).map(Number)) : 'public';
}

export function isLoopbackUrl(text: string): boolean {
  try {
    return hostKind(new URL(text).hostname) === 'loopback';
  } catch {
    return false;
  }
}

export function checkImageUrl(text: string, policy: ImageUrlPolicy): UrlVerdict {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'the image link is not a valid URL' };
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `the image link uses ${url.protocol} (only https is followed)` };
  }
  if (url.username || url.password) {
    return { ok: false, reason: 'the image link carries credentials' };
  }
  const kind = hostKind(url.hostname);
  if (kind === 'loopback' && policy.providerIsLoopback) {
    return { ok: true, url };
  }
  if (kind !== 'public') {
    const what = kind === 'linkLocal' ? 'a link-local' : kind === 'unspecified' ? 'an unspecified' : `a ${kind}`;
    return { ok: false, reason: `the image link points at ${what} address (${shown})` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, reason: `the image link is plain http (${shown}); only https is followed` };
  }
  return { ok: true, url };
}
