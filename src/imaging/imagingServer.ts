// The child side of processImaging.ts: dist/imaging.js, forked with imagingChildMarker on its
// command line, answers the Imaging calls sent over the IPC channel. The marker, not just "has an
// IPC channel": a host that happens to be forked itself (a test runner, a language server) and
// loads the library in-process must not start serving.
import { isMainThread } from 'node:worker_threads';
import { isImagingError, type Imaging } from './imaging';
import { InputGone, InputStore } from './imagingInputs';

/** The error kind that asks the host to send a call's inputs whole again. */
export const inputGoneKind = 'inputGone';

export const imagingChildMarker = '--imagegen-imaging-child';

export type ImagingMethod = 'inspect' | 'render' | 'toRaw' | 'fromRaw' | 'usage';
export interface ImagingRequest {
  readonly id: number;
  readonly method: ImagingMethod;
  readonly args: readonly unknown[];
}
export type ImagingReply =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: { readonly kind: string; readonly message: string } }
  | { readonly ready: string }
  | { readonly failedToStart: string };

/** The child's own account of its memory (process.resourceUsage: kilobytes, Linux and Windows). */
export interface ImagingUsage {
  readonly pid: number;
  readonly maxRssBytes: number;
}

export function isImagingChild(): boolean {
  return isMainThread && typeof process.send === 'function' && process.argv.includes(imagingChildMarker);
}

export function serveImaging(create: () => Promise<Imaging>): void {
  const send = (reply: ImagingReply) => process.send?.(reply);
  // The host went away (closed, crashed): nothing is left to answer, and the memory goes with us.
  process.on('disconnect', () => process.exit(0));
  const inputs = new InputStore();
  void create().then(
    (imaging) => {
      process.on('message', (request: ImagingRequest) => {
        void (async () => {
          try {
            if (request.method === 'usage') {
              send({ id: request.id, result: { pid: process.pid, maxRssBytes: process.resourceUsage().maxRSS * 1024 } satisfies ImagingUsage });
              return;
            }
            const call = imaging[request.method] as (...args: unknown[]) => Promise<unknown>;
            // V8's serializer copies a Uint8Array's own range only, so nothing to trim here.
            send({ id: request.id, result: await call.apply(imaging, inputs.decode(request.args)) });
          } catch (error) {
            const kind = isImagingError(error) ? error.kind : error instanceof InputGone ? inputGoneKind : 'failed';
            send({ id: request.id, error: { kind, message: error instanceof Error ? error.message : String(error) } });
          }
        })();
      });
      send({ ready: imaging.version });
    },
    (error: unknown) => send({ failedToStart: error instanceof Error ? error.message : String(error) }),
  );
}
