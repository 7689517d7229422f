// AIReiter's endpoints: POST /api/openapi/submit (gpt_image_2 and gpt_image_2_official, with
// out_task_id), POST /api/openapi/query and GET /v1/tasks/{id}, each answering in its own shape.
import { aireiterTaskVariant, variantsOf } from './answerVariants';
import { Rejection } from './answerShapes';
import { promptRefusal } from './faults';
import { aireiterSizes, parseWxH, sizeForRatio, type AireiterResolution, type AireiterSizeRow, type PixelSize } from './pixelSizes';
import type { SimContext, SimTask } from './simTasks';

function reject(message: string): never {
  throw new Rejection(400, { statusCode: 400, message, data: null });
}

export function aireiterSubmit(sim: SimContext, body: unknown): unknown {
  const { model, params, out_task_id: outTaskId } = (body ?? {}) as { model?: unknown; params?: Record<string, unknown>; out_task_id?: unknown };
  if (model !== 'gpt_image_2' && model !== 'gpt_image_2_official') reject(`unsupported model: ${String(model)}`);
  if (typeof outTaskId !== 'string' || outTaskId.length === 0) reject('out_task_id is required');
  if (!params || typeof params.prompt !== 'string' || params.prompt.trim() === '') reject('params.prompt is required');
  const refusal = promptRefusal(params.prompt);
  if (refusal) {
    const message = refusal.code === 433 ? '账户余额不足' : `refused with code ${refusal.code}`;
    throw new Rejection(200, { ...(refusal.envelope ? { code: 200 } : {}), error: { code: refusal.code, message } });
  }

  const existing = sim.book.byOutTask(outTaskId);
  if (existing && sim.options.resubmit === 'same') {
    return submitAnswer(existing); // Idempotent: same task, no second charge.
  }
  const official = model === 'gpt_image_2_official';
  let size: PixelSize;
  if (params.size !== undefined) {
    if (params.aspect_ratio !== undefined || params.resolution !== undefined) reject('size cannot be combined with aspect_ratio or resolution');
    if (official) reject('gpt_image_2_official does not accept size');
    const parsed = parseWxH(params.size);
    if (!parsed) reject(`invalid size: ${String(params.size)}`);
    const pixels = parsed.width * parsed.height;
    if (pixels < 655_360 || pixels > 8_294_400) reject(`size ${String(params.size)} out of range: total pixels must be 655360..8294400`);
    // Below the effective floor the upstream silently swaps in a ~1.57 MP image of a similar ratio.
    size = pixels < 2_088_960 ? sizeForRatio(`${parsed.width}:${parsed.height}`, Math.round(Math.sqrt(1_572_864 * Math.max(parsed.width / parsed.height, parsed.height / parsed.width)))) : parsed;
  } else {
    const ratio = (params.aspect_ratio as string | undefined) ?? '1:1';
    const resolution = (params.resolution as string | undefined) ?? '1K';
    const row = aireiterSizes.get(ratio);
    if (!row) reject(`unsupported aspect_ratio: ${ratio}`);
    if (resolution !== '1K' && resolution !== '2K' && resolution !== '4K') reject(`unsupported resolution: ${resolution}`);
    if (official && resolution === '4K' && !row.official4K) reject(`4K does not support aspect_ratio ${ratio}: pixel limit exceeded`);
    if (official && params.quality !== undefined && !['low', 'medium', 'high', 'auto'].includes(String(params.quality))) reject(`unsupported quality: ${String(params.quality)}`);
    size = sizeOf(row, resolution, official, params.prompt);
  }
  if (Array.isArray(params.image_url) && params.image_url.length > 9) reject('image_url accepts at most 9 images');
  return submitAnswer(sim.book.create('aireiter', model, params.prompt, size, outTaskId));
}

/** `[sim:alternative]` in a gpt_image_2 prompt at 1K picks the larger size the table allows there. */
function sizeOf(row: AireiterSizeRow, resolution: AireiterResolution, official: boolean, prompt: string): PixelSize {
  if (official) return resolution === '4K' ? row.official4K! : row[resolution];
  return resolution === '1K' && row.alternative1K && /\[sim:alternative\]/.test(prompt) ? row.alternative1K : row[resolution];
}

function submitAnswer(task: SimTask): unknown {
  const numeric = variantsOf(task.prompt).has('numeric');
  if (task.model === 'gpt_image_2_official') {
    return { code: 200, data: [{ status: numeric ? 0 : 'submitted', task_id: task.id }] };
  }
  return { statusCode: 200, message: '', data: { out_task_id: task.outTaskId, status: numeric ? 0 : 'pending', estimated_credits: 100, created_at: new Date(task.createdAt).toISOString() } };
}

export function aireiterQuery(sim: SimContext, body: unknown): unknown {
  const { out_task_id: outTaskId, task_id: taskId } = (body ?? {}) as { out_task_id?: string; task_id?: string };
  const byOut = outTaskId ? sim.book.byOutTask(outTaskId) : undefined;
  const byId = taskId ? sim.book.byId(taskId) : undefined;
  const officialBy = sim.options.officialQueryBy ?? ['task_id'];
  const task = [byOut && (byOut.model !== 'gpt_image_2_official' || officialBy.includes('out_task_id')) ? byOut : undefined, byId && byId.provider === 'aireiter' && (byId.model !== 'gpt_image_2_official' || officialBy.includes('task_id')) ? byId : undefined].find(Boolean);
  if (!task) {
    if (sim.options.notFoundStyle === 'body400') throw new Rejection(200, { statusCode: 400, message: 'task not found', data: null });
    throw new Rejection(404, { statusCode: 404, message: 'task not found', data: null });
  }
  const { phase, progress, status, error, output } = sim.book.report(task, { queued: 'pending', processing: 'processing', done: 'completed' });
  return {
    statusCode: 200,
    message: '',
    data: aireiterTaskVariant({
      task_id: task.id,
      out_task_id: task.outTaskId,
      status,
      progress,
      created_at: new Date(task.createdAt).toISOString(),
      completed_at: phase === 'done' ? new Date(sim.book.completionTime(task.id)!).toISOString() : null,
      credits_used: phase === 'done' && status === 'completed' ? 100 : 0,
      input: { prompt: task.prompt },
      output,
      error,
    }, variantsOf(task.prompt)),
  };
}

export function aireiterTask(sim: SimContext, taskId: string): unknown {
  const task = sim.book.byId(taskId);
  if (!task || task.provider !== 'aireiter') {
    throw new Rejection(404, { code: 404, message: 'task not found', data: null });
  }
  const { progress, status, error, output } = sim.book.report(task, { queued: 'submitted', processing: 'in_progress', done: 'completed' });
  const images = output.map((item) => ({ url: [item.url], expires_at: Math.floor(sim.now() / 1000) + 86_400 }));
  return { code: 200, data: { id: task.id, status, progress, result: { images }, ...(error ? { error: { message: error } } : {}) } };
}
