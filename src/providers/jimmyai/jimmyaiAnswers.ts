// JimmyAI's answer shapes, read leniently: `code` may come as a string or a number
// (compared as strings); a task needs only its status. The reason for a failure may be
// in `error_message`, `error_msg` or `reason`; the image link in `result.image_url`, `url` or
// `mediaUrl` (docs FAQ).
import { firstText, number, record, text, unique, urls, withStatus, type Fields } from '../lenientFields';
import type { JsonResponse } from '../httpClient';

export interface JimmyEnvelope {
  readonly code?: string;
  readonly message?: string;
  readonly data: unknown;
}

/** The envelope of a JSON answer; undefined when the body is not a JSON object. */
export function readEnvelope(response: JsonResponse): JimmyEnvelope | undefined {
  const body = record(response.body);
  if (!body) {
    return undefined;
  }
  const code = text(body.code);
  const message = firstText(body, ['msg', 'message', 'error']);
  return { ...(code !== undefined ? { code } : {}), ...(message !== undefined ? { message } : {}), data: body.data };
}

/** The task id of a create answer. */
export function readCreate(data: unknown): string | undefined {
  const fields = record(data);
  return fields ? (text(fields.task_id) ?? text(fields.id)) : undefined;
}

export interface JimmyTask {
  readonly status: string;
  readonly progress?: number;
  readonly failureReason?: string;
  readonly imageUrls: readonly string[];
}

export function readTask(data: unknown): JimmyTask | undefined {
  const parsed = withStatus.safeParse(data);
  if (!parsed.success) {
    return undefined;
  }
  const task: Fields = parsed.data;
  const result = record(task.result);
  const progress = number(task.progress);
  const failureReason = firstText(task, ['error_message', 'error_msg', 'reason', 'error']) ?? (result ? firstText(result, ['error_message', 'error_msg', 'reason']) : undefined);
  return {
    status: String(parsed.data.status),
    imageUrls: unique([...urls(result?.image_url), ...urls(result?.image_urls), ...urls(result?.url), ...urls(task.url), ...urls(task.mediaUrl), ...urls(task.image_url)]),
    ...(progress !== undefined ? { progress } : {}),
    ...(failureReason !== undefined ? { failureReason } : {}),
  };
}
