// A loopback simulator of every provider endpoint in shared/specs/providers.md, with the exact
// answer shapes, Bearer auth, AIReiter's out_task_id idempotency, timed task lifecycles, real
// PNG images of the requested size, the providers' own rejections, and injectable faults.
// Its rules are written out here on purpose, not imported from src: it checks the client.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { gptImage2Table } from '../../src/core/catalog/aireiterTables';
import { FaultQueue, promptFault, type Fault, type Operation, type TaskFault, type TransportFault } from './faults';
import { gradientPng, noisePngOfSize } from './png';
import { readStreamRequest, sendImageStream, type StreamEventRecord } from './openaiStreaming';
import { aireiterTaskVariant, creditsText, jimmyTaskVariant, moderationText, variantsOf } from './answerVariants';

export interface Lifecycle {
  /** Time spent in the queued state. */
  readonly queuedMs: number;
  /** Time spent processing, with progress rising linearly. */
  readonly processingMs: number;
}

export interface SimulatorOptions {
  readonly apiKeys?: readonly string[];
  readonly lifecycle?: Lifecycle;
  /** Per-model lifecycles, by provider model id (`gpt_image_2`, `nano-banana-pro` …). */
  readonly lifecycles?: Record<string, Lifecycle>;
  /** How long the synchronous OpenAI endpoint takes. */
  readonly syncDelayMs?: number;
  /**
   * Which ids POST /api/openapi/query knows an official (gpt_image_2_official) task by; default
   * `task_id` only. gpt_image_2 tasks are known by both.
   */
  readonly officialQueryBy?: readonly ('task_id' | 'out_task_id')[];
  /** Whether GET /v1/tasks/{id} exists (default true); a gateway without it answers 404 for the path. */
  readonly serveV1Tasks?: boolean;
  /** How "no such task" is said on POST /api/openapi/query: HTTP 404 (default) or HTTP 200 with body code 400. */
  readonly notFoundStyle?: 'http404' | 'body400';
  /**
   * What a second submit with a known out_task_id does: `same` returns the existing task; `charges`
   * (the default: idempotency is documented nowhere) creates and charges a new one.
   */
  readonly resubmit?: 'same' | 'charges';
  /** An OpenAI-compatible gateway that refuses `stream` (400 unknown_parameter). */
  readonly openaiRejectsStream?: boolean;
  /** An OpenAI-compatible gateway that ignores `stream` and answers plain JSON. */
  readonly openaiIgnoresStream?: boolean;
  /** Bytes of each streamed partial image (default: a small gradient PNG). */
  readonly partialImageBytes?: number;
  readonly now?: () => number;
  /** The loopback address to listen on (default 127.0.0.1; VS Code never proxies 127.0.0.1 itself). */
  readonly host?: string;
  /** Serve HTTPS with this certificate and key (PEM). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly operation: Operation | undefined;
  readonly authorized: boolean;
  readonly userAgent: string | undefined;
  readonly body: unknown;
  readonly at: number;
  /** The client's port: tells which connection (a proxy's tunnel, say) carried the request. */
  readonly remotePort?: number;
}

type ProviderName = 'aireiter' | 'jimmyai' | 'openai';

interface SimTask {
  readonly id: string;
  readonly provider: ProviderName;
  readonly model: string;
  readonly outTaskId?: string;
  readonly prompt: string;
  readonly width: number;
  readonly height: number;
  readonly createdAt: number;
  readonly lifecycle: Lifecycle;
  readonly fault?: TaskFault;
  readonly imageId: string;
}

interface ImageEntry {
  readonly width: number;
  readonly height: number;
  readonly prompt: string;
  readonly fault?: TaskFault;
  bytes?: Buffer;
}

const aireiterRatios = ['1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];
const officialFourK = ['16:9', '9:16', '2:1', '1:2', '21:9', '9:21'];
const jimmyModels = ['gpt-image-2', 'nano-banana', 'nano-banana-2', 'nano-banana-pro'];
const jimmyRatios = ['auto', '1:1', '3:2', '2:3', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '2:1', '1:2', '3:1', '1:3', '21:9', '9:21'];
const openaiModels = ['gpt-image-2', 'gpt-image-1.5', 'gpt-image-1', 'gpt-image-1-mini'];

class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(JSON.stringify(body));
  }
}

function parseWxH(text: unknown): { width: number; height: number } | undefined {
  const match = typeof text === 'string' ? /^(\d+)x(\d+)$/.exec(text) : null;
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

function sizeForRatio(ratio: string, longEdge: number): { width: number; height: number } {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  const scale = longEdge / Math.max(w, h);
  return { width: Math.round((w * scale) / 16) * 16, height: Math.round((h * scale) / 16) * 16 };
}

export class ProviderSimulator {
  readonly faults = new FaultQueue();
  readonly requests: RecordedRequest[] = [];
  /** Each streamed event as its last byte was flushed to the socket (for latency measurements). */
  readonly streamEvents: StreamEventRecord[] = [];
  private readonly tasks = new Map<string, SimTask>();
  private readonly byOutTaskId = new Map<string, SimTask>();
  private readonly images = new Map<string, ImageEntry>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private port = 0;
  /** Submissions that created a task (and would have been charged). */
  charges = 0;
  /** TCP connections accepted, to observe keep-alive. */
  connections = 0;

  constructor(private readonly options: SimulatorOptions = {}) {}

  get url(): string {
    return `${this.options.tls ? 'https' : 'http'}://${this.options.host ?? '127.0.0.1'}:${this.port}`;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async start(port = 0): Promise<string> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer({ cert: this.options.tls.cert, key: this.options.tls.key }, handler) : createServer(handler);
    this.server.on('connection', (socket) => {
      this.connections += 1;
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.options.host ?? '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) {
      socket.destroy();
    }
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  inject(operation: Operation, fault: Fault, times = 1): void {
    this.faults.add(operation, fault, times);
  }

  requestsFor(operation: Operation): RecordedRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  // ── routing ────────────────────────────────────────────────────────────────

  private route(method: string, path: string): Exclude<Operation, '*'> | 'control' | undefined {
    if (path.startsWith('/__sim/')) return 'control';
    if (method === 'POST' && path === '/api/openapi/submit') return 'aireiter.submit';
    if (method === 'POST' && path === '/api/openapi/query') return 'aireiter.query';
    if (method === 'GET' && /^\/v1\/tasks\/[^/]+$/.test(path) && this.options.serveV1Tasks !== false) return 'aireiter.task';
    if (method === 'POST' && path === '/api/open-api/v1/images') return 'jimmyai.create';
    if (method === 'POST' && path === '/api/open-api/v1/images/generations') return 'jimmyai.syncGenerate';
    if (method === 'POST' && path === '/api/open-api/v1/images/edits') return 'jimmyai.syncEdit';
    if (method === 'GET' && /^\/api\/open-api\/v1\/images\/[^/]+$/.test(path)) return 'jimmyai.query';
    if (method === 'POST' && path === '/v1/images/generations') return 'openai.generate';
    if (method === 'POST' && path === '/v1/images/edits') return 'openai.edit';
    if (method === 'GET' && /^\/files\/[^/]+\.png$/.test(path)) return 'image';
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const operation = this.route(method, url.pathname);
    const raw = await this.readBody(req);
    let body: unknown;
    const contentType = req.headers['content-type'] ?? '';
    if (contentType.startsWith('application/json') && raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        body = undefined;
      }
    } else if (contentType.startsWith('multipart/form-data')) {
      body = await this.readForm(raw, contentType);
    }
    const authorized = this.isAuthorized(req);
    this.requests.push({ method, path: url.pathname, operation: operation === 'control' ? undefined : operation, authorized, userAgent: req.headers['user-agent'], body, at: this.now(), ...(req.socket.remotePort !== undefined ? { remotePort: req.socket.remotePort } : {}) });

    if (operation === 'control') {
      this.control(method, url.pathname, body, res);
      return;
    }
    if (!operation) {
      this.json(res, 404, { error: 'no such endpoint' });
      return;
    }
    const transport = this.faults.take(operation, 'transport') as TransportFault | undefined;
    if (transport?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (transport?.kind === 'slowHeaders') {
      await new Promise((resolve) => setTimeout(resolve, transport.delayMs));
      if (res.destroyed) return;
    }
    if (transport?.kind === 'status') {
      if (transport.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(transport.retryAfterSeconds));
      this.json(res, transport.status, this.errorShape(operation, transport.status, `simulated HTTP ${transport.status}`));
      return;
    }
    if (transport?.kind === 'rateLimit') {
      res.setHeader('retry-after', String(transport.retryAfterSeconds));
      this.json(res, 429, this.errorShape(operation, 429, 'rate limit exceeded'));
      return;
    }
    if (transport?.kind === 'bodyCode') {
      this.json(res, 200, this.bodyCodeShape(operation, transport.code, transport.message));
      return;
    }
    if (transport?.kind === 'noCredits') {
      this.json(res, 200, this.bodyCodeShape(operation, transport.code ?? 400, creditsText(transport.language)));
      return;
    }
    if (operation !== 'image' && !authorized) {
      this.reply(res, 401, this.authFailure(operation), transport);
      return;
    }
    try {
      switch (operation) {
        case 'aireiter.submit':
          return this.reply(res, 200, this.aireiterSubmit(body), transport);
        case 'aireiter.query':
          return this.reply(res, 200, this.aireiterQuery(body), transport);
        case 'aireiter.task':
          return this.reply(res, 200, this.aireiterTask(decodeURIComponent(url.pathname.split('/').pop()!)), transport);
        case 'jimmyai.create':
          return this.reply(res, 200, this.jimmyCreate(body), transport);
        case 'jimmyai.query':
          return this.reply(res, 200, this.jimmyQuery(decodeURIComponent(url.pathname.split('/').pop()!)), transport);
        case 'openai.generate':
        case 'openai.edit':
        case 'jimmyai.syncGenerate':
        case 'jimmyai.syncEdit':
          return await this.openaiGenerate(body, operation, res, transport);
        case 'image':
          return this.serveImage(url.pathname.slice('/files/'.length, -'.png'.length), res, transport, url.searchParams);
      }
    } catch (error) {
      if (error instanceof Rejection) {
        this.reply(res, error.status, error.body, transport);
        return;
      }
      this.json(res, 500, { error: String(error) });
    }
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private async readForm(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    const result: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      const entry = typeof value === 'string' ? value : { name: (value as File).name, size: (value as File).size, type: (value as File).type };
      if (key.endsWith('[]')) {
        ((result[key] ??= []) as unknown[]).push(entry);
      } else {
        result[key] = entry;
      }
    }
    return result;
  }

  private isAuthorized(req: IncomingMessage): boolean {
    const keys = this.options.apiKeys ?? ['sim-key'];
    const header = req.headers.authorization ?? '';
    return keys.some((key) => header === `Bearer ${key}`);
  }

  private control(method: string, path: string, body: unknown, res: ServerResponse): void {
    if (method === 'POST' && path === '/__sim/faults') {
      const { operation, fault, times } = (body ?? {}) as { operation?: Operation; fault?: Fault; times?: number };
      if (!operation || !fault) {
        this.json(res, 400, { error: 'expected { operation, fault, times? }' });
        return;
      }
      this.inject(operation, fault, times ?? 1);
      this.json(res, 200, { ok: true });
    } else if (method === 'DELETE' && path === '/__sim/faults') {
      this.faults.clear();
      this.json(res, 200, { ok: true });
    } else if (method === 'POST' && path === '/__sim/static-image') {
      const { bytes, format } = (body ?? {}) as { bytes?: number; format?: 'png' | 'b64_json' };
      const image = noisePngOfSize(Math.min(Number(bytes) || 1_000_000, 200 * 1024 * 1024));
      this.json(res, 200, format === 'b64_json' ? { url: this.addStaticAnswer(image), bytes: image.length } : { url: this.addStaticImage(image), bytes: image.length });
    } else if (method === 'GET' && path === '/__sim/requests') {
      this.json(res, 200, { requests: this.requests, charges: this.charges, streamEvents: this.streamEvents });
    } else {
      this.json(res, 404, { error: 'unknown control endpoint' });
    }
  }

  // ── answer shapes ──────────────────────────────────────────────────────────

  private providerOf(operation: Exclude<Operation, '*'>): ProviderName | 'image' {
    return operation === 'image' ? 'image' : (operation.split('.')[0] as ProviderName);
  }

  private errorShape(operation: Exclude<Operation, '*'>, status: number, message: string): unknown {
    switch (this.providerOf(operation)) {
      case 'aireiter':
        return { statusCode: status, message, data: null };
      case 'jimmyai':
        return { code: String(status >= 500 ? -1 : status), msg: message, data: null };
      case 'openai':
        return { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: status === 429 ? 'rate_limit_exceeded' : null, param: null } };
      case 'image':
        return { error: message };
    }
  }

  private bodyCodeShape(operation: Exclude<Operation, '*'>, code: number | string, message?: string): unknown {
    const provider = this.providerOf(operation);
    const text = message ?? (String(code) === '433' ? 'not enough credits' : String(code) === '20001' ? 'invalid token' : String(code) === '20002' ? 'invalid parameter' : 'internal error');
    if (provider === 'jimmyai') {
      return { code: String(code), msg: text, data: null };
    }
    if (provider === 'openai') {
      return { code: Number(code), msg: text, data: null };
    }
    return { statusCode: Number(code), message: text, data: null };
  }

  private authFailure(operation: Exclude<Operation, '*'>): unknown {
    switch (this.providerOf(operation)) {
      case 'jimmyai':
        return { code: '20001', msg: 'invalid or missing token', data: null };
      case 'openai':
        return { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key', param: null } };
      default:
        return { statusCode: 401, message: 'invalid api key', data: null };
    }
  }

  private rejectAireiter(message: string): never {
    throw new Rejection(400, { statusCode: 400, message, data: null });
  }

  /** `[sim:durationMs=N]` in a prompt makes that one task take N ms to process. */
  private lifecycleFor(model: string, prompt: string): Lifecycle {
    const base = this.options.lifecycles?.[model] ?? this.options.lifecycle ?? { queuedMs: 100, processingMs: 300 };
    const duration = /\[sim:durationMs=(\d+)\]/.exec(prompt);
    return duration ? { queuedMs: base.queuedMs, processingMs: Number(duration[1]) } : base;
  }

  private createTask(provider: ProviderName, model: string, prompt: string, size: { width: number; height: number }, outTaskId?: string): SimTask {
    const fault = (this.faults.take(provider === 'aireiter' ? 'aireiter.submit' : 'jimmyai.create', 'task') as TaskFault | undefined) ?? promptFault(prompt);
    const task: SimTask = {
      id: provider === 'aireiter' ? `task_${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}` : randomUUID(),
      provider,
      model,
      prompt,
      ...size,
      createdAt: this.now(),
      lifecycle: this.lifecycleFor(model, prompt),
      imageId: randomUUID(),
      ...(outTaskId ? { outTaskId } : {}),
      ...(fault ? { fault } : {}),
    };
    this.tasks.set(task.id, task);
    if (outTaskId) {
      this.byOutTaskId.set(outTaskId, task);
    }
    this.images.set(task.imageId, { width: size.width, height: size.height, prompt, ...(fault ? { fault } : {}) });
    this.charges += 1;
    return task;
  }

  /** Where a task is in its lifecycle now: queued, processing with progress, or done. */
  private phase(task: SimTask): { phase: 'queued' | 'processing' | 'done'; progress: number } {
    const elapsed = this.now() - task.createdAt;
    if (elapsed < task.lifecycle.queuedMs) {
      return { phase: 'queued', progress: 0 };
    }
    const processing = elapsed - task.lifecycle.queuedMs;
    if (processing < task.lifecycle.processingMs) {
      return { phase: 'processing', progress: Math.max(1, Math.min(99, Math.floor((processing / task.lifecycle.processingMs) * 100))) };
    }
    return { phase: 'done', progress: 100 };
  }

  /** The moment the task is finished, for latency measurements. */
  completionTime(taskIdOrOutTaskId: string): number | undefined {
    const task = this.tasks.get(taskIdOrOutTaskId) ?? this.byOutTaskId.get(taskIdOrOutTaskId);
    return task ? task.createdAt + task.lifecycle.queuedMs + task.lifecycle.processingMs : undefined;
  }

  private imageUrl(task: SimTask): string {
    return `${this.url}/files/${task.imageId}.png`;
  }

  // ── AIReiter ───────────────────────────────────────────────────────────────

  private aireiterSubmit(body: unknown): unknown {
    const { model, params, out_task_id: outTaskId } = (body ?? {}) as { model?: unknown; params?: Record<string, unknown>; out_task_id?: unknown };
    if (model !== 'gpt_image_2' && model !== 'gpt_image_2_official') this.rejectAireiter(`unsupported model: ${String(model)}`);
    if (typeof outTaskId !== 'string' || outTaskId.length === 0) this.rejectAireiter('out_task_id is required');
    if (!params || typeof params.prompt !== 'string' || params.prompt.trim() === '') this.rejectAireiter('params.prompt is required');

    const existing = this.byOutTaskId.get(outTaskId);
    if (existing && this.options.resubmit === 'same') {
      return this.aireiterSubmitAnswer(existing); // Idempotent: same task, no second charge.
    }
    const official = model === 'gpt_image_2_official';
    let size: { width: number; height: number };
    if (params.size !== undefined) {
      if (params.aspect_ratio !== undefined || params.resolution !== undefined) this.rejectAireiter('size cannot be combined with aspect_ratio or resolution');
      if (official) this.rejectAireiter('gpt_image_2_official does not accept size');
      const parsed = parseWxH(params.size);
      if (!parsed) this.rejectAireiter(`invalid size: ${String(params.size)}`);
      const pixels = parsed.width * parsed.height;
      if (pixels < 655_360 || pixels > 8_294_400) this.rejectAireiter(`size ${String(params.size)} out of range: total pixels must be 655360..8294400`);
      // Below the effective floor the upstream silently swaps in a ~1.57 MP image of a similar ratio.
      size = pixels < 2_088_960 ? sizeForRatio(`${parsed.width}:${parsed.height}`, Math.round(Math.sqrt(1_572_864 * Math.max(parsed.width / parsed.height, parsed.height / parsed.width)))) : parsed;
    } else {
      const ratio = (params.aspect_ratio as string | undefined) ?? '1:1';
      const resolution = (params.resolution as string | undefined) ?? '1K';
      if (!aireiterRatios.includes(ratio)) this.rejectAireiter(`unsupported aspect_ratio: ${ratio}`);
      if (!['1K', '2K', '4K'].includes(resolution)) this.rejectAireiter(`unsupported resolution: ${resolution}`);
      if (official && resolution === '4K' && !officialFourK.includes(ratio)) this.rejectAireiter(`4K does not support aspect_ratio ${ratio}: pixel limit exceeded`);
      if (official && params.quality !== undefined && !['low', 'medium', 'high', 'auto'].includes(String(params.quality))) this.rejectAireiter(`unsupported quality: ${String(params.quality)}`);
      const cell = gptImage2Table[ratio as keyof typeof gptImage2Table][resolution as '1K' | '2K' | '4K'];
      size = !official && resolution === '1K' && cell.alternative && /\[sim:alternative\]/.test(params.prompt) ? cell.alternative : cell.size;
    }
    if (Array.isArray(params.image_url) && params.image_url.length > 9) this.rejectAireiter('image_url accepts at most 9 images');
    return this.aireiterSubmitAnswer(this.createTask('aireiter', model, params.prompt, size, outTaskId));
  }

  private aireiterSubmitAnswer(task: SimTask): unknown {
    if (task.model === 'gpt_image_2_official') {
      return { code: 200, data: [{ status: 'submitted', task_id: task.id }] };
    }
    return { statusCode: 200, message: '', data: { out_task_id: task.outTaskId, status: 'pending', estimated_credits: 100, created_at: new Date(task.createdAt).toISOString() } };
  }

  private aireiterQuery(body: unknown): unknown {
    const { out_task_id: outTaskId, task_id: taskId } = (body ?? {}) as { out_task_id?: string; task_id?: string };
    const byOut = outTaskId ? this.byOutTaskId.get(outTaskId) : undefined;
    const byId = taskId ? this.tasks.get(taskId) : undefined;
    const officialBy = this.options.officialQueryBy ?? ['task_id'];
    const task = [byOut && (byOut.model !== 'gpt_image_2_official' || officialBy.includes('out_task_id')) ? byOut : undefined, byId && byId.provider === 'aireiter' && (byId.model !== 'gpt_image_2_official' || officialBy.includes('task_id')) ? byId : undefined].find(Boolean);
    if (!task) {
      if (this.options.notFoundStyle === 'body400') throw new Rejection(200, { statusCode: 400, message: 'task not found', data: null });
      throw new Rejection(404, { statusCode: 404, message: 'task not found', data: null });
    }
    const { phase, progress } = this.phase(task);
    const words = { queued: 'pending', processing: 'processing', done: 'completed' } as const;
    let status: string = words[phase];
    let error: string | null = null;
    let output: { url: string }[] = [];
    if (phase === 'done') {
      ({ status, error, output } = this.outcome(task, 'completed'));
    } else if (phase === 'processing' && task.fault?.kind === 'unknownStatus') {
      status = task.fault.status ?? 'thinking';
    }
    return {
      statusCode: 200,
      message: '',
      data: aireiterTaskVariant({
        task_id: task.id,
        out_task_id: task.outTaskId,
        status,
        progress,
        created_at: new Date(task.createdAt).toISOString(),
        completed_at: phase === 'done' ? new Date(this.completionTime(task.id)!).toISOString() : null,
        credits_used: phase === 'done' && status === 'completed' ? 100 : 0,
        input: { prompt: task.prompt },
        output,
        error,
      }, variantsOf(task.prompt)),
    };
  }

  private aireiterTask(taskId: string): unknown {
    const task = this.tasks.get(taskId);
    if (!task || task.provider !== 'aireiter') {
      throw new Rejection(404, { code: 404, message: 'task not found', data: null });
    }
    const { phase, progress } = this.phase(task);
    const words = { queued: 'submitted', processing: 'in_progress', done: 'completed' } as const;
    let status: string = words[phase];
    let error: string | null = null;
    let images: { url: string[]; expires_at: number }[] = [];
    if (phase === 'done') {
      const outcome = this.outcome(task, 'completed');
      status = outcome.status;
      error = outcome.error;
      images = outcome.output.map((item) => ({ url: [item.url], expires_at: Math.floor(this.now() / 1000) + 86_400 }));
    } else if (phase === 'processing' && task.fault?.kind === 'unknownStatus') {
      status = task.fault.status ?? 'thinking';
    }
    return { code: 200, data: { id: task.id, status, progress, result: { images }, ...(error ? { error: { message: error } } : {}) } };
  }

  /** How a finished task ends, given its fault. */
  private outcome(task: SimTask, doneWord: string): { status: string; error: string | null; output: { url: string }[] } {
    switch (task.fault?.kind) {
      case 'taskFailed':
        return { status: 'failed', error: task.fault.message ?? 'generation failed upstream', output: [] };
      case 'moderation':
        return { status: 'failed', error: moderationText(variantsOf(task.prompt)), output: [] };
      case 'unknownStatus':
        return { status: task.fault.status ?? 'thinking', error: null, output: [] };
      default:
        return { status: doneWord, error: null, output: [{ url: this.imageUrl(task) }] };
    }
  }

  // ── JimmyAI ────────────────────────────────────────────────────────────────

  private rejectJimmy(message: string): never {
    throw new Rejection(200, { code: '20002', msg: message, data: null });
  }

  private jimmyCreate(body: unknown): unknown {
    const { model, prompt, ratio = 'auto', resolution = '1k', quality = 'low', images } = (body ?? {}) as Record<string, unknown>;
    if (typeof model !== 'string' || !jimmyModels.includes(model)) this.rejectJimmy(`unsupported model: ${String(model)}`);
    if (typeof prompt !== 'string' || prompt.trim() === '') this.rejectJimmy('prompt is required');
    if (typeof ratio !== 'string' || !jimmyRatios.includes(ratio)) this.rejectJimmy(`unsupported ratio: ${String(ratio)}`);
    if (typeof resolution !== 'string' || !['1k', '2k', '4k'].includes(resolution)) this.rejectJimmy(`unsupported resolution: ${String(resolution)}`);
    if (!['low', 'medium', 'high'].includes(String(quality))) this.rejectJimmy(`unsupported quality: ${String(quality)}`);
    if (model === 'gpt-image-2' && resolution === '4k' && !officialFourK.includes(ratio)) this.rejectJimmy(`gpt-image-2 4k only supports 16:9, 9:16, 2:1, 1:2, 21:9, 9:21`);
    if (images !== undefined && !Array.isArray(images)) this.rejectJimmy('images must be an array');
    const longEdge = { '1k': 1024, '2k': 2048, '4k': 3840 }[resolution]!;
    const size = sizeForRatio(ratio === 'auto' ? '1:1' : ratio, longEdge);
    const task = this.createTask('jimmyai', model, prompt, size);
    return { code: '20000', msg: 'ok', data: { task_id: task.id, status: 'queued', model, created_at: Math.floor(task.createdAt / 1000) } };
  }

  private jimmyQuery(taskId: string): unknown {
    const task = this.tasks.get(taskId);
    if (!task || task.provider !== 'jimmyai') {
      throw new Rejection(404, { code: '404', msg: 'task not found', data: null });
    }
    const { phase, progress } = this.phase(task);
    const words = { queued: 'queued', processing: 'processing', done: 'completed' } as const;
    let status: string = words[phase];
    let imageUrl: string | null = null;
    let errorMessage: string | null = null;
    if (phase === 'done') {
      const outcome = this.outcome(task, 'completed');
      status = outcome.status;
      errorMessage = outcome.error;
      imageUrl = outcome.output[0]?.url ?? null;
    } else if (phase === 'processing' && task.fault?.kind === 'unknownStatus') {
      status = task.fault.status ?? 'thinking';
    }
    return {
      code: '20000',
      msg: 'ok',
      data: jimmyTaskVariant({
        task_id: task.id,
        status,
        progress: status === 'completed' ? 100 : status === 'failed' ? progress : progress,
        model: task.model,
        created_at: Math.floor(task.createdAt / 1000),
        completed_at: phase === 'done' ? Math.floor(this.completionTime(task.id)! / 1000) : null,
        result: { image_url: imageUrl, video_url: null },
        error_message: errorMessage,
      }, variantsOf(task.prompt)),
    };
  }

  // ── OpenAI ─────────────────────────────────────────────────────────────────

  private rejectOpenai(message: string, code: string | null = null, param: string | null = null): never {
    throw new Rejection(400, { error: { message, type: 'invalid_request_error', code, param } });
  }

  /**
   * OpenAI's /v1/images, and JimmyAI's synchronous copy of it, which wraps the same answer in
   * `{ code: 20000, msg, data }` (a numeric code, unlike its async API).
   */
  private async openaiGenerate(body: unknown, operation: 'openai.generate' | 'openai.edit' | 'jimmyai.syncGenerate' | 'jimmyai.syncEdit', res: ServerResponse, transport: TransportFault | undefined): Promise<void> {
    const jimmySync = operation.startsWith('jimmyai.');
    try {
      await this.openaiAnswer(body, operation, jimmySync, res, transport);
    } catch (error) {
      if (jimmySync && error instanceof Rejection) {
        throw new Rejection(200, { code: 20002, msg: (error.body as { error?: { message?: string } }).error?.message ?? 'invalid parameter', data: null });
      }
      throw error;
    }
  }

  private async openaiAnswer(body: unknown, operation: string, jimmySync: boolean, res: ServerResponse, transport: TransportFault | undefined): Promise<void> {
    const fields = (body ?? {}) as Record<string, unknown>;
    const { model, prompt } = fields;
    const size = String(fields.size ?? 'auto');
    if (typeof model !== 'string' || !openaiModels.includes(model)) this.rejectOpenai(`The model '${String(model)}' does not exist.`, 'model_not_found', 'model');
    if (typeof prompt !== 'string' || prompt.trim() === '') this.rejectOpenai('prompt is required', null, 'prompt');
    if (prompt.length > 32_000) this.rejectOpenai('prompt is too long', null, 'prompt');
    if (operation === 'openai.edit' && !Array.isArray(fields['image[]'])) this.rejectOpenai('image[] is required for edits', null, 'image');
    if (operation === 'jimmyai.syncEdit' && fields.image === undefined && !Array.isArray(fields['image[]'])) this.rejectOpenai('image is required for edits', null, 'image');
    let dimensions: { width: number; height: number };
    if (size === 'auto') {
      dimensions = { width: 1024, height: 1024 };
    } else if (model === 'gpt-image-2') {
      const parsed = parseWxH(size);
      if (!parsed) this.rejectOpenai(`Invalid size '${size}'.`, null, 'size');
      const { width, height } = parsed;
      const pixels = width * height;
      if (width % 16 || height % 16 || Math.max(width, height) / Math.min(width, height) > 3 || Math.max(width, height) > 3840 || pixels > 8_294_400 || pixels < 655_360) {
        this.rejectOpenai(`Invalid size '${size}': sides must be multiples of 16, ratio within 1:3 and 3:1, at most 3840x2160.`, null, 'size');
      }
      dimensions = parsed;
    } else {
      if (!['1024x1024', '1536x1024', '1024x1536'].includes(size)) this.rejectOpenai(`Invalid size '${size}'. Supported sizes are 1024x1024, 1536x1024, 1024x1536, and auto.`, null, 'size');
      dimensions = parseWxH(size)!;
    }
    const edit = /edit$/i.test(operation);
    const stream = readStreamRequest(fields, edit, { rejects: this.options.openaiRejectsStream, ignores: jimmySync || this.options.openaiIgnoresStream });
    if (stream && 'refusal' in stream) this.rejectOpenai(...stream.refusal);
    const fault = (this.faults.take(operation as Exclude<Operation, '*'>, 'task') as TaskFault | undefined) ?? promptFault(prompt);
    if (stream) {
      this.charges += 1; // Charged when rendering starts; a moderation block comes mid-stream.
      const partialBytes = Number(/\[sim:partialBytes=(\d+)\]/.exec(prompt)?.[1] ?? this.options.partialImageBytes ?? 0) || undefined;
      return sendImageStream(res, { edit, partials: stream.partials, ...dimensions, fault, transport, delayMs: this.options.syncDelayMs ?? 50, partialBytes }, (event) => this.streamEvents.push({ prompt, ...event }));
    }
    if (fault?.kind === 'moderation') {
      throw new Rejection(400, { error: { message: 'Your request was rejected as a result of our safety system.', type: 'image_generation_user_error', code: 'moderation_blocked', param: null } });
    }
    this.charges += 1;
    await new Promise((resolve) => setTimeout(resolve, this.options.syncDelayMs ?? 50));
    const image = fault?.kind === 'oversizeImage' ? noisePngOfSize(fault.bytes) : fault?.kind === 'notImage' ? Buffer.from('<html>not an image</html>') : gradientPng(dimensions.width, dimensions.height);
    const answer = {
      created: Math.floor(this.now() / 1000),
      data: [{ b64_json: image.toString('base64'), revised_prompt: prompt }],
      usage: { total_tokens: 100, input_tokens: 50, output_tokens: 50 },
    };
    this.reply(res, 200, jimmySync ? { code: 20000, msg: 'ok', data: answer } : answer, transport);
  }

  // ── images ─────────────────────────────────────────────────────────────────

  private serveImage(imageId: string, res: ServerResponse, transport: TransportFault | undefined, query: URLSearchParams = new URLSearchParams()): void {
    const entry = this.images.get(imageId);
    if (!entry || entry.fault?.kind === 'imageNotFound') {
      this.json(res, 404, { error: 'image not found or expired' });
      return;
    }
    const fault = entry.fault;
    if (fault?.kind === 'imageRedirect' && query.get('sig') === null) {
      // A CDN's signed link: N hops of 302, the last to the same path with a signature.
      const left = Number(query.get('hop') ?? fault.hops);
      res.writeHead(302, { location: left > 1 ? `/files/${imageId}.png?hop=${left - 1}` : `/files/${imageId}.png?sig=${randomUUID()}` }).end();
      return;
    }
    if (fault?.kind === 'imageRedirectTo') {
      res.writeHead(302, { location: fault.target === 'file' ? 'file:///etc/passwd' : 'http://10.0.0.7/files/image.png' }).end();
      return;
    }
    if (fault?.kind === 'dripImage') {
      const png = gradientPng(entry.width, entry.height);
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(png.subarray(0, 64));
      const timer = setInterval(() => res.write(Buffer.alloc(1)), 200);
      res.once('close', () => clearInterval(timer));
      return;
    }
    if (!entry.bytes) {
      entry.bytes =
        entry.fault?.kind === 'oversizeImage'
          ? noisePngOfSize(entry.fault.bytes)
          : entry.fault?.kind === 'notImage'
            ? Buffer.from('<!DOCTYPE html><html><body>Access denied</body></html>')
            : gradientPng(entry.width, entry.height, { prompt: entry.prompt.slice(0, 200).replace(/[^\x20-\x7e]/g, '?') });
    }
    this.send(res, 200, entry.bytes, entry.fault?.kind === 'notImage' ? 'text/html' : 'image/png', transport);
  }

  /** Large payloads for throughput tests: a noise PNG of at least `bytes`, served from memory. */
  addStaticImage(bytes: Buffer): string {
    const id = randomUUID();
    this.images.set(id, { width: 0, height: 0, prompt: '', bytes });
    return `${this.url}/files/${id}.png`;
  }

  /** An OpenAI-shaped answer holding `image` as b64_json, served at GET /files/{id}.png. */
  addStaticAnswer(image: Buffer): string {
    const id = randomUUID();
    const answer = Buffer.from(JSON.stringify({ created: 0, data: [{ b64_json: image.toString('base64'), revised_prompt: 'static' }] }));
    this.images.set(id, { width: 0, height: 0, prompt: '', bytes: answer });
    return `${this.url}/files/${id}.png`;
  }

  // ── writing ────────────────────────────────────────────────────────────────

  private json(res: ServerResponse, status: number, body: unknown): void {
    this.send(res, status, Buffer.from(JSON.stringify(body)), 'application/json', undefined);
  }

  private reply(res: ServerResponse, status: number, body: unknown, transport: TransportFault | undefined): void {
    if (transport?.kind === 'dropAnswer') {
      // The request was processed (and charged); the answer is lost on the way back.
      setTimeout(() => res.socket?.destroy(), transport.delayMs ?? 0);
      return;
    }
    if (transport?.kind === 'malformedJson') {
      this.send(res, status, Buffer.from('{"statusCode": 200, "data": {"status": "compl'), 'application/json', undefined);
      return;
    }
    this.send(res, status, Buffer.from(JSON.stringify(body)), 'application/json', transport);
  }

  private send(res: ServerResponse, status: number, bytes: Buffer, contentType: string, transport: TransportFault | undefined): void {
    res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) });
    if (transport?.kind === 'truncatedBody') {
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
      return;
    }
    if (transport?.kind === 'slowBody') {
      const pieces = 4;
      const step = Math.ceil(bytes.length / pieces);
      let offset = 0;
      const next = () => {
        if (res.destroyed) return;
        if (offset >= bytes.length) {
          res.end();
          return;
        }
        res.write(bytes.subarray(offset, offset + step));
        offset += step;
        setTimeout(next, transport.delayMs);
      };
      next();
      return;
    }
    res.end(bytes);
  }
}
