// OpenAI's image streaming (`stream: true`, `partial_images` 0–3): server-sent events, one
// `…partial_image` per partial, then `…completed`, or an `error` event. Written in irregular
// pieces, so a client must frame events across chunk boundaries.
import type { ServerResponse } from 'node:http';
import { gradientPng } from './png';

export interface StreamPlan {
  /** `image_generation` for generations, `image_edit` for edits. */
  readonly prefix: 'image_generation' | 'image_edit';
  readonly partials: number;
  readonly width: number;
  readonly height: number;
  readonly final: Buffer;
  /** After the first partial, an error event instead of the rest (a moderation block mid-way). */
  readonly errorAfterFirstPartial?: { readonly message: string; readonly code: string; readonly type: string };
  /** Pause between events. */
  readonly gapMs?: number;
  /** Bytes of each partial image (a noise PNG), when the test wants a given size. */
  readonly partialBytes?: (index: number) => Buffer;
}

/** What a request asks for: `stream` as a JSON boolean or a multipart "true"; partial_images 0–3. */
export function readStreamRequest(fields: Record<string, unknown>): { stream: boolean; partials: number } | { error: string; param: string } {
  const stream = fields.stream === true || fields.stream === 'true';
  if (fields.stream !== undefined && typeof fields.stream !== 'boolean' && fields.stream !== 'true' && fields.stream !== 'false') {
    return { error: `Invalid type for 'stream': expected a boolean.`, param: 'stream' };
  }
  const raw = fields.partial_images;
  const partials = raw === undefined ? 0 : Number(raw);
  if (!Number.isInteger(partials) || partials < 0 || partials > 3 || (typeof raw !== 'number' && typeof raw !== 'string' && raw !== undefined)) {
    return { error: `Invalid 'partial_images': must be an integer between 0 and 3.`, param: 'partial_images' };
  }
  return { stream, partials };
}

/** Cuts `bytes` into pieces of 1…4096 bytes, deterministically, to test framing. */
function* irregular(bytes: Buffer): Generator<Buffer> {
  let offset = 0;
  let seed = 7;
  while (offset < bytes.length) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const size = 1 + (seed % 4096);
    yield bytes.subarray(offset, offset + size);
    offset += size;
  }
}

async function write(res: ServerResponse, text: string): Promise<void> {
  for (const piece of irregular(Buffer.from(text))) {
    if (res.destroyed) return;
    if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
  }
}

export async function sendImageStream(res: ServerResponse, plan: StreamPlan): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const common = { created_at: Math.floor(Date.now() / 1000), size: `${plan.width}x${plan.height}`, quality: 'medium', background: 'opaque', output_format: 'png' };
  const pause = () => new Promise((resolve) => setTimeout(resolve, plan.gapMs ?? 20));
  await write(res, ': keep-alive\n\n');
  for (let index = 0; index < plan.partials; index++) {
    const bytes = plan.partialBytes?.(index) ?? gradientPng(Math.max(16, plan.width >> 3), Math.max(16, plan.height >> 3));
    const type = `${plan.prefix}.partial_image`;
    await write(res, `event: ${type}\r\ndata: ${JSON.stringify({ type, b64_json: bytes.toString('base64'), partial_image_index: index, ...common })}\r\n\r\n`);
    await pause();
    if (plan.errorAfterFirstPartial) {
      await write(res, `event: error\ndata: ${JSON.stringify({ type: 'error', error: plan.errorAfterFirstPartial })}\n\n`);
      res.end();
      return;
    }
  }
  const type = `${plan.prefix}.completed`;
  const usage = { total_tokens: 100, input_tokens: 50, output_tokens: 50, input_tokens_details: { text_tokens: 50, image_tokens: 0 } };
  await write(res, `event: ${type}\ndata: ${JSON.stringify({ type, b64_json: plan.final.toString('base64'), ...common, usage })}\n\n`);
  res.end();
}
