// Which OpenAI-compatible base URLs are asked to stream (`stream: true` + `partial_images`).
// Many gateways copy /v1/images without streaming: some refuse the parameters with a 400 (not
// billed, so the request is sent once more without them), some ignore them and answer plain
// JSON (read as it is). Either way that base URL is not asked to stream again while the
// extension host lives, so a refusing gateway costs one extra request, once.
import { joinUrl } from '../provider';
import { errorAnswer } from './openaiAnswers';

/** Base URLs (normalized, see gatewayKey) whose gateway refused or ignored streaming. */
const withoutStreaming = new Set<string>();

/** The base URL as the API root it names: no trailing slashes or `/v1`, host in lower case. */
export function gatewayKey(baseUrl: string): string {
  const root = joinUrl(baseUrl, '');
  try {
    const url = new URL(root);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`; // Credentials in the URL are left out.
  } catch {
    return root;
  }
}

export function streamsAt(baseUrl: string): boolean {
  return !withoutStreaming.has(gatewayKey(baseUrl));
}

export function stopStreamingAt(baseUrl: string): void {
  withoutStreaming.add(gatewayKey(baseUrl));
}

/**
 * Whether an error answer to a streaming request is the gateway refusing the streaming
 * parameters: a 400 (or 422) that names `stream` or `partial_images` as its param or in its
 * message, as OpenAI's `unknown_parameter` does. Any other refusal is the request's own fault.
 */
export function refusesStreaming(status: number, text: string | undefined): boolean {
  if (status !== 400 && status !== 422) {
    return false;
  }
  const names = /\bstream\b|partial_images/i;
  let body: unknown;
  try {
    body = JSON.parse(text ?? '');
  } catch {
    return names.test(text ?? ''); // Not JSON: a gateway's plain-text refusal.
  }
  const parsed = errorAnswer.safeParse(body);
  if (!parsed.success) {
    return names.test(text ?? '');
  }
  const { param, message } = parsed.data.error;
  return names.test(param ?? '') || names.test(message ?? '');
}
