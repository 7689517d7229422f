// OpenAI's `background` (transparent | opaque | auto), checked as the Images API checks it
// [docs: openai-images.openapi.json]: only GPT image models take it, and `transparent` needs
// output_format png or webp. gpt-image-2's transparency is a preview that some accounts are
// refused with HTTP 400 "Transparent background is not supported for this model" [3p,
// providers.md §5]: `[sim:transparentUnsupported]` in a prompt plays such an account (nothing is
// made or charged; any other background is served as usual).
import { Rejection } from './answerShapes';

export type SimBackground = 'transparent' | 'opaque' | 'auto';

const values: readonly string[] = ['transparent', 'opaque', 'auto'];

function refuse(message: string, code: string | null): never {
  throw new Rejection(400, { error: { message, type: 'invalid_request_error', code, param: 'background' } });
}

/** The background a request asks for (undefined when it names none), or the 400 OpenAI answers. */
export function readBackground(fields: Record<string, unknown>, model: string, prompt: string): SimBackground | undefined {
  const { background } = fields;
  if (background === undefined || background === null) return undefined;
  if (typeof background !== 'string' || !values.includes(background)) {
    refuse(`Invalid value: '${String(background)}'. Supported values are: 'transparent', 'opaque', and 'auto'.`, 'invalid_value');
  }
  if (/^dall-e/i.test(model)) refuse(`The 'background' parameter is only supported for GPT image models.`, 'unsupported_parameter');
  if (background === 'transparent') {
    const format = String(fields.output_format ?? 'png');
    // The wording is ours [assume]; that jpeg is refused is documented.
    if (format !== 'png' && format !== 'webp') refuse(`Transparent background requires output_format 'png' or 'webp', got '${format}'.`, 'invalid_value');
    if (/\[sim:transparentUnsupported\]/.test(prompt)) refuse('Transparent background is not supported for this model', null);
  }
  return background as SimBackground;
}
