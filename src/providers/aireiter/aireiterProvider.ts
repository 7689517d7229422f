// AIReiter: POST /api/openapi/submit with out_task_id (our idempotency key), then
// POST /api/openapi/query, falling back to GET /v1/tasks/{task_id} for the official model.
import { errorForCode, taskStatusFrom, unexpectedAnswer } from '../classifyAnswer';
import { parseRetryAfter, type JsonResponse } from '../httpClient';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ProviderConfig, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { aireiterEnvelope, imageUrls, submitData, taskData } from './aireiterAnswers';
import { formatSize } from '../../core/catalog/sizes';

const provider = 'AIReiter';

export function aireiterParams(request: GenerationRequest): Record<string, unknown> {
  const params: Record<string, unknown> = { prompt: request.prompt };
  if (request.size) {
    params.size = formatSize(request.size);
  } else {
    if (request.aspectRatio) params.aspect_ratio = request.aspectRatio;
    if (request.resolution) params.resolution = request.resolution;
  }
  if (request.quality && request.model.qualities.length > 0) {
    params.quality = request.quality;
  }
  if (request.referenceImages.length > 0) {
    params.image_url = [...request.referenceImages];
  }
  return params;
}

export class AireiterProvider implements ImageProvider {
  readonly id = 'aireiter' as const;

  constructor(private readonly config: ProviderConfig) {}

  async submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle> {
    const response = await this.config.http.json({
      provider,
      method: 'POST',
      url: joinUrl(this.config.baseUrl, '/api/openapi/submit'),
      headers: authHeaders(this.config.apiKey),
      json: { model: request.model.model, params: aireiterParams(request), out_task_id: options.clientTaskId },
      idempotent: true,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const data = this.unwrap(response);
    const parsed = submitData.safeParse(data);
    if (!parsed.success) {
      throw unexpectedAnswer(provider, 'the submit answer has no task');
    }
    const answer = parsed.data;
    const first = Array.isArray(answer) ? answer[0] : answer;
    const taskId = first?.task_id || undefined;
    const estimatedCredits = !Array.isArray(answer) ? (answer.estimated_credits ?? undefined) : undefined;
    return {
      provider: 'aireiter',
      modelKey: request.model.key,
      clientTaskId: options.clientTaskId,
      ...(taskId ? { taskId } : {}),
      ...(estimatedCredits !== undefined ? { estimatedCredits } : {}),
    };
  }

  async query(handle: TaskHandle, signal?: AbortSignal): Promise<TaskStatus> {
    const response = await this.config.http.json({
      provider,
      method: 'POST',
      url: joinUrl(this.config.baseUrl, '/api/openapi/query'),
      headers: authHeaders(this.config.apiKey),
      json: { out_task_id: handle.clientTaskId },
      idempotent: true,
      ...(signal ? { signal } : {}),
    });
    if (handle.taskId && this.isNotFound(response)) {
      const fallback = await this.config.http.json({
        provider,
        method: 'GET',
        url: joinUrl(this.config.baseUrl, `/v1/tasks/${encodeURIComponent(handle.taskId)}`),
        headers: authHeaders(this.config.apiKey),
        idempotent: true,
        ...(signal ? { signal } : {}),
      });
      return this.toStatus(this.unwrap(fallback));
    }
    return this.toStatus(this.unwrap(response));
  }

  private isNotFound(response: JsonResponse): boolean {
    const envelope = aireiterEnvelope.safeParse(response.body);
    const code = envelope.success ? (envelope.data.statusCode ?? envelope.data.code) : undefined;
    return response.status === 404 || String(code) === '404';
  }

  /** Checks the HTTP status and the body's statusCode/code; returns `data` of a successful answer. */
  private unwrap(response: JsonResponse): unknown {
    const envelope = aireiterEnvelope.safeParse(response.body);
    if (!envelope.success) {
      if (response.status >= 400) {
        throw errorForCode(provider, response.status, response.text, { secrets: [this.config.apiKey], ...this.retryAfter(response) });
      }
      throw unexpectedAnswer(provider, response.body === undefined ? 'the answer is not JSON' : 'the answer has an unknown shape');
    }
    const { statusCode, code, message, msg } = envelope.data;
    const bodyCode = Number(statusCode ?? code ?? response.status);
    if (response.status >= 400 || bodyCode !== 200) {
      const effective = Number.isFinite(bodyCode) && bodyCode !== 200 ? bodyCode : response.status;
      throw errorForCode(provider, effective, message ?? msg, { providerCode: String(statusCode ?? code ?? response.status), secrets: [this.config.apiKey], ...this.retryAfter(response) });
    }
    return envelope.data.data;
  }

  private retryAfter(response: JsonResponse): { retryAfterMs?: number } {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return retryAfterMs !== undefined ? { retryAfterMs } : {};
  }

  private toStatus(data: unknown): TaskStatus {
    const parsed = taskData.safeParse(data);
    if (!parsed.success) {
      throw unexpectedAnswer(provider, 'the task answer has no status');
    }
    const task = parsed.data;
    return taskStatusFrom(
      provider,
      {
        status: task.status,
        progress: task.progress,
        imageUrls: () => imageUrls(task),
        failureReason: typeof task.error === 'string' ? task.error : task.error?.message,
        creditsUsed: task.credits_used,
      },
      [this.config.apiKey],
    );
  }
}
