// The edits endpoint takes reference images as files: decode data: URIs, download URLs (under
// the same link policy as finished images).
import { openaiProfile } from './profile';
import { checkImageUrl, isLoopbackUrl } from '../../core/http/imageUrlPolicy';
import { sniffFormat } from '../../core/images/imageInfo';
import { referenceFits, referenceMegabytes } from '../../saving/referenceImage';
import { providerError } from '../errors';
import type { ProviderConfig } from '../provider';

const provider = openaiProfile.name;
const tooLarge = () => providerError('invalidRequest', { provider }, `A reference image is too large: the edits endpoint takes images under ${referenceMegabytes.openai} MB.`);

export async function referenceImageBlob(config: Pick<ProviderConfig, 'http' | 'baseUrl'>, reference: string, signal?: AbortSignal): Promise<Blob> {
  let bytes: Buffer;
  const dataUri = /^data:(image\/[a-z+.-]+);base64,(.*)$/s.exec(reference);
  if (dataUri) {
    bytes = Buffer.from(dataUri[2]!, 'base64');
  } else {
    const verdict = checkImageUrl(reference, { providerIsLoopback: isLoopbackUrl(config.baseUrl) });
    if (!verdict.ok) {
      throw providerError('invalidRequest', { provider }, `A reference image could not be used: ${verdict.reason}.`);
    }
    const response = await config.http.stream({ provider, method: 'GET', url: reference, idempotent: true, ...(signal ? { signal } : {}) });
    if (response.status !== 200) {
      response.discard();
      throw providerError('invalidRequest', { provider, status: response.status }, `A reference image could not be fetched (HTTP ${response.status} from ${new URL(reference).host}).`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.length;
      if (!referenceFits(openaiProfile.id, size)) {
        response.discard();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    bytes = Buffer.concat(chunks);
  }
  const format = sniffFormat(bytes);
  if (!format) {
    throw providerError('invalidRequest', { provider }, 'A reference image is not a PNG, JPEG or WebP file.');
  }
  if (!referenceFits(openaiProfile.id, bytes.length)) {
    throw tooLarge();
  }
  return new Blob([new Uint8Array(bytes)], { type: `image/${format}` });
}
