// Reads an OpenAI image stream (`stream: true`): each `…partial_image` event's b64_json is
// decoded while it arrives and handed over as a preview; the `…completed` event's image goes into
// the saving pipeline, never held whole; an `error` event ends it with the provider's error.
import { sniffFormat } from '../../core/images/imageInfo';
import { Base64JsonError, extractBase64Images, type Base64Sink } from '../base64JsonStream';
import type { ImagePreview, ImageSink, SavedImage } from '../provider';
import { PreviewParts } from './previewParts';
import { readServerSentEvents } from './serverSentEvents';

export interface ImageStreamHandlers {
  readonly partialImages: number;
  /** A partial larger than this is not shown (the final image has its own cap). */
  readonly maxPreviewBytes: number;
  readonly openImage: () => Promise<ImageSink>;
  readonly onPreview?: (preview: ImagePreview) => void;
}

/** `status`: the HTTP status the same error would have come with (an event has none of its own). */
export type ImageStreamResult = { readonly kind: 'completed'; readonly image: SavedImage } | { readonly kind: 'error'; readonly error: unknown; readonly status: number };

/**
 * An error event says what went wrong by its code and type only. They are mapped to the status
 * an HTTP answer would have had, so both go through the same classification: a user error
 * (moderation_blocked, invalid_request_error) is a 400, an unknown failure mid-render a 500.
 */
export function statusOfStreamError(error: unknown): number {
  const { code, type } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; type?: unknown };
  const words = `${typeof code === 'string' || typeof code === 'number' ? code : ''} ${typeof type === 'string' ? type : ''}`;
  if (/rate_limit/i.test(words)) return 429;
  if (/invalid_api_key|authentication|permission/i.test(words)) return 401;
  if (/insufficient_quota|billing/i.test(words)) return 402;
  if (/user_error|invalid_request|moderation|content_policy|invalid_value|unknown_parameter/i.test(words)) return 400;
  return 500;
}

/** The bytes of one event, pulled by the JSON decoder as the framer pushes them. */
class ByteChannel implements AsyncIterable<Uint8Array> {
  private readonly queue: Uint8Array[] = [];
  private ended = false;
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;
  private released = false;

  /** The consumer stopped (a decoding error): pushes no longer wait for it. */
  release(): void {
    this.released = true;
    this.drained?.();
  }

  push(chunk: Uint8Array): Promise<void> {
    if (this.released) return Promise.resolve();
    // Copied: the framer's chunk is reused by the network layer once we return.
    this.queue.push(Uint8Array.from(chunk));
    this.wake?.();
    return new Promise((resolve) => (this.drained = resolve));
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      const next = this.queue.shift();
      if (next) {
        yield next;
        if (this.queue.length === 0) this.drained?.();
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
  }
}

/**
 * Which preview this is, counting from 1: the event's own index when it is a whole number in
 * range (a gateway's -1, 0.5 or 1e400 would reach the status bar and the studio), else the count.
 */
function previewIndex(partialImageIndex: unknown, counted: number, requested: number): number {
  const fromEvent = typeof partialImageIndex === 'number' && Number.isInteger(partialImageIndex) && partialImageIndex >= 0 && partialImageIndex < Math.max(requested, counted) ? partialImageIndex + 1 : undefined;
  return fromEvent ?? counted;
}

/** Where the image of a second completed event goes. */
const discarded: Base64Sink = { write: async () => undefined };

const isPartial = (type: string | undefined) => type !== undefined && /partial_image$/.test(type);
const isCompleted = (type: string | undefined) => type !== undefined && /\.completed$/.test(type);

/**
 * Reads the stream to its end. Returns the saved completed image, or the error object an `error`
 * event carried (the caller maps it). Throws Base64JsonError on a malformed event.
 */
export async function readImageEventStream(body: AsyncIterable<Uint8Array>, handlers: ImageStreamHandlers): Promise<ImageStreamResult | undefined> {
  let result: ImageStreamResult | undefined;
  let channel: ByteChannel | undefined;
  let pending: Promise<{ skeletonText: string }> | undefined;
  let eventName: string | undefined;
  let preview = new PreviewParts(handlers.maxPreviewBytes);
  let writer: ImageSink | undefined;
  let saved: SavedImage | undefined;
  let previews = 0;

  const start = () => {
    channel = new ByteChannel();
    preview = new PreviewParts(handlers.maxPreviewBytes);
    const decoding = extractBase64Images(channel, {
      openImage: async (): Promise<Base64Sink> => {
        if (saved) return discarded; // One image per generation: a second completed one is dropped.
        if (isCompleted(eventName)) {
          writer = await handlers.openImage();
          return { write: async (chunk) => void (await writer!.take(chunk)) };
        }
        // A partial (or an event not named yet): decoded bytes are gathered for the preview.
        return { write: async (chunk) => preview.push(chunk) };
      },
      closeImage: async () => {
        if (writer && !saved) saved = await writer.finish();
      },
    });
    // Errors surface when the event ends; until then nothing may go unhandled.
    const current = channel;
    decoding.catch(() => current.release());
    pending = decoding;
  };

  try {
    await readServerSentEvents(body, {
      name: (name) => (eventName = name),
      data: (chunk) => {
        if (!channel) start();
        return channel!.push(chunk);
      },
      end: async (name) => {
        if (!channel) return; // The framer dispatches only events with data; nothing to read.
        channel.end();
        const { skeletonText } = await pending!;
        channel = undefined;
        if (result?.kind === 'completed') return; // The image is saved: what follows cannot undo it.
        let event: { type?: unknown; error?: unknown; partial_image_index?: unknown };
        try {
          event = JSON.parse(skeletonText) as typeof event;
        } catch {
          if (saved) {
            // The completed event's image arrived whole; only the JSON around it is broken.
            result = { kind: 'completed', image: saved };
            return;
          }
          throw new Base64JsonError('an event of the image stream is not JSON');
        }
        const type = typeof event.type === 'string' ? event.type : name;
        if (type === 'error' || event.error !== undefined) {
          const error = event.error ?? event;
          result = { kind: 'error', error, status: statusOfStreamError(error) };
        } else if (isPartial(type)) {
          const parts = preview.finish();
          previews += 1;
          const format = parts.length > 0 ? sniffFormat(parts[0]!) : undefined;
          const index = previewIndex(event.partial_image_index, previews, handlers.partialImages);
          if (format) handlers.onPreview?.({ index, total: Math.max(handlers.partialImages, index), parts, byteLength: preview.byteLength, mimeType: `image/${format}` });
        } else if (isCompleted(type)) {
          if (!saved && (preview.byteLength > 0 || preview.overflowed)) {
            // The completed event was not named before its image: write what was gathered.
            const parts = preview.finish();
            if (parts.length === 0) throw new Base64JsonError(`the completed image is larger than ${handlers.maxPreviewBytes} bytes`);
            writer = await handlers.openImage();
            for (const part of parts) await writer.take(part);
            saved = await writer.finish();
          }
          if (saved) result = { kind: 'completed', image: saved };
        }
        eventName = undefined;
        writer = undefined;
      },
    });
  } catch (error) {
    channel?.end();
    if (saved) {
      // A saved image was paid for: junk, a broken event or a lost connection after it is ignored.
      return { kind: 'completed', image: saved };
    }
    await writer?.abort();
    throw error;
  }
  return result;
}
