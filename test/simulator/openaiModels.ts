// The models the simulated OpenAI endpoint serves, as OpenAI's GET /v1/models describes them
// (`shutdown_date` YYYY-MM-DD on the ones announced for retirement, OpenAI's deprecations page),
// and its refusals of shut-down ones: 404 `model_not_found` as OpenAI answers, or a gateway's
// 400 "has been deprecated" wording. Any other id is served, as gateways serve their own names.
import { Rejection } from './answerShapes';

// Written from OpenAI's deprecations page, independently of ImageGen's own table.
const shutDown: Readonly<Record<string, { readonly date: string; readonly answer: 'notFound' | 'deprecated' }>> = {
  'gpt-image-1': { date: '2026-10-23', answer: 'notFound' },
  'gpt-image-1.5': { date: '2026-12-01', answer: 'deprecated' },
  'gpt-image-1.5-2025-12-16': { date: '2026-12-01', answer: 'notFound' },
  'gpt-image-1-mini': { date: '2026-12-01', answer: 'deprecated' },
  'chatgpt-image-latest': { date: '2026-12-01', answer: 'notFound' },
};

const live = ['gpt-image-2', 'gpt-image-2-2026-04-21', 'gpt-image-2.5', 'gpt-image-2.5-2026-09-08', 'gpt-4.1-mini', 'text-embedding-3-small'];

/** The body of GET /v1/models. */
export function modelList(created: number): unknown {
  return {
    object: 'list',
    data: [
      ...live.map((id) => ({ id, object: 'model', created, owned_by: 'system', shutdown_date: null })),
      ...Object.entries(shutDown).map(([id, { date }]) => ({ id, object: 'model', created, owned_by: 'system', shutdown_date: date })),
    ],
  };
}

/** Throws the refusal of a shut-down model. */
export function refuseShutDownModel(model: string): void {
  const retired = shutDown[model];
  if (!retired) return;
  if (retired.answer === 'notFound') {
    throw new Rejection(404, { error: { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found', param: null } });
  }
  throw new Rejection(400, { error: { message: `The model ${model} has been deprecated as of ${retired.date}. Learn more: https://platform.openai.com/docs/deprecations`, type: 'invalid_request_error', code: null, param: 'model' } });
}
