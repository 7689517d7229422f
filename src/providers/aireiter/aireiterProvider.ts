// AIReiter: POST /api/openapi/submit with our out_task_id, then the query paths in the order of
// providers.md: POST /api/openapi/query by task_id, by out_task_id, then GET /v1/tasks/{task_id}
// (seen only in docs copied from another gateway). "No such task" on one path means "try the
// next"; the path that answers is kept for the task. Re-submitting an out_task_id is not promised
// to be free, so after an ambiguous submit the task is looked up before anything is sent again,
// and sent again only for a model whose tasks that lookup finds (gpt_image_2); any other model
// (gpt_image_2_official) then ends as "may have been charged" instead (providers.md §5).
import { aireiterProfile } from './profile';
import { isAmbiguousSubmitFailure } from '../ambiguousSubmit';
import { errorForCode, errorForRefusalInBody, holdsNoTask, taskStatusFrom } from '../classifyAnswer';
import { isProviderError, providerError, ProviderError } from '../errors';
import { parseRetryAfter, type JsonResponse } from '../httpClient';
import { number, unreadableAnswer } from '../lenientFields';
import { authHeaders, joinUrl, type GenerationRequest, type ImageProvider, type ProviderConfig, type SubmitOptions, type TaskHandle, type TaskStatus } from '../provider';
import { isNotFound, readEnvelope, readSubmit, readTask, saysNoSuchTask } from './aireiterAnswers';
import { formatSize } from '../../core/catalog/sizes';

const provider = aireiterProfile.name;

export type QueryRoute = 'taskId' | 'outTaskId' | 'v1Tasks';

/** Submits after an ambiguous failure, each preceded by a lookup that found nothing. */
const maxSubmits = 3;

/**
 * Models whose tasks the query finds by our out_task_id, so that "no such task" by it means the
 * request was not billed [seed: out_task_id "can be used to query"]. gpt_image_2_official tasks
 * are reliably found only by the task_id its submit answer carries [3p]: after that answer is
 * lost, "not found" by out_task_id proves nothing [infer], so it (and any model not listed) is
 * never sent again automatically.
 */
const foundByOutTaskId = new Set(['gpt_image_2']);

/**
 * The failure of a submit that may have been billed and was not sent again. The out_task_id is
 * what the user can look for in the AIReiter dashboard; a retry is a new request.
 */
export function mayHaveBeenCharged(base: TaskHandle, cause: ProviderError | undefined): ProviderError {
  const model = base.modelKey.replace(/^aireiter:/, '');
  return providerError(
    cause?.kind ?? 'taskNotFound',
    { ...(cause?.details ?? { provider }), provider, retryable: false, mayHaveCharged: true },
    `AIReiter may have accepted this ${model} image and charged for it, but its answer did not reach ImageGen, and for ${model} AIReiter not finding out_task_id ${base.clientTaskId} does not prove the request was not billed. ImageGen did not send it again. Look for out_task_id ${base.clientTaskId} in your AIReiter dashboard before retrying: a retry may charge again.`,
  );
}

/**
 * A lookup that failed for a task an earlier request may have created: its own words, and that
 * the task may exist and be charged (nothing was sent again).
 */
function lookupFailed(base: TaskHandle, error: unknown): ProviderError {
  const failure = asProviderError(error);
  // Built whole: the failure's message already ends in what the provider said.
  return new ProviderError(
    failure.kind,
    `${failure.message} ImageGen could not ask AIReiter whether the request sent before created this task (out_task_id ${base.clientTaskId}), so it did not send it again: it may exist and be charged. Look for out_task_id ${base.clientTaskId} in your AIReiter dashboard before retrying: a retry may charge again.`,
    { ...failure.details, provider, retryable: false, mayHaveCharged: true },
  );
}

/** Anything else a lookup throws (a bug, not an answer) as an error of this provider. */
function asProviderError(error: unknown): ProviderError {
  return isProviderError(error) ? error : providerError('unexpectedAnswer', { provider, serverMessage: error instanceof Error ? error.message : String(error) });
}

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

export interface AireiterOptions {
  /** How long to wait after an ambiguous submit before asking whether the task exists. */
  readonly lookupDelayMs?: number;
}

export class AireiterProvider implements ImageProvider {
  readonly id = aireiterProfile.id;
  /** The query path that answered, per task (by our out_task_id). */
  private readonly routes = new Map<string, QueryRoute>();

  constructor(
    private readonly config: ProviderConfig,
    private readonly options: AireiterOptions = {},
  ) {}

  async submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle> {
    const base: TaskHandle = { provider: 'aireiter', modelKey: request.model.key, clientTaskId: options.clientTaskId };
    // Sent again only where "no such task" by out_task_id proves the first one was not billed.
    const resendable = foundByOutTaskId.has(request.model.model);
    if (options.mayExist) {
      const found = await this.lookUpBefore(base, resendable, undefined, options.signal);
      if (found) {
        return found;
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.send(request, base, options.signal);
      } catch (error) {
        if (!isAmbiguousSubmitFailure(error) || attempt >= maxSubmits) {
          throw error;
        }
        const found = await this.lookUpBefore(base, resendable, error, options.signal, this.options.lookupDelayMs ?? 2000);
        if (found) {
          return found;
        }
        // The provider says it has no such task: sending it again cannot charge twice.
      }
    }
  }

  /**
   * Before anything is sent again: the task's handle when the provider knows it by our
   * out_task_id, undefined when it says it does not and resending is safe for this model.
   * Otherwise (a model found only by its task_id, or an answer that proves nothing) nothing
   * more is sent: the task is followed by out_task_id (gpt_image_2) or ends as "may have been
   * charged" (every other model). The lookup runs only because a request that may have been
   * billed went out before (`cause`, an ambiguous submit just now; or, without one, a submit
   * the host stopped during, `mayExist`): whatever it runs into leaves the task "may have been
   * charged". A refused key keeps its kind, for the runner to follow the task once keyed.
   */
  private async lookUpBefore(base: TaskHandle, resendable: boolean, cause: ProviderError | undefined, signal: AbortSignal | undefined, waitMs = 0): Promise<TaskHandle | undefined> {
    let found: TaskHandle | undefined;
    try {
      // The wait is part of the lookup: a deadline that ends it leaves the task unknown, not failed.
      if (waitMs > 0) await delay(waitMs, signal);
      found = await this.lookUp(base, signal);
    } catch (lookupError) {
      if (isProviderError(lookupError, 'cancelled')) {
        throw lookupError;
      }
      if (resendable && cause !== undefined && isAmbiguousSubmitFailure(lookupError)) {
        // Unknown either way: follow the out_task_id rather than risk a second charge.
        return base;
      }
      if (!resendable && (cause !== undefined || !isProviderError(lookupError, 'auth'))) {
        throw mayHaveBeenCharged(base, cause ?? asProviderError(lookupError));
      }
      throw lookupFailed(base, lookupError);
    }
    if (found || resendable) {
      return found;
    }
    throw mayHaveBeenCharged(base, cause);
  }

  async query(handle: TaskHandle, signal?: AbortSignal): Promise<TaskStatus> {
    const remembered = this.routes.get(handle.clientTaskId);
    const order: QueryRoute[] = handle.taskId ? ['taskId', 'outTaskId', 'v1Tasks'] : ['outTaskId'];
    for (const route of remembered ? [remembered, ...order.filter((other) => other !== remembered)] : order) {
      const response = await this.ask(route, handle, signal);
      if (isNotFound(response)) {
        continue;
      }
      this.routes.set(handle.clientTaskId, route);
      return this.toStatus(this.unwrap(response));
    }
    // Just after submit the task may not be visible yet: asked again until the deadline.
    throw providerError('taskNotFound', { provider, retryable: true, serverMessage: `no query path knows task ${handle.taskId ?? handle.clientTaskId}` });
  }

  private async send(request: GenerationRequest, base: TaskHandle, signal: AbortSignal | undefined): Promise<TaskHandle> {
    const response = await this.config.http.json({
      provider,
      method: 'POST',
      url: joinUrl(this.config.baseUrl, '/api/openapi/submit'),
      headers: authHeaders(this.config.apiKey),
      json: { model: request.model.model, params: aireiterParams(request), out_task_id: base.clientTaskId },
      // Not repeated by the HTTP layer: whether a second submit is free is documented nowhere.
      idempotent: false,
      ...(signal ? { signal } : {}),
    });
    const answer = readSubmit(this.unwrap(response));
    if (!answer) {
      // Accepted (2xx) but unreadable: the task may well exist; it is looked up by out_task_id.
      throw providerError('server', { provider, status: response.status, retryable: true, serverMessage: 'the submit answer has no task' });
    }
    return { ...base, ...(answer.taskId ? { taskId: answer.taskId } : {}), ...(answer.estimatedCredits !== undefined ? { estimatedCredits: answer.estimatedCredits } : {}) };
  }

  /** Whether the provider knows the task by our out_task_id; its handle when it does. */
  private async lookUp(base: TaskHandle, signal: AbortSignal | undefined): Promise<TaskHandle | undefined> {
    const response = await this.ask('outTaskId', base, signal);
    if (isNotFound(response)) {
      if (saysNoSuchTask(response)) {
        return undefined;
      }
      // A 404 AIReiter did not write: unknown whether the task exists, so nothing is sent again.
      throw providerError('server', { provider, status: response.status, retryable: true, serverMessage: 'the lookup by out_task_id answered 404 without saying the task does not exist' });
    }
    const task = readTask(this.unwrap(response));
    this.routes.set(base.clientTaskId, 'outTaskId');
    return { ...base, ...(task?.taskId ? { taskId: task.taskId } : {}) };
  }

  private ask(route: QueryRoute, handle: TaskHandle, signal: AbortSignal | undefined): Promise<JsonResponse> {
    const common = { provider, headers: authHeaders(this.config.apiKey), idempotent: true, ...(signal ? { signal } : {}) };
    if (route === 'v1Tasks') {
      return this.config.http.json({ ...common, method: 'GET', url: joinUrl(this.config.baseUrl, `/v1/tasks/${encodeURIComponent(handle.taskId ?? '')}`) });
    }
    const json = route === 'taskId' ? { task_id: handle.taskId } : { out_task_id: handle.clientTaskId };
    return this.config.http.json({ ...common, method: 'POST', url: joinUrl(this.config.baseUrl, '/api/openapi/query'), json });
  }

  /** Checks the HTTP status and the body's statusCode/code; returns `data` of a successful answer. */
  private unwrap(response: JsonResponse): unknown {
    const envelope = readEnvelope(response);
    const secrets = [this.config.apiKey];
    if (!envelope) {
      if (response.status >= 400) {
        throw errorForCode(provider, response.status, response.text, { secrets, ...this.retryAfter(response) });
      }
      throw unreadableAnswer(provider, 'the answer is not a JSON object', response.text, secrets);
    }
    if (response.status < 400 && envelope.failure && holdsNoTask(envelope.data)) {
      // An error object and no task in an answer that arrived: the provider refused it.
      // The nested code says what it is; failing that, a failing code beside it.
      const code = envelope.failure.code ?? (envelope.code !== undefined && envelope.code !== 200 ? String(envelope.code) : undefined);
      const message = envelope.failure.message ?? envelope.message;
      throw errorForRefusalInBody(provider, number(code), { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}) }, { secrets });
    }
    const bodyCode = envelope.code ?? response.status;
    if (response.status >= 400 || bodyCode !== 200) {
      const effective = bodyCode !== 200 ? bodyCode : response.status;
      throw errorForCode(provider, effective, envelope.message, { providerCode: String(envelope.code ?? response.status), secrets, ...this.retryAfter(response) });
    }
    return envelope.data;
  }

  private retryAfter(response: JsonResponse): { retryAfterMs?: number } {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
    return retryAfterMs !== undefined ? { retryAfterMs } : {};
  }

  private toStatus(data: unknown): TaskStatus {
    const task = readTask(data);
    if (!task) {
      throw unreadableAnswer(provider, 'the task answer has no status', data, [this.config.apiKey]);
    }
    return taskStatusFrom(provider, { status: task.status, progress: task.progress, imageUrls: () => task.imageUrls, failureReason: task.failureReason, creditsUsed: task.creditsUsed ?? null }, [this.config.apiKey]);
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(abortError(signal))), { once: true });
  });
}

/** The task's deadline (a TimeoutAbort reason) is a timeout; anything else is the user's cancel. */
function abortError(signal: AbortSignal) {
  const reason: unknown = signal.reason;
  return (reason as Error | undefined)?.name === 'TimeoutAbort'
    ? providerError('timeout', { provider, code: 'timeout:task', retryable: true, serverMessage: (reason as Error).message })
    : providerError('cancelled', { provider });
}
