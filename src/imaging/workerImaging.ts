// The Imaging calls run in a worker thread that ends when idle. Why: WebAssembly memory never
// shrinks, so after one 2048² conversion a process kept ~190 MB more RSS for good (measured: 71 MB
// loaded → 261 MB after WebP + AVIF, 260 MB after GC). Ending the worker gives most of it back,
// not all: of a 2048² → WebP + AVIF + favicon set's ~310 MB peak, 110–140 MB stayed once it had
// ended (glibc keeps what the exited threads freed in its arenas; bench/results.md, 2026-12-03).
// The next conversion pays the start again (~0.2 s load plus the module's first-use compile).
import { Worker } from 'node:worker_threads';
import { writeIco } from './ico';
import { ImagingError, type ImagingErrorKind, type IcoEntry, type ImageInfo, type Imaging, type RawImage, type RenderOptions } from './imaging';
import type { ImagingMethod, ImagingReply } from './imagingServer';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Running {
  readonly worker: Worker;
  readonly ready: Promise<string>;
}

export class WorkerImaging implements Imaging {
  private running: Running | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  private libraryVersion = '';

  private constructor(
    private readonly file: string,
    private readonly idleMs: number,
  ) {}

  /** Starts the worker once, to learn that the library loads (and its version). */
  static async start(file: string, idleMs: number): Promise<WorkerImaging> {
    const imaging = new WorkerImaging(file, idleMs);
    try {
      imaging.libraryVersion = await imaging.worker().ready;
    } catch (error) {
      void imaging.running?.worker.terminate();
      throw error;
    }
    imaging.idle();
    return imaging;
  }

  get version(): string {
    return this.libraryVersion;
  }

  /** Whether a worker (and its WebAssembly memory) is alive now. */
  get workerRunning(): boolean {
    return this.running !== undefined;
  }

  inspect(bytes: Uint8Array): Promise<ImageInfo> {
    return this.call('inspect', [bytes]) as Promise<ImageInfo>;
  }

  render(bytes: Uint8Array, options: RenderOptions): Promise<Uint8Array> {
    return this.call('render', [bytes, options]) as Promise<Uint8Array>;
  }

  toRaw(bytes: Uint8Array): Promise<RawImage> {
    return this.call('toRaw', [bytes]) as Promise<RawImage>;
  }

  fromRaw(image: RawImage, options: RenderOptions): Promise<Uint8Array> {
    return this.call('fromRaw', [image, options]) as Promise<Uint8Array>;
  }

  /** Pure JavaScript around PNGs already encoded: no worker needed. */
  writeIco(pngs: readonly IcoEntry[]): Uint8Array {
    return writeIco(pngs);
  }

  private worker(): Running {
    if (this.running) return this.running;
    const worker = new Worker(this.file, { workerData: { imagegenImaging: true } });
    const ready = new Promise<string>((resolve, reject) => {
      const onMessage = (reply: ImagingReply) => {
        if ('ready' in reply) resolve(reply.ready);
        else if ('failedToStart' in reply) reject(new ImagingError('unavailable', `The image library could not be loaded (${this.file}): ${reply.failedToStart}`));
        else return;
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      worker.once('error', (error) => reject(new ImagingError('unavailable', `The image library could not be loaded (${this.file}): ${error.message}`, { cause: error })));
      worker.once('exit', (code) => reject(new ImagingError('unavailable', `The image library's worker stopped at start (exit code ${code}).`)));
    });
    ready.catch(() => undefined);
    this.running = { worker, ready };
    this.listen(worker);
    return this.running;
  }

  private listen(worker: Worker): void {
    worker.on('message', (reply: ImagingReply) => {
      if (!('id' in reply)) return;
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if ('error' in reply) pending.reject(new ImagingError(reply.error.kind as ImagingErrorKind, reply.error.message));
      else pending.resolve(reply.result);
      this.idle();
    });
    worker.once('exit', (code) => {
      if (this.running?.worker === worker) this.running = undefined;
      // A crash (out of memory, an abort in the library) fails what was asked; the next call starts anew.
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.reject(new ImagingError('failed', `The image library's worker stopped (exit code ${code}).`));
      }
    });
  }

  private async call(method: ImagingMethod, args: unknown[]): Promise<unknown> {
    clearTimeout(this.idleTimer);
    const running = this.worker();
    // Work under way keeps the process alive (the command line awaits it); an idle worker does not.
    running.worker.ref();
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    try {
      await running.ready;
    } catch (error) {
      this.pending.delete(id);
      this.idle();
      throw error;
    }
    running.worker.postMessage({ id, method, args });
    return result;
  }

  private idle(): void {
    if (this.pending.size > 0 || !this.running) return;
    const { worker } = this.running;
    worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || this.running?.worker !== worker) return;
      this.running = undefined;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}
