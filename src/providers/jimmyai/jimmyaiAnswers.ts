// JimmyAI's answer shapes: `code` is a string in async answers and a number in sync ones.
import * as z from 'zod/mini';

const codeValue = z.union([z.number(), z.string()]);
const urlList = z.union([z.string(), z.array(z.string())]);

export const jimmyEnvelope = z.object({
  code: codeValue,
  msg: z.nullish(z.string()),
  message: z.nullish(z.string()),
  data: z.optional(z.unknown()),
});

export const createData = z.object({
  task_id: z.string().check(z.minLength(1)),
  status: z.nullish(z.string()),
  model: z.nullish(z.string()),
  created_at: z.nullish(codeValue),
});

export const taskData = z.object({
  task_id: z.nullish(z.string()),
  status: z.string(),
  progress: z.nullish(z.union([z.number(), z.string()])),
  result: z.nullish(z.object({ image_url: z.nullish(urlList), image_urls: z.nullish(z.array(z.string())), video_url: z.nullish(urlList) })),
  error_message: z.nullish(z.string()),
});
