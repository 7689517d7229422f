// How an image was made, from whichever place it is kept (issue 24): the PNG text chunks ImageGen
// writes, the XMP packet in a WebP, AVIF or JPEG it finished, or the sidecar beside a JPEG or WebP
// a provider delivered. The one home for choosing among them; the hover, its actions and Convert /
// Resize Image… read through it (src/saving/readImageProvenance.ts reads the bytes).
import { readPngText } from '../png/pngText';
import { sniffFormat } from './imageInfo';
import { readProvenanceSidecar } from './provenance';
import { readProvenanceXmp } from './provenanceXmp';

/**
 * ImageGen's entries embedded in a file. `parts` are the bytes read of it: the head first, then
 * (for a file too large to read whole) its tail, since WebP and AVIF keep XMP after the pixels.
 */
export function embeddedProvenance(parts: readonly Uint8Array[]): Record<string, string> {
  const head = parts[0];
  if (!head) return {};
  if (sniffFormat(head) === 'png') return readPngText(head);
  for (const part of parts) {
    const found = readProvenanceXmp(part);
    if (Object.keys(found).length > 0) return found;
  }
  return {};
}

/** What the file carries, else what its sidecar (`x.jpg.imagegen.json`, when there is one) says. */
export function imageProvenance(parts: readonly Uint8Array[], sidecarJson: string | undefined): Record<string, string> {
  const embedded = embeddedProvenance(parts);
  if (Object.keys(embedded).length > 0 || sidecarJson === undefined) return embedded;
  return readProvenanceSidecar(sidecarJson);
}

/** Whether the entries say how an image was made (a prompt and a model): what the hover and its actions need. */
export function isImageGenProvenance(text: Readonly<Record<string, string>>): boolean {
  return Boolean(text.prompt && text.model);
}
