// The Imaging calls run in a child process that ends when idle. Why not in this process: WebAssembly
// memory never shrinks, so one 2048² conversion left a process ~190 MB larger for good. Why not a
// worker thread (issue 24's first answer): the worker's memory is this process's, and of a 2048² →
// WebP + AVIF + favicon set's ~316 MB peak, 110–140 MB stayed after the worker had ended (glibc
// keeps what the exited threads freed in its arenas; bench/results.md, 2026-12-03). A process of
// its own gives everything back when it exits, the host (extension host, MCP server, command line)
// does not grow beyond the messages, and an abort or out-of-memory in the library ends the child
// only. The cost: each start forks a Node (~0.2–0.4 s with the library's load), and the bytes are
// copied through the IPC pipe (V8's serializer) instead of transferred.
import { fork, type ChildProcess } from 'node:child_process';
import { writeIco } from './ico';
import { ImagingError, type ImagingErrorKind, type IcoEntry, type ImageInfo, type Imaging, type RawImage, type RenderOptions } from './imaging';
import { InputSender } from './imagingInputs';
import { imagingChildMarker, inputGoneKind, type ImagingMethod, type ImagingReply, type ImagingUsage } from './imagingServer';

class InputGoneError extends Error {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<string>;
  /** This child's calls: when it exits, these fail, not a later child's. */
  readonly pending: Map<number, Pending>;
  /** The end of what the child wrote to stderr: a crash's own words, for the error. */
  stderr: string;
  /** What this child has been sent already (each large input crosses once). */
  readonly inputs: InputSender;
}

const stderrKept = 2000;

/** Node's own last words name the error ("Error: Cannot find module …") above the stack and version. */
function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !/^(at |Node\.js v|\^+$)/.test(line));
  const line = lines.filter((each) => /\b\w*Error\b/.test(each)).pop() ?? lines.pop();
  return line ? `: ${line.slice(0, 300)}` : '';
}

export class ProcessImaging implements Imaging {
  private running: Running | undefined;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  private libraryVersion = '';

  private constructor(
    private readonly file: string,
    private readonly idleMs: number,
  ) {}

  /** Starts the child once, to learn that the library loads (and its version). */
  static async start(file: string, idleMs: number): Promise<ProcessImaging> {
    const imaging = new ProcessImaging(file, idleMs);
    try {
      imaging.libraryVersion = await imaging.child().ready;
    } catch (error) {
      imaging.running?.child.kill();
      throw error;
    }
    imaging.idle();
    return imaging;
  }

  get version(): string {
    return this.libraryVersion;
  }

  /** Whether a child (and its WebAssembly memory) is alive now. */
  get childRunning(): boolean {
    return this.running !== undefined;
  }

  /** The running child's process id (tests, the bench). */
  get childPid(): number | undefined {
    return this.running?.child.pid;
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

  /** Pure JavaScript around PNGs already encoded: no child needed. */
  writeIco(pngs: readonly IcoEntry[]): Uint8Array {
    return writeIco(pngs);
  }

  /** The child's own peak RSS so far (tests, the bench; where /proc cannot say it). */
  usage(): Promise<ImagingUsage> {
    return this.call('usage', []) as Promise<ImagingUsage>;
  }

  private child(): Running {
    if (this.running) return this.running;
    // process.execPath is Node, or in VS Code the editor's own binary, which ELECTRON_RUN_AS_NODE
    // makes a Node (as vscode-languageclient starts servers). No shell, so a path with spaces is one
    // argument; no execArgv, so an --inspect of the host is not inherited. The marker on the
    // command line says "serve": any other fork of the same file does not.
    const child = fork(this.file, [imagingChildMarker], {
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
    });
    const running: Running = { child, ready: undefined as unknown as Promise<string>, pending: new Map(), stderr: '', inputs: new InputSender() };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => (running.stderr = (running.stderr + text).slice(-stderrKept)));
    const unavailable = (why: string, cause?: unknown) => new ImagingError('unavailable', `The image library could not be loaded (${this.file}): ${why}`, cause === undefined ? undefined : { cause });
    (running as { ready: Promise<string> }).ready = new Promise<string>((resolve, reject) => {
      const onMessage = (reply: ImagingReply) => {
        if ('ready' in reply) resolve(reply.ready);
        else if ('failedToStart' in reply) reject(unavailable(reply.failedToStart));
        else return;
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      child.once('error', (error) => reject(unavailable(error.message, error)));
      // 'close', not 'exit': by then stderr has been read to its end (Node's own "Cannot find module").
      child.once('close', (code, signal) => reject(unavailable(`its process stopped at start (${signal ?? `exit code ${code}`})${lastLine(running.stderr)}`)));
    });
    running.ready.catch(() => undefined);
    this.running = running;
    this.listen(running);
    return running;
  }

  private listen(running: Running): void {
    const { child, pending: calls } = running;
    child.on('message', (reply: ImagingReply) => {
      if (!('id' in reply)) return;
      const pending = calls.get(reply.id);
      if (!pending) return;
      calls.delete(reply.id);
      if ('error' in reply) pending.reject(reply.error.kind === inputGoneKind ? new InputGoneError(reply.error.message) : new ImagingError(reply.error.kind as ImagingErrorKind, reply.error.message));
      else pending.resolve(reply.result);
      this.idle();
    });
    // 'error' also comes when a message cannot be sent (the child gone); 'exit' below fails the calls.
    child.on('error', () => undefined);
    child.once('exit', (code, signal) => {
      if (this.running === running) this.running = undefined;
      // A crash (out of memory, an abort in the library, a kill) fails what was asked; the next call starts anew.
      for (const [id, pending] of calls) {
        calls.delete(id);
        pending.reject(new ImagingError('failed', `The image library's process stopped (${signal ?? `exit code ${code}`})${lastLine(running.stderr)}`));
      }
    });
  }

  private async call(method: ImagingMethod, args: unknown[]): Promise<unknown> {
    try {
      return await this.callOnce(method, args);
    } catch (error) {
      // More conversions at once than the child keeps inputs for: this call's inputs go again, whole.
      if (!(error instanceof InputGoneError) || !this.running) throw error;
      this.running.inputs.forget(args);
      return this.callOnce(method, args);
    }
  }

  private async callOnce(method: ImagingMethod, args: unknown[]): Promise<unknown> {
    clearTimeout(this.idleTimer);
    const running = this.child();
    // Work under way keeps this process alive (the command line awaits it); an idle child does not.
    this.refer(running.child, true);
    const id = this.nextId++;
    const result = new Promise<unknown>((resolve, reject) => running.pending.set(id, { resolve, reject }));
    try {
      await running.ready;
    } catch (error) {
      running.pending.delete(id);
      this.idle();
      throw error;
    }
    if (this.running !== running || !running.child.connected) {
      // It ended between ready and now; its 'exit' failed the calls or is about to.
      if (running.pending.delete(id)) throw new ImagingError('failed', "The image library's process stopped before the call.");
      return result;
    }
    running.child.send({ id, method, args: running.inputs.encode(args) });
    return result;
  }

  /** The process handle, the IPC channel and the stderr pipe each keep an event loop alive. */
  private refer(child: ChildProcess, keepAlive: boolean): void {
    const handles = [child, child.channel, child.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[];
    for (const handle of handles) (keepAlive ? handle?.ref : handle?.unref)?.call(handle);
  }

  private idle(): void {
    if (!this.running || this.running.pending.size > 0) return;
    const { child, pending } = this.running;
    this.refer(child, false);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (pending.size > 0 || this.running?.child !== child) return;
      this.running = undefined;
      child.kill();
    }, this.idleMs);
    this.idleTimer.unref();
  }
}
