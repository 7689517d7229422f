// The server's tools: list_models, generate_image, get_task and list_tasks. Inputs are checked by the
// SDK with these zod shapes and then by the same rules as the extension (core/agent); every
// problem is a tool error in plain words (the SDK turns a thrown error into one, never a stack).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { readFile } from 'node:fs/promises';
import * as z from 'zod/mini';
import { checkGenerateImageInput } from '../core/agent/generateImageInput';
import type { OutputParamNames } from '../core/output/outputParams';
import { imageMimeType } from '../core/images/imageInfo';
import { altTextFromPrompt, formatImageLink } from '../core/insert/imageLink';
import { defaultModelKey } from '../core/catalog/generationDraft';
import { modelKeyProblem } from '../core/catalog/modelKeys';
import { describeOfferedModels, unlistedModelsNote } from '../core/catalog/modelDescriptions';
import type { StandaloneTask, StandaloneTasks } from '../hosts/standalone/standaloneTasks';
import { maxInlineImageBytes } from '../core/agent/inlineImages';
import { candidateCountProblem, maxCandidates } from '../core/candidates/candidateCount';
import { candidatesAnswer, groupProgress } from './candidatesAnswer';
import { factsOf } from './taskFacts';
// Below the 60 s an SDK client waits by default: the call returns with the task id instead of timing out.
const defaultPatienceSeconds = 45;

const said = <T>(text: string) => z.describe<T>(text);
/** A count outside 1–8 is refused in the words every host uses (the checks stay for the advertised schema). */
const countProblem = (issue: { readonly input?: unknown }) => candidateCountProblem(Number(issue.input)) ?? 'not a number of candidates';

const generateImageShape = {
  prompt: z.string().check(z.minLength(1), z.maxLength(32_000), said('What to draw.')),
  // A string checked by the catalog's rules, not an enum: OpenAI-compatible endpoints take any id.
  model: z.optional(z.string().check(z.maxLength(200), z.refine((key) => modelKeyProblem(key) === undefined, { error: (issue) => modelKeyProblem(String(issue.input)) ?? 'unknown model' }), said(`provider:model, see list_models (any openai:<id> your endpoint serves works too); default ${defaultModelKey}.`))),
  aspect_ratio: z.optional(z.string().check(z.maxLength(20), said('e.g. 16:9; or give size instead.'))),
  size: z.optional(z.string().check(z.maxLength(20), said('Exact WIDTHxHEIGHT, for models that take one (see list_models).'))),
  resolution: z.optional(z.string().check(z.maxLength(20), said('1K, 2K or 4K where the model has them.'))),
  quality: z.optional(z.string().check(z.maxLength(20), said('Where the model has qualities (see list_models).'))),
  reference_images: z.optional(z.array(z.string().check(z.maxLength(1_000))).check(z.maxLength(16), said('PNG, JPEG or WebP files, relative to the workspace.'))),
  // Strings, not enums: a wrong value is answered with outputParams' sentence, naming it and what is allowed.
  output_format: z.optional(z.string().check(z.maxLength(20), said('png, webp, avif or jpeg: the saved file; without any output_* option the provider image is saved as it is.'))),
  // A number or its digits ("80", as agents often send): outputParams reads both and says what is wrong with anything else.
  output_quality: z.optional(z.union([z.number(), z.string().check(z.maxLength(20))]).check(said('0-100 for webp, avif, jpeg (defaults 80, 60, 85); not for png.'))),
  output_size: z.optional(z.string().check(z.maxLength(40), said('Exact pixels of the saved file, WIDTHxHEIGHT, e.g. 1200x630, reached by fit; size is what the model renders.'))),
  fit: z.optional(z.string().check(z.maxLength(20), said('How output_size is reached: cover crops (default), contain pads, fill stretches.'))),
  background: z.optional(z.string().check(z.maxLength(20), said('transparent (png or webp), opaque or auto (default).'))),
  asset_set: z.optional(z.string().check(z.maxLength(20), said('favicon (ICO and PNGs 16-512), og-card (1200x630) or responsive (WebP at each of widths; output_format is the png or jpeg fallback).'))),
  // Bounded only against abuse: too many widths is outputOptions' sentence ("at most 16"), as in every host.
  widths: z.optional(z.union([z.array(z.union([z.number(), z.string().check(z.maxLength(10))])).check(z.maxLength(1_000)), z.string().check(z.maxLength(2_000))]).check(said('Widths of a responsive set, e.g. [640, 1280]; default [640, 1280, 1920].'))),
  avif: z.optional(z.boolean().check(said('Also write AVIF files in a responsive set.'))),
  output_folder: z.optional(z.string().check(z.maxLength(1_000), said('Folder relative to the workspace; default "assets".'))),
  count: z.optional(z.number().check(z.int({ error: countProblem }), z.minimum(1, { error: countProblem }), z.maximum(maxCandidates, { error: countProblem }), said(`How many candidates of this request to make, 1-${maxCandidates} (default 1), each saved as its own file and charged; one request where the provider makes several at once. None is linked anywhere: pick one and use its path.`))),
  wait_seconds: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(3_600), said(`How long to wait before returning the task id instead (default ${defaultPatienceSeconds}); follow it with get_task.`))),
};

const listTasksShape = {
  unfinished_only: z.optional(z.boolean().check(said('Only tasks still being sent or running at the provider.'))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100), said('At most this many tasks, newest first (default 20).'))),
};

type GenerateImageArgs = z.infer<z.ZodMiniObject<typeof generateImageShape>>;

/** The output parameters as this server names them, so a refusal says what the client sent. */
const outputNames: OutputParamNames = { format: 'output_format', quality: 'output_quality', size: 'output_size', fit: 'fit', background: 'background', assetSet: 'asset_set', widths: 'widths', avif: 'avif' };

export function registerTools(server: McpServer, tasks: StandaloneTasks): void {
  server.registerTool('list_models', { title: 'List image models', description: `The image models this server can use, with their aspect ratios, resolutions, qualities, exact-size rules and reference image limits, and whether a key for their provider is set. ${unlistedModelsNote}`, annotations: { readOnlyHint: true } }, () => ({
    content: [{ type: 'text', text: JSON.stringify(describeOfferedModels(), null, 2) }],
  }));

  server.registerTool(
    'generate_image',
    {
      title: 'Generate an image',
      description: 'Generates an image with an AI provider (this costs credits) and saves it inside the workspace with its prompt and settings (in the PNG, or beside a JPEG/WebP). Waits up to wait_seconds with progress notifications and returns the saved path, pixels, credits and the image; a task still running then (or whose call was cancelled or timed out once its request was sent: it may have reached the provider) goes on, is named in the log and found with get_task or list_tasks, also after a restart of the server. With count 2-8 it makes that many candidates of the request (each saved as its own file and charged) and answers with every one: ids, states, paths and the images within the answer\'s size limit; none is linked, you pick one.',
      inputSchema: generateImageShape,
      annotations: { openWorldHint: true, destructiveHint: false },
    },
    async (args, extra) => {
      const { input, folder, count } = checkedInput(args);
      const token = extra._meta?.progressToken;
      const onProgress = (progress: number, message: string) => {
        if (token !== undefined) void extra.sendNotification({ method: 'notifications/progress', params: { progressToken: token, progress, total: 100, message } }).catch(() => undefined);
      };
      onProgress(0, 'Sending to the provider…');
      const patience = () => new Promise<'waited'>((resolve) => setTimeout(resolve, (args.wait_seconds ?? defaultPatienceSeconds) * 1000, 'waited').unref());
      const cancelled = () => new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve(), { once: true }));
      if (count > 1) {
        // Every candidate waits the same wait_seconds; the answer names each one as it stands then.
        const started = await tasks.startCandidates({ input, folder, onProgress: groupProgress(count, onProgress), signal: extra.signal }, count);
        await Promise.race([Promise.all(started.map(({ task }) => task.ended)), patience(), cancelled()]);
        started.forEach(({ detach }) => detach());
        return candidatesAnswer(started.map(({ task }) => task));
      }
      const { task, detach } = await tasks.start({ input, folder, onProgress, signal: extra.signal });
      await Promise.race([task.ended, patience(), cancelled()]);
      detach();
      return resultOf(task);
    },
  );

  server.registerTool(
    'get_task',
    { title: 'Get an image task', description: 'The status of a generate_image task that was still running when its call returned; once it has succeeded, the saved path, pixels, credits and the image.', inputSchema: { id: z.string().check(z.minLength(1), z.maxLength(200), said('The task id generate_image returned.')) }, annotations: { readOnlyHint: true } },
    async ({ id }) => {
      const task = tasks.get(id);
      if (!task) throw new Error(`No task ${id} in this server: it remembers the tasks of the last week (in .imagegen/mcp-tasks.json); list_tasks shows them. Call generate_image again only if you are sure the first one did not reach the provider.`);
      return resultOf(task);
    },
  );

  server.registerTool(
    'list_tasks',
    { title: 'List image tasks', description: 'The generate_image tasks this server remembers (also from before a restart), newest first: id, state, model, prompt, saved path or error, and whether a request may have been charged without a result.', inputSchema: listTasksShape, annotations: { readOnlyHint: true } },
    ({ unfinished_only, limit }) => {
      const listed = tasks.list().filter((task) => !unfinished_only || task.state === 'submitting' || task.state === 'running').slice(0, limit ?? 20).map((task) => ({ ...factsOf(task), prompt: task.input.prompt.slice(0, 120) }));
      return { content: [{ type: 'text', text: listed.length > 0 ? JSON.stringify(listed, null, 2) : 'No tasks.' }], structuredContent: { tasks: listed } };
    },
  );
}

/** The extension's own checks on the arguments (model rules, paths inside the workspace). */
function checkedInput(args: GenerateImageArgs) {
  const check = checkGenerateImageInput(
    {
      prompt: args.prompt,
      ...(args.model !== undefined ? { model: args.model } : {}),
      ...(args.aspect_ratio !== undefined ? { aspectRatio: args.aspect_ratio } : {}),
      ...(args.size !== undefined ? { size: args.size } : {}),
      ...(args.resolution !== undefined ? { resolution: args.resolution } : {}),
      ...(args.quality !== undefined ? { quality: args.quality } : {}),
      ...(args.reference_images !== undefined ? { referenceImages: args.reference_images } : {}),
      ...(args.output_folder !== undefined ? { folder: args.output_folder } : {}),
      ...(args.output_format !== undefined ? { outputFormat: args.output_format } : {}),
      ...(args.output_quality !== undefined ? { outputQuality: args.output_quality } : {}),
      ...(args.output_size !== undefined ? { outputSize: args.output_size } : {}),
      ...(args.fit !== undefined ? { fit: args.fit } : {}),
      ...(args.background !== undefined ? { background: args.background } : {}),
      ...(args.asset_set !== undefined ? { assetSet: args.asset_set } : {}),
      ...(args.widths !== undefined ? { widths: args.widths } : {}),
      ...(args.avif !== undefined ? { avif: args.avif } : {}),
      ...(args.count !== undefined ? { count: args.count } : {}),
    },
    defaultModelKey,
    outputNames,
  );
  if (!check.ok) throw new Error(`Not sent: ${check.problems.join(' ').replaceAll('referenceImages:', 'reference_images:').replaceAll('folder:', 'output_folder:')}`);
  return { input: check.request.input, folder: check.request.folder ?? 'assets', count: check.request.count ?? 1 };
}

async function resultOf(task: StandaloneTask): Promise<CallToolResult> {
  const facts = factsOf(task);
  const credits = facts.credits;
  if (task.state === 'failed' || task.state === 'cancelled' || task.state === 'unconfirmed') {
    const answer = task.state === 'unconfirmed' ? `Not known whether it was generated (it may have been charged): ${task.error ?? ''}` : `Not generated: ${task.error ?? task.state}`;
    return { isError: true, content: [{ type: 'text', text: answer }], structuredContent: { ...facts, error: task.error ?? task.state } };
  }
  if ((task.state === 'submitting' || task.state === 'running') && !task.followed) {
    // Left as it is (no key here, another base URL): saying "followed on" would have an agent wait for ever.
    const why = task.note ?? `This server cannot follow it from its environment; it ${task.state === 'running' ? 'was accepted' : 'may have reached the provider'} and may be charged.`;
    return { content: [{ type: 'text', text: `Not followed by this server, so its state will not change here: ${why} Do not call generate_image again for it; that would be charged again.` }], structuredContent: facts };
  }
  if (task.state !== 'succeeded' || !task.absolutePath) {
    const where =
      task.state === 'submitting'
        ? `Sent to the provider; its answer has not arrived yet. The request may have reached the provider and may be charged: the task is kept and followed on, and its image saved when done`
        : `Still running at the provider${task.progress !== undefined ? ` (${task.progress}%)` : ''}. It is followed on and saved when done`;
    return { content: [{ type: 'text', text: `${where}: call get_task with id "${task.id}".${task.note ? ` ${task.note}` : ''} Do not call generate_image again for it; that would be charged again.` }], structuredContent: facts };
  }
  const saved = task.assetSet ? `Saved the ${task.assetSet.kind} set: ${task.assetSet.files.map((file) => `${file.path} (${file.width}×${file.height})`).join(', ')}` : `Saved ${task.path} (${task.pixels}`;
  const summary = `${saved}${task.assetSet ? ' (' : ', '}${task.input.modelKey}${credits !== undefined ? `, ${credits} credits` : ''}). Markdown from the workspace root: ${formatImageLink('markdown', task.path!, altTextFromPrompt(task.input.prompt))}${task.note ? `\n${task.note}` : ''}`;
  const bytes = await readFile(task.absolutePath).catch(() => undefined);
  if (!bytes) return { content: [{ type: 'text', text: `${summary}\nThe file is no longer there (moved or deleted since).` }], structuredContent: { ...facts, path: task.path!, pixels: task.pixels! } };
  const content: CallToolResult['content'] = [{ type: 'text', text: bytes.byteLength > maxInlineImageBytes ? `${summary}\nThe image is ${Math.round(bytes.byteLength / 1024 / 1024)} MB, too large to return inline; open the file.` : summary }];
  if (bytes.byteLength <= maxInlineImageBytes) content.push({ type: 'image', data: bytes.toString('base64'), mimeType: imageMimeType(bytes) });
  return { content, structuredContent: { ...facts, path: task.path!, pixels: task.pixels! } };
}
