// Everything ImageGen remembers about one generation: enough to show it, retry it with the
// same settings, and resume it after a reload. Persisted, so validated on the way back in.
import * as z from 'zod/mini';
import { ledgerHosts } from '../budget/ledgerEntry';
import { assetSetKinds, outputOptionsSchema } from '../output/outputOptions';
import type { TaskSummary } from './taskSummary';

/** A candidate's mark: its group, which of how many, whether it was picked, the task whose request brings its image. */
export const candidateMarkSchema = z.object({
  group: z.string().check(z.maxLength(200)),
  index: z.number().check(z.int(), z.minimum(1), z.maximum(8)),
  count: z.number().check(z.int(), z.minimum(2), z.maximum(8)),
  picked: z.optional(z.boolean()),
  viaTask: z.optional(z.string().check(z.maxLength(200))),
});

export const taskRecordSchema = z.object({
  id: z.string(),
  input: z.object({
    modelKey: z.string(),
    prompt: z.string(),
    aspectRatio: z.optional(z.string()),
    resolution: z.optional(z.string()),
    size: z.optional(z.string()),
    quality: z.optional(z.string()),
    referenceImages: z.optional(z.array(z.string())),
    output: z.optional(outputOptionsSchema),
  }),
  state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.optional(z.number()),
  createdAt: z.number(),
  finishedAt: z.optional(z.number()),
  pixels: z.optional(z.string()),
  estimatedCredits: z.optional(z.number()),
  taskId: z.optional(z.string()),
  /** When the provider accepted the task; its deadline counts from here. */
  acceptedAt: z.optional(z.number()),
  /** Until when the task is followed at the normal pace; after it the user is asked. */
  deadlineAt: z.optional(z.number()),
  overdue: z.optional(z.boolean()),
  preview: z.optional(z.object({ index: z.number().check(z.int(), z.minimum(1)), total: z.number().check(z.int(), z.minimum(1)) }).check(z.refine((p) => p.index <= p.total))),
  imageUri: z.optional(z.string()),
  /**
   * The provider's image, saved (a local path) while the output is still being made from it: a
   * host that stops then finds the paid image here on its next start and delivers it from the file,
   * never asking the provider again or calling it lost. Gone once the task is done.
   */
  savedImage: z.optional(z.object({ path: z.string().check(z.maxLength(4_000)), width: z.number(), height: z.number(), format: z.enum(['png', 'jpeg', 'webp']), bytes: z.number() })),
  /** An asset set's files (URIs and sizes), `imageUri` among them: what its markup links. */
  assetSet: z.optional(z.object({ kind: z.enum(assetSetKinds), files: z.array(z.object({ uri: z.string(), width: z.number(), height: z.number() })).check(z.maxLength(64)) })),
  /** `mayHaveCharged`: the request may have been billed and was not sent again; a retry may charge again. */
  error: z.optional(z.object({ kind: z.string(), message: z.string(), mayHaveCharged: z.optional(z.boolean()) })),
  /** Where the link goes; `prefix` separates it from the text before (a blank line after a paragraph). */
  // `replace`: the link text right before `offset` that the new link replaces (Regenerate).
  target: z.optional(z.object({ uri: z.string(), offset: z.number(), languageId: z.string(), prefix: z.optional(z.string()), replace: z.optional(z.string().check(z.maxLength(4_000))) })),
  /** A folder the caller chose for this image (an agent's tool call), relative to the workspace folder; else the settings decide. */
  saveFolder: z.optional(z.string().check(z.maxLength(1_000))),
  /**
   * With no insertion target: where the image goes, fixed when it was checked (before paying) so
   * focusing or closing documents later never moves it. A workspace folder (URI), a folder
   * relative to it (confined again by real path when used) and the file's base name.
   */
  savePlace: z.optional(z.object({ workspaceFolder: z.string().check(z.maxLength(4_000)), folder: z.string().check(z.maxLength(4_000)), baseName: z.string().check(z.maxLength(1_000)) })),
  /** Whether the image's link went into the target document (an agent's tool reports it). */
  linkInserted: z.optional(z.boolean()),
  /** A fingerprint of the base URL the request was sent to (not the URL: it may hold credentials); a task is followed only there. */
  endpoint: z.optional(z.string().check(z.maxLength(200))),
  /** Who asked for it, as the spending ledger counts it (an agent's calls have their own cap); set when its cost was reserved. */
  spentBy: z.optional(z.enum(ledgerHosts)),
  /**
   * One of several candidates made for one request (count 2–8): its link is not inserted when it
   * arrives; the one the user picks is (at the group's place), the others stay in the gallery.
   * `viaTask`: the task whose single request (OpenAI `n`) brings this candidate's image too.
   */
  candidate: z.optional(candidateMarkSchema),
  /** The image (URI) this one was made from: Regenerate replaces its link, Variation and Edit… start from it. The studio compares the two. */
  basedOn: z.optional(z.string().check(z.maxLength(4_000))),
  /** What the provider said it charged, once the task succeeded. */
  creditsUsed: z.optional(z.number()),
  /** What to know beside the state (a call that ended while its request was on its way, a key the host cannot ask for). */
  note: z.optional(z.string().check(z.maxLength(4_000))),
});

export type TaskRecord = z.infer<typeof taskRecordSchema>;

export function summaryOf(record: TaskRecord): TaskSummary {
  return {
    id: record.id,
    prompt: record.input.prompt,
    model: record.input.modelKey,
    state: record.state,
    startedAt: record.createdAt,
    ...(record.progress !== undefined ? { progress: record.progress } : {}),
    ...(record.finishedAt !== undefined ? { finishedAt: record.finishedAt } : {}),
    ...(record.preview !== undefined ? { preview: record.preview } : {}),
    ...(record.overdue ? { overdue: true } : {}),
  };
}
