// The one message protocol between the studio webview and the extension host. Both sides import
// this file and validate everything they receive: a webview is untrusted input to the host, and a
// host message that fails validation means the two bundles are out of step.
// zod/mini keeps both bundles small (≈20 KB instead of ≈300 KB for classic zod).
import * as z from 'zod/mini';

const taskState = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
const requestId = z.number().check(z.int(), z.minimum(0));

export const taskSummarySchema = z.object({
  id: z.string().check(z.maxLength(200)),
  prompt: z.string().check(z.maxLength(32_000)),
  model: z.string().check(z.maxLength(200)),
  state: taskState,
  progress: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
  startedAt: z.number(),
  finishedAt: z.optional(z.number()),
});

/** Commands the webview may ask the host to run; anything else is refused. */
export const studioCommandIds = ['imagegen.showTasks'] as const;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('runCommand'), requestId, command: z.enum(studioCommandIds) }),
]);

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('state'),
    tasks: z.array(taskSummarySchema),
    strings: z.record(z.string(), z.string()),
  }),
  z.object({ type: z.literal('reply'), requestId, ok: z.boolean(), message: z.optional(z.string()) }),
]);

export type WebviewToHost = z.infer<typeof webviewToHostSchema>;
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;
