// The worker side of workerImaging.ts: dist/imaging.js, started as a worker thread, answers the
// Imaging calls posted to it. Runs only when the worker was started with `imagegenImaging`.
import { parentPort, workerData } from 'node:worker_threads';
import { isImagingError, type Imaging } from './imaging';

export type ImagingMethod = 'inspect' | 'render' | 'toRaw' | 'fromRaw';
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

/** A Uint8Array that owns its whole ArrayBuffer, so the buffer can be transferred, not copied. */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
}

export function isImagingWorker(): boolean {
  return parentPort !== null && (workerData as { imagegenImaging?: unknown } | undefined)?.imagegenImaging === true;
}

export function serveImaging(create: () => Promise<Imaging>): void {
  const port = parentPort!;
  void create().then(
    (imaging) => {
      port.on('message', (request: ImagingRequest) => {
        void (async () => {
          try {
            const call = imaging[request.method] as (...args: unknown[]) => Promise<unknown>;
            let result = await call.apply(imaging, [...request.args]);
            const transfer: ArrayBuffer[] = [];
            if (result instanceof Uint8Array) {
              result = owned(result);
              transfer.push((result as Uint8Array).buffer as ArrayBuffer);
            } else if (result && typeof result === 'object' && (result as { data?: unknown }).data instanceof Uint8Array) {
              const raw = result as { data: Uint8Array; width: number; height: number };
              result = { data: owned(raw.data), width: raw.width, height: raw.height };
              transfer.push((result as { data: Uint8Array }).data.buffer as ArrayBuffer);
            }
            port.postMessage({ id: request.id, result } satisfies ImagingReply, transfer);
          } catch (error) {
            const kind = isImagingError(error) ? error.kind : 'failed';
            port.postMessage({ id: request.id, error: { kind, message: error instanceof Error ? error.message : String(error) } } satisfies ImagingReply);
          }
        })();
      });
      port.postMessage({ ready: imaging.version } satisfies ImagingReply);
    },
    (error: unknown) => port.postMessage({ failedToStart: error instanceof Error ? error.message : String(error) } satisfies ImagingReply),
  );
}
