// OpenAI Images API answers. Images arrive as b64_json (streamed out before parsing) or url.
import * as z from 'zod/mini';

export const imagesAnswer = z.object({
  created: z.nullish(z.number()),
  data: z.array(z.object({ b64_json: z.nullish(z.string()), url: z.nullish(z.string()), revised_prompt: z.nullish(z.string()) })),
});

export const errorAnswer = z.object({
  error: z.object({ message: z.nullish(z.string()), type: z.nullish(z.string()), code: z.nullish(z.union([z.string(), z.number()])), param: z.nullish(z.string()) }),
});
