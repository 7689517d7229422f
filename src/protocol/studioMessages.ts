// The one message protocol between the studio webview and the extension host. Both sides import
// this file and validate everything they receive: a webview is untrusted input to the host, and a
// host message that fails validation means the two bundles are out of step.
// zod/mini keeps both bundles small (≈20 KB instead of ≈300 KB for classic zod).
import * as z from 'zod/mini';
import { maxCandidates } from '../core/candidates/candidateCount';
import { outputOptionsSchema, maxWidths } from '../core/output/outputOptions';
import { studioStringKeys } from './studioStringKeys';

const taskState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
const requestId = z.number().check(z.int(), z.minimum(0));
const shortText = z.string().check(z.maxLength(500));

export { studioStringKeys };
export type StudioStrings = Readonly<Record<(typeof studioStringKeys)[number], string>>;
/** One of several candidates of one request (TaskRecord.candidate, without its engine-only parts). */
const candidateMark = z.object({ group: z.string().check(z.maxLength(200)), index: z.number().check(z.int(), z.minimum(1), z.maximum(8)), count: z.number().check(z.int(), z.minimum(2), z.maximum(8)), picked: z.optional(z.boolean()) });

const studioStringsSchema = z.object(Object.fromEntries(studioStringKeys.map((key) => [key, z.string().check(z.maxLength(2_000))])) as Record<(typeof studioStringKeys)[number], z.ZodMiniString>);

export const taskSummarySchema = z.object({
  id: z.string().check(z.maxLength(200)),
  prompt: z.string().check(z.maxLength(32_000)),
  model: z.string().check(z.maxLength(200)),
  state: taskState,
  progress: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  startedAt: z.number(),
  finishedAt: z.optional(z.number()),
  pixels: z.optional(shortText),
  estimatedCredits: z.optional(z.number()),
  error: z.optional(z.string().check(z.maxLength(2_000))),
  /** Which streamed partial image the task shows: its bytes come in a `preview` message. */
  preview: z.optional(z.object({ index: z.number().check(z.int(), z.minimum(1)), total: z.number().check(z.int(), z.minimum(1)) }).check(z.refine((p) => p.index <= p.total, 'index past total'))),
  /** Past its deadline and still running at the provider. */
  overdue: z.optional(z.boolean()),
  candidate: z.optional(candidateMark),
});

export const galleryItemSchema = z.object({
  id: z.string().check(z.maxLength(200)),
  prompt: z.string().check(z.maxLength(32_000)),
  model: shortText,
  imageSrc: z.string().check(z.maxLength(4_000)),
  path: z.string().check(z.maxLength(4_000)),
  pixels: z.optional(shortText),
  createdAt: z.number(),
  /** One of several candidates of one request (TaskRecord.candidate, without its engine-only parts). */
  candidate: z.optional(candidateMark),
  /** The image this one was made from (Regenerate, Variation, Edit…), while its file is there: Compare shows before and after. */
  basedOn: z.optional(z.object({ imageSrc: z.string().check(z.maxLength(4_000)), path: z.string().check(z.maxLength(4_000)) })),
});

const spendUnit = z.enum(['credits', 'images']);
const amount = z.number().check(z.minimum(0));

/** The workspace's spending ledger as the studio shows it: today against the caps, the last 30 days by day and by model. */
export const spendingSchema = z.object({
  /** Today's spend of each provider with a cap; empty without a budget. */
  today: z.array(z.object({ provider: shortText, name: shortText, unit: spendUnit, spent: amount, agentsSpent: amount, monthSpent: amount, caps: z.object({ perCall: z.optional(amount), perDay: z.optional(amount), perMonth: z.optional(amount), agentsPerDay: z.optional(amount) }) })).check(z.maxLength(20)),
  /** Newest day first; each day's amounts one per unit (credits and images are never added up). */
  days: z.array(z.object({ day: shortText, tasks: z.number().check(z.int(), z.minimum(0)), amounts: z.array(z.object({ unit: spendUnit, cost: amount, estimated: z.boolean() })).check(z.maxLength(4)) })).check(z.maxLength(31)),
  models: z.array(z.object({ model: shortText, provider: shortText, unit: spendUnit, tasks: z.number().check(z.int(), z.minimum(0)), cost: amount, estimated: z.boolean() })).check(z.maxLength(200)),
  /** Where the ledger is, relative to the workspace; absent without a folder on disk. */
  ledger: z.optional(z.string().check(z.maxLength(4_000))),
  /** Why the ledger could not be read now (the tables are then empty). */
  problem: z.optional(z.string().check(z.maxLength(2_000))),
});

/**
 * Output options as they cross the boundary (both ways): the core's shape, with as many widths as
 * a set can sensibly have (a page is untrusted; each width is a file written).
 */
export const studioOutputSchema = z.extend(outputOptionsSchema, { widths: z.optional(z.readonly(z.array(z.number()).check(z.maxLength(maxWidths)))) });

/** A preset from .vscode/imagegen.json as the form applies it (the host re-reads it by id when asked to use it). */
export const studioPresetSchema = z.object({
  id: z.string().check(z.maxLength(4_000)),
  label: shortText,
  summary: shortText,
  description: z.optional(shortText),
  style: z.optional(z.string().check(z.maxLength(2_000))),
  model: shortText,
  aspectRatio: z.optional(shortText),
  resolution: z.optional(shortText),
  size: z.optional(shortText),
  quality: z.optional(shortText),
  referencePaths: z.array(z.string().check(z.maxLength(4_000))).check(z.maxLength(16)),
  output: z.optional(studioOutputSchema),
  /** How many candidates the form starts with for this preset (1–8). */
  count: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(maxCandidates))),
});

/** What the studio submits: the same fields validateGeneration takes, plus workspace reference files. */
export const generationRequestSchema = z.object({
  /** The preset the form started from: the host appends its style to the prompt. */
  presetId: z.optional(z.string().check(z.maxLength(4_000))),
  modelKey: shortText,
  prompt: z.string().check(z.maxLength(32_000)),
  aspectRatio: z.optional(shortText),
  resolution: z.optional(shortText),
  size: z.optional(shortText),
  quality: z.optional(shortText),
  referencePaths: z.array(z.string().check(z.maxLength(4_000))).check(z.maxLength(16)),
  /** What is delivered; validateGeneration checks its rules on both sides. */
  output: z.optional(studioOutputSchema),
  /** How many candidates to make and pick one from (1–8; 1 or absent: one image, linked when it arrives). */
  count: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(maxCandidates))),
});

/** Commands the webview may ask the host to run; anything else is refused. */
export const studioCommandIds = ['imagegen.showTasks', 'imagegen.setApiKey'] as const;
export const galleryActions = ['open', 'insert', 'reveal', 'copyPath', 'rerun', 'delete'] as const;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('runCommand'), requestId, command: z.enum(studioCommandIds) }),
  z.object({ type: z.literal('generate'), requestId, request: generationRequestSchema }),
  z.object({ type: z.literal('pickReferences'), requestId }),
  z.object({ type: z.literal('cancelTask'), requestId, taskId: z.string().check(z.maxLength(200)) }),
  z.object({ type: z.literal('galleryAction'), requestId, action: z.enum(galleryActions), taskId: z.string().check(z.maxLength(200)) }),
  z.object({ type: z.literal('openSpendingLedger'), requestId }),
  /** Pick this candidate: its link goes where the request's was to go (pipeline.pick). */
  z.object({ type: z.literal('pickCandidate'), requestId, taskId: z.string().check(z.maxLength(200)) }),
]);

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    tasks: z.array(taskSummarySchema),
    gallery: z.array(galleryItemSchema),
    defaultModel: shortText,
    /** `openai:<id>` keys the OpenAI-compatible endpoint lists (GET /v1/models), offered beside the catalog's models. */
    listedModels: z.optional(z.array(shortText).check(z.maxLength(500))),
    trusted: z.boolean(),
    presets: z.array(studioPresetSchema).check(z.maxLength(200)),
    strings: studioStringsSchema,
  }),
  // A streamed partial image of a running task, as bytes (never a data: URL or a path): the
  // webview shows it through a blob: URL. Parts are joined there, so the host never copies them.
  z.object({
    type: z.literal('preview'),
    taskId: z.string().check(z.maxLength(200)),
    index: z.number().check(z.int(), z.minimum(1)),
    total: z.number().check(z.int(), z.minimum(1)),
    mimeType: z.enum(['image/png', 'image/jpeg', 'image/webp']),
    // Each part must be its whole ArrayBuffer: VS Code sends a typed array's entire buffer, and a
    // view into Node's shared pool would carry other bytes (headers, keys) to the webview.
    parts: z
      .array(z.instanceof(Uint8Array).check(z.refine((part) => part.byteOffset === 0 && part.byteLength === part.buffer.byteLength, 'a part must own its whole buffer')))
      .check(z.minLength(1), z.maxLength(4_096)),
  }).check(z.refine((message) => message.index <= message.total, 'index past total')),
  z.object({ type: z.literal('previewCleared'), taskId: z.string().check(z.maxLength(200)) }),
  z.object({ type: z.literal('spending'), spending: spendingSchema }),
  /** Scroll to a section and move the focus into it (Show Spending opens the studio at its spending). */
  z.object({ type: z.literal('focusSection'), section: z.enum(['spending']) }),
  z.object({
    type: z.literal('reply'),
    requestId,
    ok: z.boolean(),
    message: z.optional(z.string().check(z.maxLength(2_000))),
    referencePaths: z.optional(z.array(z.string().check(z.maxLength(4_000)))),
  }),
]);

export type WebviewToHost = z.infer<typeof webviewToHostSchema>;
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;
export type StudioState = Extract<HostToWebview, { type: 'state' }>;
export type PreviewMessage = Extract<HostToWebview, { type: 'preview' }>;
export type GenerationRequestMessage = z.infer<typeof generationRequestSchema>;
export type StudioPreset = z.infer<typeof studioPresetSchema>;
export type GalleryItem = z.infer<typeof galleryItemSchema>;
export type StudioSpending = z.infer<typeof spendingSchema>;
