// Fetches a finished image from its URL straight to disk.
import { providerError } from './errors';
import type { HttpClient } from './httpClient';
import { writeImageStream, type SavedImage } from './imageFileWriter';

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
  const response = await http.stream({
    provider: options.provider,
    method: 'GET',
    url,
    idempotent: true,
    headers: { accept: 'image/*' },
    // 1 MB chunks: a quarter of the per-chunk overhead of the 64 KB default, still far below the memory budget.
    highWaterMark: 1024 * 1024,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (response.status === 404 || response.status === 410 || response.status === 403) {
    await response.body.dump().catch(() => undefined);
    throw providerError('imageExpired', { provider: options.provider, status: response.status });
  }
  if (response.status < 200 || response.status >= 300) {
    await response.body.dump().catch(() => undefined);
    throw providerError(response.status >= 500 || response.status === 429 ? 'server' : 'unexpectedAnswer', { provider: options.provider, status: response.status, retryable: true, serverMessage: `HTTP ${response.status} for the image` });
  }
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    response.body.destroy();
    throw providerError('imageTooLarge', { provider: options.provider }, `The image is ${Math.round(declared / 1024 / 1024)} MB, above the ${Math.round(options.maxBytes / 1024 / 1024)} MB download limit; ImageGen did not download it.`);
  }
  return writeImageStream(response.body, target, { provider: options.provider, maxBytes: options.maxBytes });
}
