// OpenAI Images API answers. Images arrive as b64_json (streamed out before parsing) or url.
// A 2xx answer is read leniently: only the image is required. Gateways wrap it (JimmyAI's
// `{ code, msg, data: { data: [...] } }` under /api/open-api), send `created` as a string, add
// fields, or leave bytes after the JSON; none of that may cost an image that arrived.
import * as z from 'zod/mini';
import { firstText, record, text, urls } from '../lenientFields';

export const errorAnswer = z.object({
  error: z.object({ message: z.nullish(z.string()), type: z.nullish(z.string()), code: z.nullish(z.union([z.string(), z.number()])), param: z.nullish(z.string()) }),
});

/** What a 2xx answer says once its b64_json images were streamed out of it. */
export type ImagesAnswerReading =
  | { readonly kind: 'urls'; readonly urls: readonly string[] }
  /** An OpenAI `error` object and no image. */
  | { readonly kind: 'error'; readonly error: unknown }
  /** A gateway wrapper whose code is not a success, and no image. */
  | { readonly kind: 'bodyCode'; readonly code: string; readonly message: string | undefined }
  | { readonly kind: 'noImage'; readonly what: string };

/** Wrapper codes that mean success: JimmyAI's 20000, and the 0 / 200 other gateways use. */
const successCodes = new Set(['0', '200', '20000']);

/**
 * The first JSON value in `text`: the whole text when it parses, else the value that opens it
 * when something follows (a gateway's trailing newline-and-junk, a second object, NUL padding).
 */
export function parseLeadingJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const end = endOfLeadingValue(text);
    if (end === undefined) return undefined;
    try {
      return JSON.parse(text.slice(0, end));
    } catch {
      return undefined;
    }
  }
}

/** Where the object or array that opens `text` closes (brackets counted outside strings). */
function endOfLeadingValue(text: string): number | undefined {
  const start = text.search(/\S/);
  if (start < 0 || (text[start] !== '{' && text[start] !== '[')) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if ((char === '}' || char === ']') && --depth === 0) {
      return i + 1;
    }
  }
  return undefined;
}

/** The image items: OpenAI's `data[]`, or `data.data[]` inside a gateway's wrapper. */
function imageItems(body: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(body.data)) return body.data;
  const inner = record(body.data)?.data;
  return Array.isArray(inner) ? inner : undefined;
}

/**
 * Reads the skeleton of a 2xx answer whose b64_json images (if any) were already taken out.
 * Called only when no image was saved: it finds URL images, or says why there are none.
 */
export function readImagesAnswer(skeletonText: string): ImagesAnswerReading {
  const body = record(parseLeadingJson(skeletonText));
  if (!body) return { kind: 'noImage', what: 'the answer is not JSON' };
  const items = imageItems(body);
  const found = (items ?? []).flatMap((item) => urls(record(item)?.url));
  if (found.length > 0) return { kind: 'urls', urls: found };
  if (record(body.error)) return { kind: 'error', error: body.error };
  const code = text(body.code) ?? text(body.statusCode);
  if (code !== undefined && !successCodes.has(code)) {
    return { kind: 'bodyCode', code, message: firstText(body, ['msg', 'message', 'error']) };
  }
  return { kind: 'noImage', what: items ? 'the answer has no image' : 'the answer has no data[]' };
}

/** JimmyAI's wrapper codes → the HTTP-like status the classifier understands (providers.md §2). */
const wrapperCodeMeaning: Record<string, number> = { '20001': 401, '20002': 400, '-1': 500 };

/** The status a failing wrapper code stands for; 0 when it says nothing an HTTP status would. */
export function statusOfBodyCode(code: string): number {
  const numeric = Number(code);
  return wrapperCodeMeaning[code] ?? (Number.isInteger(numeric) && numeric >= 400 && numeric < 600 ? numeric : 0);
}
