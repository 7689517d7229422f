// The edits endpoint takes reference images as files: decode data: URIs, download URLs (under
// the same link policy as finished images). All of it happens before the generation is sent, so
// a failure here charged nothing.
import { openaiProfile } from './profile';
import { checkImageUrl, isLoopbackUrl } from '../../core/http/imageUrlPolicy';
import { sniffFormat } from '../../core/images/imageInfo';
import { referenceFits, referenceMegabytes } from '../../saving/referenceImage';
import { isProviderError, providerError } from '../errors';
import { certificateCodes } from '../http/transportErrors';
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
    bytes = await download(config, reference, signal);
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

async function download(config: Pick<ProviderConfig, 'http'>, reference: string, signal: AbortSignal | undefined): Promise<Buffer> {
  try {
    const response = await config.http.stream({ provider, method: 'GET', url: reference, idempotent: true, role: 'prepare', ...(signal ? { signal } : {}) });
    if (response.status !== 200) {
      response.discard();
      throw providerError('invalidRequest', { provider, status: response.status }, `A reference image could not be fetched (HTTP ${response.status} from ${new URL(reference).host}); nothing was sent to the provider and nothing was charged.`);
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
    return Buffer.concat(chunks);
  } catch (error) {
    throw notFetched(reference, error);
  }
}

/**
 * A download that broke (the network, a timeout) says so in its own words: the HTTP layer's
 * speak of "the provider", and this request never reached it. The user's cancel, and a
 * certificate error (already worded for a request before the task), keep theirs.
 */
function notFetched(reference: string, error: unknown): unknown {
  if (!isProviderError(error) || (error.kind !== 'network' && error.kind !== 'timeout') || error.details.code === 'timeout:task' || certificateCodes.has(error.details.code ?? '')) {
    return error;
  }
  return providerError(error.kind, { ...error.details, retryable: true }, `A reference image could not be downloaded from ${new URL(reference).host}, so nothing was sent to the provider and nothing was charged. Check the link and the network, then retry.`);
}
