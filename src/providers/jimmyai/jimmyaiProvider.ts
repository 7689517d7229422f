// JimmyAI's async images API: POST /api/open-api/v1/images, then GET …/images/{task_id}.
// A create has no idempotency key: one that failed after it may have arrived is never re-sent.
import { explainUnavailableModel } from '../modelUnavailable';
import { jimmyaiProfile } from './profile';
import { ambiguousSubmitError, isAmbiguousSubmitFailure } from '../ambiguousSubmit';
import { errorForCode, errorForRefusalInBody, errorForUnknownCode, holdsNoTask, readBodyFailure, taskStatusFrom } from '../classifyAnswer';
import { providerError } from '../errors';
import type { JsonResponse } from '../httpClient';
import { unreadableAnswer } from '../lenientFields';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ProviderConfig, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { readCreate, readEnvelope, readTask } from './jimmyaiAnswers';

const provider = jimmyaiProfile.name;

/** JimmyAI codes → the HTTP-like code our classifier understands [3p: 20000 ok, 20001 auth, 20002 bad params, -1 server error]. */
const codeMeaning: Record<string, number> = { '20001': 401, '20002': 400, '-1': 500 };

/** What a code means as an HTTP-like status: a known JimmyAI code, an HTTP-like code in the body, or the failing HTTP status. */
function meaningOf(code: string | undefined, httpStatus: number): number | undefined {
  const known = code !== undefined ? codeMeaning[code] : undefined;
  if (known !== undefined) return known;
  if (httpStatus >= 400) return httpStatus;
  const numeric = Number(code);
  return Number.isInteger(numeric) && numeric >= 400 && numeric < 600 ? numeric : undefined;
}

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
  readonly id = jimmyaiProfile.id;

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
    const failure = readBodyFailure(response.body);
    if (response.status < 400 && failure && holdsNoTask(envelope.data) && (envelope.code === undefined || envelope.code === '20000')) {
      // An error object and no task in an answer that arrived: the provider refused it.
      const message = failure.message ?? envelope.message;
      throw errorForRefusalInBody(provider, meaningOf(failure.code, response.status), { ...failure, ...(message !== undefined ? { message } : {}) }, { secrets });
    }
    // An answer without a code but with data is taken as it is: only the task's status is required.
    const code = envelope.code ?? (response.status < 400 ? '20000' : String(response.status));
    if (code === '20000' && response.status < 400) {
      return envelope.data;
    }
    const meaning = meaningOf(code, response.status);
    if (meaning === undefined) {
      // A code we do not know: its text may still say what it is (credits, moderation).
      throw errorForUnknownCode(provider, code, envelope.message, secrets);
    }
    throw errorForCode(provider, meaning, envelope.message, { providerCode: code, secrets });
  }
}
