// OpenAI's image streaming (`stream: true`, `partial_images` 0–3): server-sent events, one
// `…partial_image` per partial, then `…completed`, or an `error` event. Written in irregular
// pieces, so a client must frame events across chunk boundaries. Also the gateways that copy
// /v1/images without streaming: one refuses the parameter, one ignores it and answers JSON.
// Like the rest of the simulator it imports nothing from src: it is the picture the client is
// checked against.
import type { ServerResponse } from 'node:http';
import { gradientPng, noisePngOfSize, transparentPng } from './png';

/** How the gateway behind this endpoint treats `stream`. */
export interface StreamGateway {
  /** Answers 400 unknown_parameter to `stream`, as a gateway without streaming does. */
  readonly rejects?: boolean;
  /** Takes `stream` and answers plain JSON all the same. */
  readonly ignores?: boolean;
}

export type StreamRequest = { readonly refusal: readonly [message: string, code: string, param: string] } | { readonly partials: number } | undefined;

/**
 * What a request's `stream` and `partial_images` ask for, checked as OpenAI checks them: in JSON a
 * boolean and an integer 0–3; in multipart (edits) the same as text. `{ partials }` means: answer
 * with events; undefined means: answer JSON as usual.
 */
export function readStreamRequest(fields: Record<string, unknown>, multipart: boolean, gateway: StreamGateway): StreamRequest {
  const { stream, partial_images: partials } = fields;
  const isBoolean = multipart ? stream === 'true' || stream === 'false' : typeof stream === 'boolean';
  if (stream !== undefined && !isBoolean) {
    return { refusal: [`Invalid type for 'stream': expected a boolean, but got ${typeof stream === 'string' ? 'a string' : typeof stream} instead.`, 'invalid_type', 'stream'] };
  }
  const count = multipart && typeof partials === 'string' && /^-?\d+$/.test(partials) ? Number(partials) : partials;
  if (partials !== undefined && (typeof count !== 'number' || !Number.isInteger(count))) {
    return { refusal: [`Invalid type for 'partial_images': expected an integer, but got ${typeof partials === 'string' ? 'a string' : typeof partials} instead.`, 'invalid_type', 'partial_images'] };
  }
  if (typeof count === 'number' && (count < 0 || count > 3)) {
    return { refusal: [`Invalid 'partial_images': expected a value between 0 and 3, but got ${count} instead.`, count < 0 ? 'integer_below_min_value' : 'integer_above_max_value', 'partial_images'] };
  }
  if (stream !== true && stream !== 'true') {
    return undefined;
  }
  if (gateway.rejects) {
    return { refusal: ["Unknown parameter: 'stream'.", 'unknown_parameter', 'stream'] };
  }
  return gateway.ignores ? undefined : { partials: typeof count === 'number' ? count : 0 };
}

export interface StreamPlan {
  readonly edit: boolean;
  readonly partials: number;
  readonly width: number;
  readonly height: number;
  /** The task fault of the request: moderation is an error event after the first partial. */
  readonly fault?: { readonly kind: string; readonly bytes?: number };
  /** The transport fault: dropAnswer, truncatedBody (cut inside the completed event), slowBody, malformedJson. */
  readonly transport?: { readonly kind: string; readonly delayMs?: number };
  /** Time before the first event (rendering). */
  readonly delayMs: number;
  /** Bytes of each partial image (a noise PNG), when a test wants a given size. */
  readonly partialBytes?: number | undefined;
  /** `background: transparent` was asked: every image is an RGBA PNG on alpha 0. */
  readonly transparent?: boolean;
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

/** One event as it left: `lastWriteAt` is Date.now() (one clock for processes on one machine) just before its last piece was written. */
export interface StreamEventRecord {
  readonly prompt?: string;
  readonly type: string;
  readonly index?: number;
  readonly imageBytes: number;
  readonly lastWriteAt: number;
}

/**
 * Writes `text` in irregular pieces; returns the time just before its last piece was written.
 * That is at or before the event's end on the wire, whatever this process is busy with afterwards
 * (on a shared machine it can be descheduled for 100 ms): latencies measured from it can only err
 * long, never short.
 */
async function write(res: ServerResponse, text: string): Promise<number> {
  let lastWriteAt = Date.now();
  for (const piece of irregular(Buffer.from(text))) {
    if (res.destroyed) break;
    lastWriteAt = Date.now();
    if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
  }
  return lastWriteAt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The final image of a plan: its size, or what its fault asks for. */
function finalImage(plan: StreamPlan): Buffer {
  if (plan.fault?.kind === 'oversizeImage') return noisePngOfSize(plan.fault.bytes ?? 30 * 1024 * 1024);
  if (plan.fault?.kind === 'notImage') return Buffer.from('<html>not an image</html>');
  return (plan.transparent ? transparentPng : gradientPng)(plan.width, plan.height);
}

export async function sendImageStream(res: ServerResponse, plan: StreamPlan, record: (event: Omit<StreamEventRecord, 'prompt'>) => void = () => undefined): Promise<void> {
  await sleep(plan.delayMs);
  if (plan.transport?.kind === 'dropAnswer') {
    res.socket?.destroy(); // Rendered (and charged); the answer is lost before its headers.
    return;
  }
  const prefix = plan.edit ? 'image_edit' : 'image_generation';
  const gapMs = plan.transport?.kind === 'slowBody' ? (plan.transport.delayMs ?? 200) : 20;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const common = { created_at: Math.floor(Date.now() / 1000), size: `${plan.width}x${plan.height}`, quality: 'medium', background: plan.transparent ? 'transparent' : 'opaque', output_format: 'png' };
  await write(res, ': keep-alive\n\n');
  for (let index = 0; index < plan.partials; index++) {
    const bytes = plan.partialBytes ? noisePngOfSize(plan.partialBytes) : (plan.transparent ? transparentPng : gradientPng)(Math.max(16, plan.width >> 3), Math.max(16, plan.height >> 3));
    const type = `${prefix}.partial_image`;
    const lastWriteAt = await write(res, `event: ${type}\r\ndata: ${JSON.stringify({ type, b64_json: bytes.toString('base64'), partial_image_index: index, ...common })}\r\n\r\n`);
    record({ type, index, imageBytes: bytes.length, lastWriteAt });
    await sleep(gapMs);
    if (plan.fault?.kind === 'moderation') {
      const error = { message: 'Your request was rejected as a result of our safety system.', code: 'moderation_blocked', type: 'image_generation_user_error', param: null };
      await write(res, `event: error\ndata: ${JSON.stringify({ type: 'error', error })}\n\n`);
      res.end();
      return;
    }
  }
  const type = `${prefix}.completed`;
  const usage = { total_tokens: 100, input_tokens: 50, output_tokens: 50, input_tokens_details: { text_tokens: 50, image_tokens: 0 } };
  const event = `event: ${type}\ndata: ${JSON.stringify({ type, b64_json: finalImage(plan).toString('base64'), ...common, usage })}\n\n`;
  if (plan.transport?.kind === 'truncatedBody') {
    await write(res, event.slice(0, Math.floor(event.length / 2)));
    res.destroy(); // The connection breaks inside the completed image.
    return;
  }
  await write(res, plan.transport?.kind === 'malformedJson' ? `event: ${type}\ndata: {"type":"${type}","b64_json":"iVBOR\n\n` : event);
  res.end();
}
