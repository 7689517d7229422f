// OpenAI's synchronous /v1/images/generations and /v1/images/edits, with OpenAI's size rules per
// model and optional streaming, and JimmyAI's synchronous copy of them, which wraps the same
// answer in `{ code: 20000, msg, data }` (a numeric code, unlike its async API). OpenAI's own
// endpoints take `background` (openaiBackground.ts): `transparent` answers an RGBA PNG.
import type { ServerResponse } from 'node:http';
import { Rejection } from './answerShapes';
import { promptFault, type TaskFault, type TransportFault } from './faults';
import { reply, send } from './httpWriting';
import { openaiAnswerBytes } from './openaiVariants';
import { readStreamRequest, sendImageStream } from './openaiStreaming';
import { parseWxH, type PixelSize } from './pixelSizes';
import { gradientPng, noisePngOfSize, transparentPng } from './png';
import { readBackground } from './openaiBackground';
import type { SimContext } from './simTasks';
import { refuseShutDownModel } from './openaiModels';

export type SyncOperation = 'openai.generate' | 'openai.edit' | 'jimmyai.syncGenerate' | 'jimmyai.syncEdit';

// JimmyAI's synchronous copy serves these; OpenAI itself serves any id but the shut-down ones (openaiModels.ts).
const jimmySyncModels = ['gpt-image-2', 'gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'];
const fixedSizeModels = ['gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'];

function reject(message: string, code: string | null = null, param: string | null = null): never {
  throw new Rejection(400, { error: { message, type: 'invalid_request_error', code, param } });
}

/** Answers the request itself; a refusal on JimmyAI's copy is reworded in its own shape. */
export async function openaiGenerate(sim: SimContext, body: unknown, operation: SyncOperation, res: ServerResponse, transport: TransportFault | undefined): Promise<void> {
  const jimmySync = operation.startsWith('jimmyai.');
  try {
    await openaiAnswer(sim, body, operation, jimmySync, res, transport);
  } catch (error) {
    if (jimmySync && error instanceof Rejection) {
      throw new Rejection(200, { code: 20002, msg: (error.body as { error?: { message?: string } }).error?.message ?? 'invalid parameter', data: null });
    }
    throw error;
  }
}

function dimensionsOf(model: string, size: string): PixelSize {
  if (size === 'auto') {
    return { width: 1024, height: 1024 };
  }
  // gpt-image-2's rules, also for ids of newer models and gateways' own names.
  if (!fixedSizeModels.includes(model)) {
    const parsed = parseWxH(size);
    if (!parsed) reject(`Invalid size '${size}'.`, null, 'size');
    const { width, height } = parsed;
    const pixels = width * height;
    if (width % 16 || height % 16 || Math.max(width, height) / Math.min(width, height) > 3 || Math.max(width, height) > 3840 || pixels > 8_294_400 || pixels < 655_360) {
      reject(`Invalid size '${size}': sides must be multiples of 16, ratio within 1:3 and 3:1, at most 3840x2160.`, null, 'size');
    }
    return parsed;
  }
  if (!['1024x1024', '1536x1024', '1024x1536'].includes(size)) reject(`Invalid size '${size}'. Supported sizes are 1024x1024, 1536x1024, 1024x1536, and auto.`, null, 'size');
  return parseWxH(size)!;
}

async function openaiAnswer(sim: SimContext, body: unknown, operation: SyncOperation, jimmySync: boolean, res: ServerResponse, transport: TransportFault | undefined): Promise<void> {
  const fields = (body ?? {}) as Record<string, unknown>;
  const { model, prompt } = fields;
  const size = String(fields.size ?? 'auto');
  if (typeof model !== 'string' || model.trim() === '' || (jimmySync && !jimmySyncModels.includes(model))) reject(`The model '${String(model)}' does not exist.`, 'model_not_found', 'model');
  if (!jimmySync) refuseShutDownModel(model);
  if (typeof prompt !== 'string' || prompt.trim() === '') reject('prompt is required', null, 'prompt');
  if (prompt.length > 32_000) reject('prompt is too long', null, 'prompt');
  if (operation === 'openai.edit' && !Array.isArray(fields['image[]'])) reject('image[] is required for edits', null, 'image');
  if (operation === 'jimmyai.syncEdit' && fields.image === undefined && !Array.isArray(fields['image[]'])) reject('image is required for edits', null, 'image');
  const dimensions = dimensionsOf(model, size);
  const count = imagesAsked(fields.n, jimmySync);
  // JimmyAI's copies are not taught it: they ignore `background`, as its async API does.
  const background = jimmySync ? undefined : readBackground(fields, model, prompt);
  const transparent = background === 'transparent';
  const edit = /edit$/i.test(operation);
  const stream = readStreamRequest(fields, edit, { rejects: sim.options.openaiRejectsStream, ignores: jimmySync || sim.options.openaiIgnoresStream });
  if (stream && 'refusal' in stream) reject(...stream.refusal);
  const fault = (sim.faults.take(operation, 'task') as TaskFault | undefined) ?? promptFault(prompt);
  if (stream) {
    sim.charge(); // Charged when rendering starts; a moderation block comes mid-stream.
    const partialBytes = Number(/\[sim:partialBytes=(\d+)\]/.exec(prompt)?.[1] ?? sim.options.partialImageBytes ?? 0) || undefined;
    return sendImageStream(res, { edit, partials: stream.partials, ...dimensions, fault, transport, delayMs: sim.options.syncDelayMs ?? 50, partialBytes, transparent }, (event) => sim.streamEvents.push({ prompt, ...event }));
  }
  if (fault?.kind === 'moderation') {
    throw new Rejection(400, { error: { message: 'Your request was rejected as a result of our safety system.', type: 'image_generation_user_error', code: 'moderation_blocked', param: null } });
  }
  for (let image = 0; image < count; image++) sim.charge(); // Billed per image made.
  await new Promise((resolve) => setTimeout(resolve, sim.options.syncDelayMs ?? 50));
  // Each image of an answer is its own file (a text chunk apart), as n separate renderings would be.
  const imageAt = (index: number) => (fault?.kind === 'oversizeImage' ? noisePngOfSize(fault.bytes) : fault?.kind === 'notImage' ? Buffer.from('<html>not an image</html>') : transparent ? transparentPng(dimensions.width, dimensions.height) : gradientPng(dimensions.width, dimensions.height, count > 1 ? { Comment: `image ${index + 1} of ${count}` } : {}));
  const answer = {
    created: Math.floor(sim.now() / 1000),
    data: Array.from({ length: count }, (_, index) => ({ b64_json: imageAt(index).toString('base64'), revised_prompt: prompt })),
    usage: { total_tokens: 100, input_tokens: 50, output_tokens: 50 },
    // ImagesResponse says which background it made ("Either transparent or opaque").
    ...(background !== undefined ? { background: transparent ? 'transparent' : 'opaque', output_format: 'png' } : {}),
  };
  const reworded = transport ? undefined : openaiAnswerBytes(answer, prompt);
  if (reworded) return send(res, 200, reworded, 'application/json', undefined);
  reply(res, 200, jimmySync ? { code: 20000, msg: 'ok', data: answer } : answer, transport);
}

/**
 * How many images a request asks for: OpenAI's `n`, 1–10 (default 1) [providers.md §3]; a number
 * outside is refused as OpenAI does. JimmyAI's synchronous copy documents n ≤ 1 and answers one
 * image whatever was asked [providers.md §3, JimmyAI], as many gateways do.
 */
function imagesAsked(n: unknown, oneOnly: boolean): number {
  if (n === undefined || n === null) return 1;
  const count = typeof n === 'string' ? Number(n) : n;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 10) reject(`Invalid value for 'n': expected an integer between 1 and 10, got ${JSON.stringify(n)}.`, 'integer_out_of_range', 'n');
  return oneOnly ? 1 : count;
}
