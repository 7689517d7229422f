// AIReiter's answer shapes, read leniently: only a task's status is required. The envelope is
// `{ statusCode | code, message | msg, data }`; the task is at `data` (an array for the official
// model's submit), its images at `output[].url`, `result.images[].url` (string or array),
// `result.response.download_url` or `url`. A refusal may also come as a top-level `error` object
// beside no `data`, at HTTP 200 (balance too low: `{ error: { code: 433, message } }` [3p]).
import { readBodyFailure, type BodyFailure } from '../classifyAnswer';
import { firstText, number, record, text, unique, urls, withStatus, type Fields } from '../lenientFields';
import type { JsonResponse } from '../httpClient';

export interface AireiterEnvelope {
  /** The body's own code (`statusCode` or `code`), when it has one. */
  readonly code?: number;
  readonly message?: string;
  /** The top-level `error` object (or text), when there is one. */
  readonly failure?: BodyFailure;
  readonly data: unknown;
}

/** The envelope of a JSON answer; undefined when the body is not a JSON object. */
export function readEnvelope(response: JsonResponse): AireiterEnvelope | undefined {
  const body = record(response.body);
  if (!body) {
    return undefined;
  }
  const code = number(body.statusCode) ?? number(body.code);
  const message = firstText(body, ['message', 'msg', 'error']);
  const failure = readBodyFailure(body);
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}), ...(failure ? { failure } : {}), data: body.data };
}

const notFoundWords = /not\s*found|no\s+such\s+task|does\s*n[o']t\s+exist|不存在|未找到|找不到|찾을 수 없|존재하지 않/i;

/**
 * "No such task" on this query path: HTTP 404, or a body code 400/404 (at the top or in the
 * `error` object) whose text says so. It means "ask the next path", never a failed task.
 */
export function isNotFound(response: JsonResponse): boolean {
  if (response.status === 404) {
    return true;
  }
  const envelope = readEnvelope(response);
  const code = number(envelope?.failure?.code) ?? envelope?.code ?? response.status;
  return (code === 404 || code === 400) && notFoundWords.test(envelope?.failure?.message ?? envelope?.message ?? response.text);
}

/**
 * Whether AIReiter itself said it has no such task: an answer it wrote (a JSON envelope) whose
 * code and text say "not found". A bare 404 (a proxy's or WAF's block page, a mirror without
 * the query route) says nothing about the task, so it never permits sending a request again.
 */
export function saysNoSuchTask(response: JsonResponse): boolean {
  const envelope = readEnvelope(response);
  if (!envelope) {
    return false;
  }
  const code = number(envelope.failure?.code) ?? envelope.code ?? response.status;
  return (code === 404 || code === 400 || response.status === 404) && notFoundWords.test(envelope.failure?.message ?? envelope.message ?? '');
}

export interface SubmitAnswer {
  readonly taskId?: string;
  readonly estimatedCredits?: number;
}

/** `data` of a submit answer: an object (gpt_image_2) or an array of one (the official model). */
export function readSubmit(data: unknown): SubmitAnswer | undefined {
  const first = record(Array.isArray(data) ? data[0] : data);
  if (!first) {
    return undefined;
  }
  // An empty task_id has been seen; the out_task_id we chose identifies the task then.
  const taskId = text(first.task_id) ?? text(first.id);
  const estimatedCredits = number(first.estimated_credits);
  return { ...(taskId !== undefined ? { taskId } : {}), ...(estimatedCredits !== undefined ? { estimatedCredits } : {}) };
}

export interface AireiterTask {
  readonly status: string;
  readonly taskId?: string;
  readonly progress?: number;
  readonly creditsUsed?: number;
  readonly failureReason?: string;
  readonly imageUrls: readonly string[];
}

/** A task answer, or undefined when it has no status (the caller logs it and asks again). */
export function readTask(data: unknown): AireiterTask | undefined {
  const parsed = withStatus.safeParse(data);
  if (!parsed.success) {
    return undefined;
  }
  const task: Fields = parsed.data;
  const result = record(task.result);
  const taskId = text(task.task_id) ?? text(task.id);
  const progress = number(task.progress);
  const creditsUsed = number(task.credits_used);
  const failureReason = text(task.error) ?? firstText(task, ['error_message', 'error_msg', 'reason', 'message']);
  const imageUrls = unique([...urls(task.output), ...urls(result?.images), ...urls(result?.url), ...urls(record(result?.response)?.download_url), ...urls(task.url)]);
  return {
    status: statusWord(parsed.data.status, imageUrls.length > 0),
    imageUrls,
    ...(taskId !== undefined ? { taskId } : {}),
    ...(progress !== undefined ? { progress } : {}),
    ...(creditsUsed !== undefined ? { creditsUsed } : {}),
    ...(failureReason !== undefined ? { failureReason } : {}),
  };
}

/**
 * Numeric statuses: a public gateway's tests of AIReiter show `0` in a submit answer, `1` while
 * it runs and `2` with the image at `result.response.download_url` [3p, weak: seen only there].
 * Nothing documents them, so only that much is read: a number with an image is done, 0 is
 * queued, 1 running, and any other number (a failure code, perhaps) stays non-terminal until the
 * deadline, as unknown words do.
 */
function statusWord(status: string | number, hasImage: boolean): string {
  const value = typeof status === 'number' ? status : /^\s*-?\d+\s*$/.test(status) ? Number(status) : undefined;
  if (value === undefined) return String(status);
  if (hasImage) return 'completed';
  return value === 0 ? 'pending' : value === 1 ? 'processing' : String(value);
}
