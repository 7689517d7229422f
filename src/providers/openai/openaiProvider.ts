// Any OpenAI-compatible /v1/images endpoint. The answer is synchronous: submit waits for the
// image, streams each b64_json asked for (`n` = the submit's count) straight into the saving
// pipeline (images past the count are decoded and dropped), and returns a completed task. With
// partialImages (and one image) it asks for server-sent events instead (imageEventStream.ts):
// previews while it renders, then the image.
import { openaiProfile } from './profile';
import { formatSize } from '../../core/catalog/sizes';
import { Base64JsonError, extractBase64Images } from '../base64JsonStream';
import { errorForCode, kindFromText, unexpectedAnswer } from '../classifyAnswer';
import { isProviderError, providerError, ProviderError } from '../errors';
import { parseRetryAfter } from '../httpClient';
import { sanitizeServerText } from '../sanitize';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ImageResult, type ImageSink, type ProviderConfig, type SavedImage, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { errorAnswer, readImagesAnswer, statusOfBodyCode } from './openaiAnswers';
import { referenceImageBlob } from './referenceImages';
import { ambiguousSubmitError, isAmbiguousSubmitFailure } from '../ambiguousSubmit';
import { readImageEventStream, statusOfStreamError } from './imageEventStream';
import { explainUnavailableModel } from '../modelUnavailable';
import { refusesStreaming, stopStreamingAt, streamsAt } from './streamingGateways';
import type { StreamResponse } from '../httpClient';
import { refusesTransparency, transparencyRefused } from './transparencyRefusal';
import { imagesPerRequestAt, makesOneImageAt } from './manyImageGateways';

export interface OpenaiProviderOptions {
  readonly maxImageBytes: number;
  /**
   * How long a generation or edit may take to answer, and the longest pause in a streamed one
   * (imagegen.openai.timeoutSeconds × 1000, 600 s by default, as OpenAI's SDK): no answer headers
   * come until the image is done, 60–150 s at high quality, far past the client's default.
   */
  readonly requestTimeoutMs: number;
  /** Partial images to ask for as previews (0–3); 0 does not stream. */
  readonly partialImages?: number;
}

const endpoint = { provider: openaiProfile.name, generations: '/v1/images/generations', edits: '/v1/images/edits', imageField: 'image[]' } as const;

export function openaiSize(request: GenerationRequest): string {
  if (request.size) {
    return formatSize(request.size);
  }
  const cell = request.aspectRatio && request.resolution ? request.model.cellSize(request.aspectRatio, request.resolution) : undefined;
  return cell ? formatSize(cell.size) : 'auto';
}

export class OpenaiProvider implements ImageProvider {
  readonly id = openaiProfile.id;

  constructor(
    private readonly config: ProviderConfig,
    private readonly options: OpenaiProviderOptions,
  ) {}

  imagesPerRequest(): number {
    return imagesPerRequestAt(this.config.baseUrl);
  }

  async submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle> {
    // Fetched before the generation is sent, outside explainSubmitFailure: a timeout or a reset
    // here is not a generation that may have been billed.
    const references = await Promise.all(request.referenceImages.map((reference) => referenceImageBlob(this.config, reference, options.signal)));
    try {
      return await this.generate(request, references, options);
    } catch (error) {
      throw this.explainSubmitFailure(explainUnavailableModel(error, request.model));
    }
  }

  /**
   * A generation is billed when it runs, and answers only when done: a timeout or a lost answer
   * may follow a charge. Never sent again; the user is told, and the prompt stays in Show Tasks.
   */
  private explainSubmitFailure(error: unknown): unknown {
    const { provider } = endpoint;
    if (isProviderError(error, 'timeout') && error.details.code !== 'timeout:task') {
      const seconds = Math.round(this.options.requestTimeoutMs / 1000);
      return providerError('timeout', { ...error.details, retryable: false }, `${provider} did not finish the image within ${seconds} s (imagegen.openai.timeoutSeconds). It may still have generated and charged for it; ImageGen did not send the request again. Raise the setting for high quality at 2K/4K, check your dashboard, then retry from Show Tasks.`);
    }
    return isAmbiguousSubmitFailure(error) ? ambiguousSubmitError(error, provider) : error;
  }

  private async generate(request: GenerationRequest, references: readonly Blob[], options: SubmitOptions): Promise<TaskHandle> {
    const count = Math.max(1, Math.min(imagesPerRequestAt(this.config.baseUrl), Math.trunc(options.count ?? 1)));
    const fields: Record<string, string> = { model: request.model.model, prompt: request.prompt, n: String(count), size: openaiSize(request), output_format: 'png' };
    if (request.quality) {
      fields.quality = request.quality;
    }
    if (request.background) {
      // Only for a model that takes it (requestFromValidation); `transparent` needs png or webp, and output_format is png.
      fields.background = request.background;
    }
    const signal = options.signal ? { signal: options.signal } : {};
    const { provider } = endpoint;
    // Not idempotent: HttpClient repeats it only where it provably was not received (a refused
    // connection, a 429); every other failure is reported by explainSubmitFailure, never re-sent.
    const timeouts = { headersTimeoutMs: this.options.requestTimeoutMs, idleTimeoutMs: this.options.requestTimeoutMs };
    const common = { provider, method: 'POST' as const, headers: authHeaders(this.config.apiKey), idempotent: false, ...signal, ...timeouts };
    const partialImages = Math.max(0, Math.min(3, Math.trunc(this.options.partialImages ?? 0)));
    const send = (stream: boolean): Promise<StreamResponse> => {
      const streaming = stream ? { stream: true, partial_images: partialImages } : {};
      if (references.length === 0) {
        return this.config.http.stream({ ...common, url: joinUrl(this.config.baseUrl, endpoint.generations), json: { ...fields, n: count, ...streaming } });
      }
      const form = new FormData();
      for (const [key, value] of Object.entries({ ...fields, ...streaming })) {
        form.append(key, String(value));
      }
      references.forEach((blob, index) => form.append(endpoint.imageField, blob, `reference-${index + 1}.png`));
      return this.config.http.stream({ ...common, url: joinUrl(this.config.baseUrl, endpoint.edits), form });
    };
    const { baseUrl } = this.config;
    // Partial images of several images would interleave in one stream: several are asked for plainly.
    const stream = partialImages > 0 && count === 1 && streamsAt(baseUrl);
    let response = await send(stream);
    if (stream && refusesStreaming(response.status, response.text)) {
      // A refused request was not billed: the same request once more, without streaming.
      stopStreamingAt(baseUrl);
      response = await send(false);
    }
    if (stream && response.status >= 200 && response.status < 300) {
      if (/text\/event-stream/i.test(response.headers['content-type'] ?? '')) {
        return this.readStream(request, options, response, partialImages);
      }
      stopStreamingAt(baseUrl); // Answered with plain JSON: read below, as any answer.
    }

    if (response.status < 200 || response.status >= 300) {
      response.discard();
      throw this.errorFor(response.status, response.text ?? '', parseRetryAfter(response.headers['retry-after']));
    }

    const saved: SavedImage[] = [];
    const writers: ImageSink[] = [];
    let skeletonText = '';
    try {
      ({ skeletonText } = await extractBase64Images(response.body, {
        openImage: async (index) => (index < count ? asBase64Sink((writers[index] = await options.openImage(index))) : discardImage),
        closeImage: async (index) => {
          if (index < count) {
            saved.push(await writers[index]!.finish());
          }
        },
      }));
    } catch (error) {
      response.discard();
      // An image still being written when it broke is not whole: its file goes.
      await Promise.all(writers.slice(saved.length).map((writer) => writer.abort()));
      if (saved.length > 0) {
        // The images that arrived whole were checked when saved; what broke came after them (a
        // further image, trailing bytes, the connection). They were paid for: they are kept.
        // Not a gateway making fewer: the answer broke off, and the images after these may have been billed.
        return this.succeeded(request, options, saved.map((image): ImageResult => ({ kind: 'saved', image })), saved.length < count);
      }
      throw billedAnswerFailed(error, 'the answer broke off');
    }
    if (saved.length > 0) {
      // Only the images are required: the JSON around them (a wrapper, `created` as a string,
      // fields of any type, bytes after it) is not read at all.
      return this.succeeded(request, options, this.asked(saved.map((image): ImageResult => ({ kind: 'saved', image })), count));
    }
    const reading = readImagesAnswer(skeletonText);
    switch (reading.kind) {
      case 'urls':
        return this.succeeded(request, options, this.asked(reading.urls.slice(0, count).map((url): ImageResult => ({ kind: 'url', url })), count));
      case 'error':
        throw this.errorFromBody(statusOfBodyError(reading.error), { error: reading.error }, undefined);
      case 'bodyCode': {
        if (refusesTransparency(reading.message)) {
          throw transparencyRefused({ provider, code: reading.code, ...serverText(reading.message, [this.config.apiKey]) });
        }
        const status = statusOfBodyCode(reading.code) || (kindFromText(reading.message) ? 400 : 0);
        throw errorForCode(provider, status, reading.message ?? `code ${reading.code}`, { providerCode: reading.code, secrets: [this.config.apiKey] });
      }
      case 'noImage':
        throw unexpectedAnswer(provider, reading.what);
    }
  }

  /** The images of an answer to `n` = count; a gateway that made fewer is asked for one per request from now on. */
  private asked(images: readonly ImageResult[], count: number): readonly ImageResult[] {
    if (count > 1 && images.length < count) makesOneImageAt(this.config.baseUrl);
    return images;
  }

  private succeeded(request: GenerationRequest, options: SubmitOptions, images: readonly ImageResult[], brokeOff = false): TaskHandle {
    const completed: TaskStatus = { state: 'succeeded', images, ...(brokeOff ? { brokeOff } : {}) };
    return { provider: 'openai', modelKey: request.model.key, clientTaskId: options.clientTaskId, completed };
  }

  private async readStream(request: GenerationRequest, options: SubmitOptions, response: StreamResponse, partialImages: number): Promise<TaskHandle> {
    const { provider } = endpoint;
    let result;
    try {
      result = await readImageEventStream(response.body, { partialImages, maxPreviewBytes: this.options.maxImageBytes, openImage: options.openImage, ...(options.onPreview ? { onPreview: options.onPreview } : {}) });
    } catch (error) {
      response.discard();
      throw billedAnswerFailed(error, 'the image stream broke off');
    }
    if (result?.kind === 'error') {
      throw this.errorFromBody(result.status, { error: result.error }, undefined);
    }
    if (!result) {
      // Rendering had started (and may be billed): ambiguous, like a lost answer; never re-sent.
      throw providerError('network', { provider, code: 'incompleteStream', retryable: true, serverMessage: 'the image stream ended without the completed image' });
    }
    return this.succeeded(request, options, [{ kind: 'saved', image: result.image }]);
  }

  async query(handle: TaskHandle): Promise<TaskStatus> {
    return handle.completed ?? { state: 'failed', error: unexpectedAnswer(endpoint.provider, 'a synchronous task has no result; generate it again') };
  }

  private errorFor(status: number, text: string, retryAfterMs: number | undefined): ProviderError {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return this.errorFromBody(status, body, retryAfterMs, text);
  }

  private errorFromBody(status: number, body: unknown, retryAfterMs: number | undefined, text = ''): ProviderError {
    const { provider } = endpoint;
    const parsed = errorAnswer.safeParse(body);
    const secrets = [this.config.apiKey];
    const extra = { secrets, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (!parsed.success) {
      return refusesTransparency(text) && status < 500 ? transparencyRefused({ provider, status, ...serverText(text, secrets) }) : errorForCode(provider, status, text, extra);
    }
    const { message, code, type } = parsed.data.error;
    const providerCode = code != null ? String(code) : (type ?? undefined);
    if (refusesTransparency(message) && status < 500) {
      return transparencyRefused({ provider, ...(status ? { status } : {}), ...(providerCode ? { code: providerCode } : {}), ...serverText(message, secrets) });
    }
    if (providerCode === 'moderation_blocked') {
      const serverMessage = sanitizeServerText(message, secrets);
      return providerError('moderation', { provider, status, code: providerCode, ...(serverMessage ? { serverMessage } : {}) });
    }
    if (providerCode === 'insufficient_quota' || providerCode === 'billing_hard_limit_reached') {
      return errorForCode(provider, 402, message, { ...extra, providerCode });
    }
    return errorForCode(provider, status, message, { ...extra, ...(providerCode ? { providerCode } : {}) });
  }
}

function serverText(text: unknown, secrets: readonly string[]): { serverMessage?: string } {
  const serverMessage = sanitizeServerText(text, secrets);
  return serverMessage !== undefined ? { serverMessage } : {};
}

/**
 * What broke while a 2xx answer was read (its image being decoded and saved): the generation ran
 * and was billed, so every such failure says "may have been charged", and is not sent again. A
 * local problem (the disk, the folder) keeps its own words, by name: the writer comes from the
 * other bundle.
 */
function billedAnswerFailed(error: unknown, brokeOff: string): unknown {
  const { provider } = endpoint;
  if (['ImageWriteError', 'SaveError'].includes((error as Error | undefined)?.name ?? '')) {
    return Object.assign(error as Error, { mayHaveCharged: true });
  }
  const failure = isProviderError(error)
    ? error
    : error instanceof Base64JsonError
      ? unexpectedAnswer(provider, error.message)
      : providerError('network', { provider, serverMessage: `${brokeOff} (${(error as { code?: string }).code ?? (error as Error).message})` }, `${provider} answered with the image, but reading or saving it failed: the image was generated and may be charged. ImageGen did not send the request again; retrying from Show Tasks generates (and may charge for) it again.`);
  if (failure.kind === 'cancelled') return failure;
  return new ProviderError(failure.kind, failure.message, { ...failure.details, mayHaveCharged: true });
}

/** Images past the count asked for: decoded (so a malformed answer is still noticed) and dropped. */
const discardImage = { write: async () => undefined };

const asBase64Sink = (sink: ImageSink) => ({ write: async (chunk: Buffer) => void (await sink.take(chunk)) });

/** An `error` object in a 2xx answer: its numeric code when it is an HTTP-like status (AIReiter's 433), else by its words. */
function statusOfBodyError(error: unknown): number {
  const code = Number((error as { code?: unknown }).code);
  return Number.isInteger(code) && code >= 400 && code < 600 ? code : statusOfStreamError(error);
}
