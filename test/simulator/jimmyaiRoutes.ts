// JimmyAI's asynchronous image API: POST /api/open-api/v1/images creates a task, GET
// /api/open-api/v1/images/{id} reports it, both wrapped in { code, msg, data } with string codes.
// Its synchronous OpenAI-shaped copy lives with the OpenAI handler.
import { jimmyTaskVariant, variantsOf } from './answerVariants';
import { Rejection } from './answerShapes';
import { sizeForRatio } from './pixelSizes';
import type { SimContext } from './simTasks';

const models = ['gpt-image-2', 'nano-banana', 'nano-banana-2', 'nano-banana-pro'];
const ratios = ['auto', '1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '3:1', '1:3', '21:9', '9:21'];
const fourKRatios = ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];

function reject(message: string): never {
  throw new Rejection(200, { code: '20002', msg: message, data: null });
}

export function jimmyCreate(sim: SimContext, body: unknown): unknown {
  const { model, prompt, ratio = 'auto', resolution = '1k', quality = 'low', images } = (body ?? {}) as Record<string, unknown>;
  if (typeof model !== 'string' || !models.includes(model)) reject(`unsupported model: ${String(model)}`);
  if (typeof prompt !== 'string' || prompt.trim() === '') reject('prompt is required');
  if (typeof ratio !== 'string' || !ratios.includes(ratio)) reject(`unsupported ratio: ${String(ratio)}`);
  if (typeof resolution !== 'string' || !['1k', '2k', '4k'].includes(resolution)) reject(`unsupported resolution: ${String(resolution)}`);
  if (!['low', 'medium', 'high'].includes(String(quality))) reject(`unsupported quality: ${String(quality)}`);
  if (model === 'gpt-image-2' && resolution === '4k' && !fourKRatios.includes(ratio)) reject(`gpt-image-2 4k only supports 16:9, 9:16, 2:1, 1:2, 21:9, 9:21`);
  if (images !== undefined && !Array.isArray(images)) reject('images must be an array');
  const longEdge = { '1k': 1024, '2k': 2048, '4k': 3840 }[resolution]!;
  const size = sizeForRatio(ratio === 'auto' ? '1:1' : ratio, longEdge);
  const task = sim.book.create('jimmyai', model, prompt, size);
  return { code: '20000', msg: 'ok', data: { task_id: task.id, status: 'queued', model, created_at: Math.floor(task.createdAt / 1000) } };
}

export function jimmyQuery(sim: SimContext, taskId: string): unknown {
  const task = sim.book.byId(taskId);
  if (!task || task.provider !== 'jimmyai') {
    throw new Rejection(404, { code: '404', msg: 'task not found', data: null });
  }
  const { phase, progress, status, error, output } = sim.book.report(task, { queued: 'queued', processing: 'processing', done: 'completed' });
  return {
    code: '20000',
    msg: 'ok',
    data: jimmyTaskVariant({
      task_id: task.id,
      status,
      progress: status === 'completed' ? 100 : progress,
      model: task.model,
      created_at: Math.floor(task.createdAt / 1000),
      completed_at: phase === 'done' ? Math.floor(sim.book.completionTime(task.id)! / 1000) : null,
      result: { image_url: output[0]?.url ?? null, video_url: null },
      error_message: error,
    }, variantsOf(task.prompt)),
  };
}
