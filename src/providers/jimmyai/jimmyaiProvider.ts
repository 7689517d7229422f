// JimmyAI's async images API: POST /api/open-api/v1/images, then GET …/images/{task_id}.
import { errorForCode, taskStatusFrom, unexpectedAnswer } from '../classifyAnswer';
import type { JsonResponse } from '../httpClient';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ProviderConfig, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { createData, jimmyEnvelope, taskData } from './jimmyaiAnswers';

const provider = 'JimmyAI';

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
    const parsed = createData.safeParse(this.unwrap(response));
    if (!parsed.success) {
      throw unexpectedAnswer(provider, 'the create answer has no task_id');
    }
    return { provider: 'jimmyai', modelKey: request.model.key, clientTaskId: options.clientTaskId, taskId: parsed.data.task_id };
  }

  async query(handle: TaskHandle, signal?: AbortSignal): Promise<TaskStatus> {
    if (!handle.taskId) {
      throw unexpectedAnswer(provider, 'the task has no task_id to query');
    }
    const response = await this.config.http.json({
      provider,
      method: 'GET',
      url: joinUrl(this.config.baseUrl, `/api/open-api/v1/images/${encodeURIComponent(handle.taskId)}`),
      headers: authHeaders(this.config.apiKey),
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    const parsed = taskData.safeParse(this.unwrap(response));
    if (!parsed.success) {
      throw unexpectedAnswer(provider, 'the task answer has no status');
    }
    const task = parsed.data;
    const imageUrls = () => {
      const value = task.result?.image_url;
      return [...(value == null ? [] : Array.isArray(value) ? value : [value]), ...(task.result?.image_urls ?? [])];
    };
    return taskStatusFrom(provider, { status: task.status, progress: task.progress, imageUrls, failureReason: task.error_message }, [this.config.apiKey]);
  }

  private unwrap(response: JsonResponse): unknown {
    const envelope = jimmyEnvelope.safeParse(response.body);
    if (!envelope.success) {
      if (response.status >= 400) {
        throw errorForCode(provider, response.status, response.text, { secrets: [this.config.apiKey] });
      }
      throw unexpectedAnswer(provider, response.body === undefined ? 'the answer is not JSON' : 'the answer has an unknown shape');
    }
    const code = String(envelope.data.code);
    if (code === '20000' && response.status < 400) {
      return envelope.data.data;
    }
    const meaning = codeMeaning[code] ?? (response.status >= 400 ? response.status : 0);
    throw errorForCode(provider, meaning, envelope.data.msg ?? envelope.data.message, { providerCode: code, secrets: [this.config.apiKey] });
  }
}
