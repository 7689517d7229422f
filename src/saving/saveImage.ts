// A finished task's image into the workspace: a link is downloaded through the saving pipeline,
// an image that came inside the answer was already written by it during submit.
import { isProviderError, providerError } from '../providers/errors';
import type { BodySink, HttpClient } from '../providers/httpClient';
import type { ImageResult, SavedImage } from '../providers/provider';
import type { ImageUrlPolicy } from '../core/http/imageUrlPolicy';
import { ImageFileWriter, type ImageFileOptions } from './imageFileWriter';

export interface DownloadOptions {
  readonly policy: ImageUrlPolicy;
  /** The whole download, redirects and retries included, ends by then. */
  readonly deadlineMs: number;
  readonly signal?: AbortSignal;
}

export async function saveImage(http: HttpClient, image: ImageResult, destination: ImageFileOptions, options: DownloadOptions): Promise<SavedImage> {
  if (image.kind === 'saved') {
    return image.image;
  }
  return downloadImage(http, image.url, destination, options);
}

export async function downloadImage(http: HttpClient, url: string, destination: ImageFileOptions, options: DownloadOptions): Promise<SavedImage> {
  const { provider, maxBytes } = destination;
  const writer = await ImageFileWriter.create(destination);
  try {
    const answer = await http.download({ provider, url, policy: options.policy, deadlineMs: options.deadlineMs, ...(options.signal ? { signal: options.signal } : {}) }, (status, headers) => {
      if (status < 200 || status >= 300) {
        return discardBody;
      }
      const declared = Number(headers['content-length']);
      if (headers['content-length'] === undefined || !Number.isFinite(declared)) {
        writer.expectEndMarker(); // Nothing else can tell a body cut short from a whole one.
      }
      if (Number.isFinite(declared) && declared > maxBytes) {
        throw providerError('imageTooLarge', { provider }, `The image is ${Math.round(declared / 1024 / 1024)} MB, above the ${Math.round(maxBytes / 1024 / 1024)} MB download limit; ImageGen did not download it.`);
      }
      return writer;
    });
    if (answer.status === 404 || answer.status === 410 || answer.status === 403) {
      throw providerError('imageExpired', { provider, status: answer.status });
    }
    if (answer.status < 200 || answer.status >= 300) {
      throw providerError(answer.status >= 500 || answer.status === 429 ? 'server' : 'unexpectedAnswer', { provider, status: answer.status, retryable: true, serverMessage: `HTTP ${answer.status} for the image` });
    }
    return await writer.finish();
  } catch (error) {
    await writer.abort();
    throw asDownloadError(error, provider);
  }
}

const discardBody: BodySink = { take: () => undefined };

/** Transport failures mid-download, in the words of a download (not of a submit). */
function asDownloadError(error: unknown, provider: string): unknown {
  if ((error as Error | undefined)?.name === 'ImageWriteError') {
    return error; // A local disk problem, in its own words.
  }
  if (isProviderError(error, 'timeout') && error.details.code === 'timeout:deadline') {
    return providerError('timeout', { ...error.details, provider }, 'The image download did not finish in time (imagegen.download.timeoutSeconds); the image host may be slow or stalling. Retry, or raise the setting.');
  }
  if (isProviderError(error) && error.kind !== 'network') {
    return error;
  }
  const detail = isProviderError(error) ? (error.details.serverMessage ?? error.details.code) : (error as { code?: string }).code ?? (error instanceof Error ? error.message : 'error');
  return providerError('network', { provider, retryable: true, serverMessage: `the image download broke off (${detail})` });
}
