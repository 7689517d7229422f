// Which image links ImageGen follows. A provider's answer (or a redirect) names the URL, so a
// hostile or compromised provider could point it at this machine or the user's network: only
// https to public hosts, and plain http or loopback only when the provider itself is on this
// machine (the simulator, a local gateway). Checked for the first link and for every redirect.

export type UrlVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

export interface ImageUrlPolicy {
  /** The provider's base URL is on loopback: links to loopback (http or https) are expected. */
  readonly providerIsLoopback: boolean;
}

export type HostKind = 'loopback' | 'private' | 'linkLocal' | 'unspecified' | 'multicast' | 'public';

function ipv4Kind(octets: readonly number[]): HostKind {
  const [a, b] = octets as [number, number, number, number];
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) return 'private';
  if (a === 169 && b === 254) return 'linkLocal';
  if (a >= 224) return 'multicast'; // Multicast, reserved and broadcast.
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (as the URL parser writes it), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  const [head, tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

const embeddedIpv4 = (high: number, low: number) => [high >> 8, high & 0xff, low >> 8, low & 0xff];

function ipv6Kind(address: string): HostKind {
  const groups = ipv6Groups(address.toLowerCase());
  if (!groups) return 'unspecified'; // Unreadable: treated as not public.
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (groups.slice(0, 7).every((group) => group === 0)) return g7 === 1 ? 'loopback' : 'unspecified';
  // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:aabb:ccdd::).
  if (g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && (g5 === 0xffff || g5 === 0)) return ipv4Kind(embeddedIpv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b) return ipv4Kind(embeddedIpv4(g6, g7));
  if (g0 === 0x2002) return ipv4Kind(embeddedIpv4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'private';
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return 'linkLocal'; // Link-local, and the old site-local.
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

/** The kind of a resolved address (`dns.lookup` output: no brackets). */
export function addressKind(address: string): HostKind {
  return address.includes(':') ? ipv6Kind(address) : hostKind(address);
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
    return { ok: false, reason: `the image link points at ${describeKind(kind)} address (${shown})` };
  }
  if (url.protocol !== 'https:') {
    return { ok: false, reason: `the image link is plain http (${shown}); only https is followed` };
  }
  return { ok: true, url };
}

export function describeKind(kind: HostKind): string {
  return kind === 'linkLocal' ? 'a link-local' : kind === 'unspecified' ? 'an unspecified' : `a ${kind}`;
}
