// AIReiter's answer shapes, with the variants seen in its docs and in client code.
import * as z from 'zod/mini';

const codeValue = z.union([z.number(), z.string()]);

export const aireiterEnvelope = z.object({
  statusCode: z.optional(codeValue),
  code: z.optional(codeValue),
  message: z.nullish(z.string()),
  msg: z.nullish(z.string()),
  data: z.optional(z.unknown()),
});

export const submitData = z.union([
  z.object({
    out_task_id: z.nullish(z.string()),
    task_id: z.nullish(z.string()),
    status: z.nullish(z.string()),
    estimated_credits: z.nullish(z.number()),
    created_at: z.nullish(codeValue),
  }),
  z.array(z.object({ status: z.nullish(z.string()), task_id: z.nullish(z.string()) })),
]);

const urlList = z.union([z.string(), z.array(z.string())]);

export const taskData = z.object({
  task_id: z.nullish(z.string()),
  id: z.nullish(z.string()),
  status: z.string(),
  progress: z.nullish(z.union([z.number(), z.string()])),
  credits_used: z.nullish(z.number()),
  output: z.nullish(z.array(z.object({ url: urlList }))),
  result: z.nullish(z.object({ images: z.nullish(z.array(z.object({ url: urlList }))), url: z.nullish(urlList) })),
  url: z.nullish(urlList),
  error: z.nullish(z.union([z.string(), z.object({ message: z.nullish(z.string()), code: z.nullish(codeValue) })])),
});

export type AireiterTaskData = z.infer<typeof taskData>;

/** Every image URL the documented variants can carry: output[].url, result.images[].url, url. */
export function imageUrls(data: AireiterTaskData): string[] {
  const flat = (value: string | string[] | null | undefined) => (value == null ? [] : Array.isArray(value) ? value : [value]);
  return [
    ...(data.output ?? []).flatMap((item) => flat(item.url)),
    ...(data.result?.images ?? []).flatMap((item) => flat(item.url)),
    ...flat(data.result?.url),
    ...flat(data.url),
  ].filter((url, index, all) => url.length > 0 && all.indexOf(url) === index);
}
