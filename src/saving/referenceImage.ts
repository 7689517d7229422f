// A reference image as a provider gets it, the same in the extension (generation/referenceRead)
// and the standalone server (mcp/workspaceFiles): at most 20 MB, an image by its bytes (never its
// name), sent as a data URI of the type its bytes say.
import { sniffFormat } from '../core/images/imageInfo';

export const maxReferenceBytes = 20 * 1024 * 1024;

/** The bytes as a data URI, or undefined when they are no PNG, JPEG or WebP image. */
export function referenceDataUri(bytes: Uint8Array): string | undefined {
  const format = sniffFormat(bytes.subarray(0, 64));
  return format ? `data:image/${format};base64,${Buffer.from(bytes).toString('base64')}` : undefined;
}
