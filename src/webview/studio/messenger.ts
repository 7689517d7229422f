// Requests to the host carry an id; the host's reply with the same id settles them.
import { hostToWebviewSchema, type HostToWebview, type WebviewToHost } from '../../protocol/studioMessages';
import type { VsCodeApi } from './vscodeApi';

type Reply = Extract<HostToWebview, { type: 'reply' }>;
/** What the host sends unasked: state, and streamed previews. */
export type HostUpdate = Exclude<HostToWebview, { type: 'reply' }>;
type Request = Extract<WebviewToHost, { requestId: number }>;
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class Messenger {
  private nextId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

  constructor(
    private readonly api: VsCodeApi<unknown>,
    private readonly onUpdate: (update: HostUpdate) => void,
  ) {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      const parsed = hostToWebviewSchema.safeParse(event.data);
      if (!parsed.success) {
        console.error('ImageGen studio: ignored a message that is not part of the protocol', parsed.error.issues);
        return;
      }
      const message = parsed.data;
      if (message.type === 'reply') {
        this.pending.get(message.requestId)?.(message);
        this.pending.delete(message.requestId);
      } else {
        this.onUpdate(message);
      }
    });
  }

  ready(): void {
    this.api.postMessage({ type: 'ready' } satisfies WebviewToHost);
  }

  request(message: DistributiveOmit<Request, 'requestId'>): Promise<Reply> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      this.api.postMessage({ ...message, requestId } as Request);
    });
  }
}
