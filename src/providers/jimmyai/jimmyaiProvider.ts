// JimmyAI's async images API: POST /api/open-api/v1/images, then GET …/images/{task_id}.
// A create has no idempotency key: one that failed after it may have arrived is never re-sent.
import { explainUnavailableModel } from '../modelUnavailable';
import { providerNames } from '../../core/catalog/providerNames';
import { ambiguousSubmitError, isAmbiguousSubmitFailure } from '../ambiguousSubmit';
import { errorForCode, taskStatusFrom } from '../classifyAnswer';
import { providerError } from '../errors';
import type { JsonResponse } from '../httpClient';
import { unreadableAnswer } from '../lenientFields';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ProviderConfig, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { readCreate, readEnvelope, readTask } from './jimmyaiAnswers';

const provider = providerNames.jimmyai;

/** JimmyAI codes → the HTTP-like code our classifier understands. */
const codeMeaning: Record<string, number> = { '20001': 401, '20002': 400, '-1': 500 };

export function jimmyaiBody(request: GenerationRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: request.model.model, prompt: request.prompt, ratio: request.aspectRatio ?? 'auto' };
  if (request.resolution) {
    body.resolution = request.resolution.toLowerCase();
  }
  if (request.quality && request.model.qualities.length > 0) {
    body.quality = request.quality;
  }
  if (request.referenceImages.length > 0) {
    body.images = [...request.referenceImages];
  }
  return body;
}

export class JimmyaiProvider implements ImageProvider {
  readonly id = 'jimmyai' as const;

  constructor(private readonly config: ProviderConfig) {}

  async submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle> {
    let taskId: string | undefined;
    try {
      const response = await this.config.http.json({
        provider,
        method: 'POST',
        url: joinUrl(this.config.baseUrl, '/api/open-api/v1/images'),
        headers: authHeaders(this.config.apiKey),
        json: jimmyaiBody(request),
        // Creating a task twice would charge twice: only provably unprocessed attempts are retried.
        idempotent: false,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      taskId = readCreate(this.unwrap(response));
      if (!taskId) {
        throw providerError('server', { provider, status: response.status, serverMessage: 'the create answer has no task_id' });
      }
    } catch (error) {
      throw isAmbiguousSubmitFailure(error) ? ambiguousSubmitError(error, provider) : explainUnavailableModel(error, request.model);
    }
    return { provider: 'jimmyai', modelKey: request.model.key, clientTaskId: options.clientTaskId, taskId };
  }

  async query(handle: TaskHandle, signal?: AbortSignal): Promise<TaskStatus> {
    if (!handle.taskId) {
      throw providerError('taskNotFound', { provider, serverMessage: 'the task has no task_id to query' });
    }
    const response = await this.config.http.json({
      provider,
      method: 'GET',
      url: joinUrl(this.config.baseUrl, `/api/open-api/v1/images/${encodeURIComponent(handle.taskId)}`),
      headers: authHeaders(this.config.apiKey),
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    const data = this.unwrap(response);
    const task = readTask(data);
    if (!task) {
      throw unreadableAnswer(provider, 'the task answer has no status', data, [this.config.apiKey]);
    }
    return taskStatusFrom(provider, { status: task.status, progress: task.progress, imageUrls: () => task.imageUrls, failureReason: task.failureReason }, [this.config.apiKey]);
  }

  private unwrap(response: JsonResponse): unknown {
    const envelope = readEnvelope(response);
    const secrets = [this.config.apiKey];
    if (!envelope) {
      if (response.status >= 400) {
        throw errorForCode(provider, response.status, response.text, { secrets });
      }
      throw unreadableAnswer(provider, 'the answer is not a JSON object', response.text, secrets);
    }
    // An answer without a code but with data is taken as it is: only the task's status is required.
    const code = envelope.code ?? (response.status < 400 ? '20000' : String(response.status));
    if (code === '20000' && response.status < 400) {
      return envelope.data;
    }
    const meaning = codeMeaning[code] ?? (response.status >= 400 ? response.status : Number(code) >= 400 && Number(code) < 600 ? Number(code) : 0);
    throw errorForCode(provider, meaning, envelope.message, { providerCode: code, secrets });
  }
}
