// Fetches a finished image from its URL straight to disk.
import { httpProtocolErrorCode } from '../core/http/responseReader';
import { isProviderError, providerError } from './errors';
import type { BodySink, HttpClient } from './httpClient';
import { ImageFileWriter, type SavedImage } from './imageFileWriter';

export interface DownloadOptions {
  readonly provider: string;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Only https, or http to this machine (the simulator, a local gateway). */
export function isAllowedImageUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || (url.protocol === 'http:' && (loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)));
  } catch {
    return false;
  }
}

export async function downloadImage(http: HttpClient, url: string, target: string, options: DownloadOptions): Promise<SavedImage> {
  if (!isAllowedImageUrl(url)) {
    throw providerError('unexpectedAnswer', { provider: options.provider }, 'The provider returned an image link that is neither https nor local; ImageGen did not download it.');
  }
  const writer = await ImageFileWriter.create(target, { provider: options.provider, maxBytes: options.maxBytes });
  try {
    const answer = await http.download(
      {
        provider: options.provider,
        url,
        headers: { accept: 'image/*' },
        ...(options.signal ? { signal: options.signal } : {}),
      },
      (status, headers) => {
        if (status < 200 || status >= 300) {
          return discardBody; // Error bodies are small; the status decides below.
        }
        const declared = Number(headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          throw providerError('imageTooLarge', { provider: options.provider }, `The image is ${Math.round(declared / 1024 / 1024)} MB, above the ${Math.round(options.maxBytes / 1024 / 1024)} MB download limit; ImageGen did not download it.`);
        }
        return writer;
      },
    );
    if (answer.status === 404 || answer.status === 410 || answer.status === 403) {
      throw providerError('imageExpired', { provider: options.provider, status: answer.status });
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw providerError(answer.status >= 500 || answer.status === 429 ? 'server' : 'unexpectedAnswer', { provider: options.provider, status: answer.status, retryable: true, serverMessage: `HTTP ${answer.status} for the image` });
    }
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw asDownloadError(error, options.provider);
  }
}

const discardBody: BodySink = { take: () => undefined };

/** Transport failures mid-download, in the words of a download (not of a submit). */
function asDownloadError(error: unknown, provider: string): unknown {
  if (isProviderError(error) && error.kind !== 'network' && error.kind !== 'timeout') {
    return error;
  }
  const code = isProviderError(error) ? error.details.code : (error as { code?: string }).code;
  if ((error as { name?: string }).name === 'AbortError' || code === 'UND_ERR_ABORTED') {
    return providerError('cancelled', { provider });
  }
  if (code === httpProtocolErrorCode) {
    return providerError('unexpectedAnswer', { provider, serverMessage: 'the image server did not answer in valid HTTP/1.1' });
  }
  return providerError(code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' ? 'timeout' : 'network', {
    provider,
    retryable: true,
    serverMessage: `the image download broke off (${code ?? (error instanceof Error ? error.message : 'error')})`,
  });
}
