// A loopback simulator of every provider endpoint in shared/specs/providers.md, with the exact
// answer shapes, Bearer auth, AIReiter's out_task_id idempotency, timed task lifecycles, real
// PNG images of the requested size, the providers' own rejections, and injectable faults. This
// file is the server: it records and routes each request, checks the key, applies transport
// faults, answers the /__sim/ control endpoints and hands the rest to the provider modules.
// Its rules are written out in test/simulator on purpose, not imported from src: it checks the client.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { aireiterQuery, aireiterSubmit, aireiterTask } from './aireiterRoutes';
import { authFailure, bodyCodeShape, errorShape, Rejection } from './answerShapes';
import { creditsText } from './answerVariants';
import { FaultQueue, type Fault, type Operation, type TransportFault } from './faults';
import { json, reply } from './httpWriting';
import { registerStaticAnswer, registerStaticImage, serveImage } from './imageRoutes';
import { jimmyCreate, jimmyQuery } from './jimmyaiRoutes';
import { openaiGenerate } from './openaiRoutes';
import type { StreamEventRecord } from './openaiStreaming';
import { noisePngOfSize } from './png';
import { readRequestBody } from './requestBody';
import { modelList } from './openaiModels';
import { TaskBook, type SimContext } from './simTasks';

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
  /** An OpenAI-compatible gateway without GET /v1/models (it answers 404 for the path). */
  readonly openaiNoModelList?: boolean;
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

export class ProviderSimulator {
  readonly faults = new FaultQueue();
  readonly requests: RecordedRequest[] = [];
  /** Each streamed event as its last byte was flushed to the socket (for latency measurements). */
  readonly streamEvents: StreamEventRecord[] = [];
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private port = 0;
  /** Submissions that created a task (and would have been charged). */
  charges = 0;
  /** TCP connections accepted, to observe keep-alive. */
  connections = 0;
  /** What the provider handlers see of this simulator. */
  private readonly sim: SimContext;

  constructor(private readonly options: SimulatorOptions = {}) {
    const shared = { options, faults: this.faults, now: () => this.now(), charge: () => void (this.charges += 1), baseUrl: () => this.url };
    this.sim = { ...shared, book: new TaskBook(shared), streamEvents: this.streamEvents };
  }

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
    if (method === 'GET' && path === '/v1/models' && !this.options.openaiNoModelList) return 'openai.models';
    if (method === 'GET' && /^\/files\/[^/]+\.png$/.test(path)) return 'image';
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    const operation = this.route(method, url.pathname);
    const body = await readRequestBody(req);
    const authorized = this.isAuthorized(req);
    this.requests.push({ method, path: url.pathname, operation: operation === 'control' ? undefined : operation, authorized, userAgent: req.headers['user-agent'], body, at: this.now(), ...(req.socket.remotePort !== undefined ? { remotePort: req.socket.remotePort } : {}) });

    if (operation === 'control') {
      this.control(method, url.pathname, body, res);
      return;
    }
    if (!operation) {
      json(res, 404, { error: 'no such endpoint' });
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
      json(res, transport.status, errorShape(operation, transport.status, `simulated HTTP ${transport.status}`));
      return;
    }
    if (transport?.kind === 'rateLimit') {
      res.setHeader('retry-after', String(transport.retryAfterSeconds));
      json(res, 429, errorShape(operation, 429, 'rate limit exceeded'));
      return;
    }
    if (transport?.kind === 'bodyCode') {
      json(res, 200, bodyCodeShape(operation, transport.code, transport.message));
      return;
    }
    if (transport?.kind === 'noCredits') {
      json(res, 200, bodyCodeShape(operation, transport.code ?? 400, creditsText(transport.language)));
      return;
    }
    if (operation !== 'image' && !authorized) {
      reply(res, 401, authFailure(operation), transport);
      return;
    }
    try {
      switch (operation) {
        case 'aireiter.submit':
          return reply(res, 200, aireiterSubmit(this.sim, body), transport);
        case 'aireiter.query':
          return reply(res, 200, aireiterQuery(this.sim, body), transport);
        case 'aireiter.task':
          return reply(res, 200, aireiterTask(this.sim, decodeURIComponent(url.pathname.split('/').pop()!)), transport);
        case 'jimmyai.create':
          return reply(res, 200, jimmyCreate(this.sim, body), transport);
        case 'jimmyai.query':
          return reply(res, 200, jimmyQuery(this.sim, decodeURIComponent(url.pathname.split('/').pop()!)), transport);
        case 'openai.generate':
        case 'openai.edit':
        case 'jimmyai.syncGenerate':
        case 'jimmyai.syncEdit':
          return await openaiGenerate(this.sim, body, operation, res, transport);
        case 'openai.models':
          return reply(res, 200, modelList(Math.floor(this.now() / 1000)), transport);
        case 'image':
          return serveImage(this.sim, url.pathname.slice('/files/'.length, -'.png'.length), res, transport, url.searchParams);
      }
    } catch (error) {
      if (error instanceof Rejection) {
        reply(res, error.status, error.body, transport);
        return;
      }
      json(res, 500, { error: String(error) });
    }
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
        json(res, 400, { error: 'expected { operation, fault, times? }' });
        return;
      }
      this.inject(operation, fault, times ?? 1);
      json(res, 200, { ok: true });
    } else if (method === 'DELETE' && path === '/__sim/faults') {
      this.faults.clear();
      json(res, 200, { ok: true });
    } else if (method === 'POST' && path === '/__sim/static-image') {
      const { bytes, format } = (body ?? {}) as { bytes?: number; format?: 'png' | 'b64_json' };
      const image = noisePngOfSize(Math.min(Number(bytes) || 1_000_000, 200 * 1024 * 1024));
      json(res, 200, format === 'b64_json' ? { url: this.addStaticAnswer(image), bytes: image.length } : { url: this.addStaticImage(image), bytes: image.length });
    } else if (method === 'GET' && path === '/__sim/requests') {
      json(res, 200, { requests: this.requests, charges: this.charges, streamEvents: this.streamEvents });
    } else {
      json(res, 404, { error: 'unknown control endpoint' });
    }
  }

  /** Large payloads for throughput tests: a noise PNG of at least `bytes`, served from memory. */
  addStaticImage(bytes: Buffer): string {
    return registerStaticImage(this.sim, bytes);
  }

  /** An OpenAI-shaped answer holding `image` as b64_json, served at GET /files/{id}.png. */
  addStaticAnswer(image: Buffer): string {
    return registerStaticAnswer(this.sim, image);
  }

  /** The moment the task is finished, for latency measurements. */
  completionTime(taskIdOrOutTaskId: string): number | undefined {
    return this.sim.book.completionTime(taskIdOrOutTaskId);
  }
}
