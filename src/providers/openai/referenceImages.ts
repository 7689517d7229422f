// The edits endpoint takes reference images as files: decode data: URIs, download URLs.
import { providerError } from '../errors';
import type { HttpClient } from '../httpClient';
import { isAllowedImageUrl } from '../downloadImage';
import { sniffFormat } from '../../core/images/imageInfo';

const maxReferenceBytes = 20 * 1024 * 1024;
const provider = 'OpenAI-compatible endpoint';

export async function referenceImageBlob(http: HttpClient, reference: string, signal?: AbortSignal): Promise<Blob> {
  let bytes: Buffer;
  const dataUri = /^data:(image\/[a-z+.-]+);base64,(.*)$/s.exec(reference);
  if (dataUri) {
    bytes = Buffer.from(dataUri[2]!, 'base64');
  } else if (isAllowedImageUrl(reference)) {
    const response = await http.stream({ provider, method: 'GET', url: reference, idempotent: true, ...(signal ? { signal } : {}) });
    if (response.status !== 200) {
      await response.body.dump().catch(() => undefined);
      throw providerError('invalidRequest', { provider, status: response.status }, `A reference image could not be fetched (HTTP ${response.status}): ${reference.slice(0, 80)}`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (size > maxReferenceBytes) {
        response.body.destroy();
        throw providerError('invalidRequest', { provider }, 'A reference image is larger than 20 MB, the edits endpoint’s limit.');
      }
      chunks.push(chunk as Buffer);
    }
    bytes = Buffer.concat(chunks);
  } else {
    throw providerError('invalidRequest', { provider }, 'Reference images must be https URLs or data: URIs.');
  }
  const format = sniffFormat(bytes);
  if (!format) {
    throw providerError('invalidRequest', { provider }, 'A reference image is not a PNG, JPEG or WebP file.');
  }
  if (bytes.length > maxReferenceBytes) {
    throw providerError('invalidRequest', { provider }, 'A reference image is larger than 20 MB, the edits endpoint’s limit.');
  }
  return new Blob([new Uint8Array(bytes)], { type: `image/${format}` });
}
