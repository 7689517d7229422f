// Provenance inside WebP, AVIF and JPEG files that ImageGen writes itself (issue 24): an XMP packet,
// which the image library embeds and other tools show. The entries are the same ones a PNG keeps in
// its text chunks (provenance.ts); they travel as one JSON text in ImageGen's own property, since
// their keys ("Creation Time") are not XML names, with the prompt also in dc:description and the
// writer in xmp:CreatorTool for tools that know only those.

const imagegenNamespace = 'https://github.com/imagegen-vscode/ns/provenance/1.0/';
const packetStart = '<x:xmpmeta';
const packetEnd = '</x:xmpmeta>';
/** How far into a file a packet is looked for: sharp writes it near the start; a 40 MB image is never decoded as text whole. */
const searchBytes = 4 * 1024 * 1024;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&amp;/g, '&');

/** The XMP packet for `entries` (prompt, model, parameters, task, Software …). */
export function provenanceXmp(entries: Readonly<Record<string, string>>): string {
  const description = entries.prompt !== undefined ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(entries.prompt)}</rdf:li></rdf:Alt></dc:description>` : '';
  const tool = entries.Software !== undefined ? `<xmp:CreatorTool>${escapeXml(entries.Software)}</xmp:CreatorTool>` : '';
  return (
    `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>` +
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:imagegen="${imagegenNamespace}">` +
    `${description}${tool}<imagegen:provenance>${escapeXml(JSON.stringify(entries))}</imagegen:provenance>` +
    `</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

/** ImageGen's entries from the XMP packet in a file's bytes; empty when there is none, or none of ours. Read leniently. */
export function readProvenanceXmp(bytes: Uint8Array): Record<string, string> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, searchBytes));
  const start = head.indexOf(packetStart, 0, 'latin1');
  if (start < 0) return {};
  const end = head.indexOf(packetEnd, start, 'latin1');
  if (end < 0) return {};
  const packet = head.toString('utf8', start, end);
  const match = /<imagegen:provenance>([^<]*)<\/imagegen:provenance>/.exec(packet);
  if (!match) return {};
  try {
    const value: unknown = JSON.parse(unescapeXml(match[1]!));
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
