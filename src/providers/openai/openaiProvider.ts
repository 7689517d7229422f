// Any OpenAI-compatible /v1/images endpoint. The answer is synchronous: submit waits for the
// image, streams the first b64_json straight into the saving pipeline (further images of the
// answer are decoded and dropped), and returns a completed task.
import { unlink } from 'node:fs/promises';
import { formatSize } from '../../core/catalog/sizes';
import { Base64JsonError, extractBase64Images } from '../base64JsonStream';
import { errorForCode, unexpectedAnswer } from '../classifyAnswer';
import { providerError, ProviderError } from '../errors';
import { parseRetryAfter } from '../httpClient';
import { sanitizeServerText } from '../sanitize';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ImageResult, type ImageSink, type ProviderConfig, type SavedImage, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { errorAnswer, imagesAnswer } from './openaiAnswers';
import { jimmyEnvelope } from '../jimmyai/jimmyaiAnswers';
import { referenceImageBlob } from './referenceImages';

export interface OpenaiProviderOptions {
  readonly maxImageBytes: number;
  /**
   * `openai`: /v1/images/… with OpenAI's answers. `jimmyaiSync`: JimmyAI's synchronous copy at
   * /api/open-api/v1/images/…, which wraps the same answer in `{ code: 20000, msg, data }`.
   */
  readonly flavour?: 'openai' | 'jimmyaiSync';
}

const flavours = {
  openai: { provider: 'OpenAI-compatible endpoint', generations: '/v1/images/generations', edits: '/v1/images/edits', imageField: 'image[]' },
  jimmyaiSync: { provider: 'JimmyAI', generations: '/api/open-api/v1/images/generations', edits: '/api/open-api/v1/images/edits', imageField: 'image' },
} as const;

/** JimmyAI's numeric codes, as HTTP-like codes for the classifier. */
const jimmyCodes: Record<string, number> = { '20001': 401, '20002': 400, '-1': 500 };

export function openaiSize(request: GenerationRequest): string {
  if (request.size) {
    return formatSize(request.size);
  }
  const cell = request.aspectRatio && request.resolution ? request.model.cellSize(request.aspectRatio, request.resolution) : undefined;
  return cell ? formatSize(cell.size) : 'auto';
}

export class OpenaiProvider implements ImageProvider {
  readonly id = 'openai' as const;
  private readonly flavour: (typeof flavours)[keyof typeof flavours];

  constructor(
    private readonly config: ProviderConfig,
    private readonly options: OpenaiProviderOptions,
  ) {
    this.flavour = flavours[options.flavour ?? 'openai'];
  }

  async submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle> {
    const fields: Record<string, string> = { model: request.model.model, prompt: request.prompt, n: '1', size: openaiSize(request), output_format: 'png' };
    if (request.quality) {
      fields.quality = request.quality;
    }
    const signal = options.signal ? { signal: options.signal } : {};
    const { provider } = this.flavour;
    const common = { provider, method: 'POST' as const, headers: authHeaders(this.config.apiKey), idempotent: false, ...signal };
    let response;
    if (request.referenceImages.length > 0) {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) {
        form.append(key, value);
      }
      for (const [index, reference] of request.referenceImages.entries()) {
        form.append(this.flavour.imageField, await referenceImageBlob(this.config, reference, options.signal), `reference-${index + 1}.png`);
      }
      response = await this.config.http.stream({ ...common, url: joinUrl(this.config.baseUrl, this.flavour.edits), form });
    } else {
      response = await this.config.http.stream({ ...common, url: joinUrl(this.config.baseUrl, this.flavour.generations), json: { ...fields, n: 1 } });
    }

    if (response.status < 200 || response.status >= 300) {
      response.discard();
      throw this.errorFor(response.status, response.text ?? '', parseRetryAfter(response.headers['retry-after']));
    }

    const saved: SavedImage[] = [];
    let writer: ImageSink | undefined;
    let skeletonText: string;
    try {
      ({ skeletonText } = await extractBase64Images(response.body, {
        openImage: async (index) => (index === 0 ? asBase64Sink((writer = await options.openImage())) : discardImage),
        closeImage: async (index) => {
          if (index === 0) {
            saved[0] = await writer!.finish();
          }
        },
      }));
    } catch (error) {
      response.discard();
      await writer?.abort();
      await removeSaved(saved);
      if (error instanceof ProviderError) {
        throw error;
      }
      if (error instanceof Base64JsonError) {
        throw unexpectedAnswer(provider, error.message);
      }
      throw providerError('network', { provider, retryable: true, serverMessage: `the answer broke off (${(error as { code?: string }).code ?? (error as Error).message})` });
    }

    let answer: unknown;
    try {
      answer = JSON.parse(skeletonText);
    } catch {
      throw unexpectedAnswer(provider, 'the answer is not JSON');
    }
    if (this.options.flavour === 'jimmyaiSync') {
      answer = await this.unwrapJimmy(answer, saved);
    }
    const parsed = imagesAnswer.safeParse(answer);
    if (!parsed.success) {
      await removeSaved(saved);
      throw unexpectedAnswer(provider, 'the answer has no data[]');
    }
    const images: ImageResult[] = parsed.data.data.flatMap((item, index): ImageResult[] => {
      const file = saved[index];
      if (file && item.b64_json !== undefined) {
        return [{ kind: 'saved', image: file }];
      }
      return item.url ? [{ kind: 'url', url: item.url }] : [];
    });
    if (images.length === 0) {
      await removeSaved(saved);
      throw unexpectedAnswer(provider, 'the answer has no image');
    }
    const completed: TaskStatus = { state: 'succeeded', images };
    return { provider: 'openai', modelKey: request.model.key, clientTaskId: options.clientTaskId, completed };
  }

  async query(handle: TaskHandle): Promise<TaskStatus> {
    return handle.completed ?? { state: 'failed', error: unexpectedAnswer(this.flavour.provider, 'a synchronous task has no result; generate it again') };
  }

  /** JimmyAI's envelope: code 20000 (a number here) carries the OpenAI answer in `data`. */
  private async unwrapJimmy(answer: unknown, saved: readonly SavedImage[]): Promise<unknown> {
    const envelope = jimmyEnvelope.safeParse(answer);
    if (envelope.success && String(envelope.data.code) === '20000') {
      return envelope.data.data;
    }
    await removeSaved(saved);
    if (!envelope.success) {
      throw unexpectedAnswer(this.flavour.provider, 'the answer has an unknown shape');
    }
    const code = String(envelope.data.code);
    throw errorForCode(this.flavour.provider, jimmyCodes[code] ?? 0, envelope.data.msg ?? envelope.data.message, { providerCode: code, secrets: [this.config.apiKey] });
  }

  private errorFor(status: number, text: string, retryAfterMs: number | undefined): ProviderError {
    const { provider } = this.flavour;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const parsed = errorAnswer.safeParse(body);
    const secrets = [this.config.apiKey];
    const extra = { secrets, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    if (!parsed.success) {
      return errorForCode(provider, status, text, extra);
    }
    const { message, code, type } = parsed.data.error;
    const providerCode = code != null ? String(code) : (type ?? undefined);
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

/** Images after the first: decoded (so a malformed answer is still noticed) and dropped. */
const discardImage = { write: async () => undefined };

const asBase64Sink = (sink: ImageSink) => ({ write: async (chunk: Buffer) => void (await sink.take(chunk)) });

async function removeSaved(saved: readonly SavedImage[]): Promise<void> {
  await Promise.all(saved.map((image) => unlink(image.path).catch(() => undefined)));
}
