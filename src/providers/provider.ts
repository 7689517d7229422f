// The one interface every provider implements: submit → handle, query → status. Synchronous
// OpenAI-shaped endpoints fit it as tasks that are already complete when submit returns.
import { flatBackgroundPrompt, keysOutBackground } from '../core/output/keyOut';
import type { Background, ModelSpec, ProviderId, Quality, Resolution } from '../core/catalog/models';
import type { ValidGeneration } from '../core/catalog/validateGeneration';
import type { PixelSize } from '../core/catalog/sizes';
import type { ProviderError } from './errors';
import type { ImageInfo } from '../core/images/imageInfo';
import type { HttpClient } from './httpClient';

/** An image saved under its final name. */
export interface SavedImage extends ImageInfo {
  readonly path: string;
  readonly bytes: number;
}

/** Where an image's bytes go as they arrive (the saving pipeline, src/saving). */
export interface ImageSink {
  /** Returns a promise when the caller should pause its source until it settles. */
  take(chunk: Uint8Array): Promise<void> | undefined;
  finish(): Promise<SavedImage>;
  abort(): Promise<void>;
}

/** A request that already passed validateGeneration. */
export interface GenerationRequest {
  readonly model: ModelSpec;
  readonly prompt: string;
  readonly aspectRatio?: string;
  readonly resolution?: Resolution;
  readonly size?: PixelSize;
  readonly quality?: Quality;
  readonly referenceImages: readonly string[];
  /** Only where the model takes it (ValidGeneration.nativeBackground): a provider sends it as it is. */
  readonly background?: Background;
}

/** The request a provider sends for an input that passed validateGeneration. */
export function requestFromValidation(validation: ValidGeneration, prompt: string): GenerationRequest {
  // A transparent background the model cannot make: it is asked for a flat one, which is keyed out after.
  const keyOut = keysOutBackground(validation.nativeBackground, validation.background);
  return {
    model: validation.model,
    prompt: keyOut ? flatBackgroundPrompt(prompt) : prompt,
    referenceImages: validation.referenceImages,
    ...(validation.aspectRatio !== undefined ? { aspectRatio: validation.aspectRatio } : {}),
    ...(validation.resolution !== undefined ? { resolution: validation.resolution } : {}),
    ...(validation.size !== undefined ? { size: validation.size } : {}),
    ...(validation.quality !== undefined ? { quality: validation.quality } : {}),
    // Never to a model that does not take it: the caller makes a transparent background itself there.
    ...(validation.background !== undefined && validation.nativeBackground ? { background: validation.background } : {}),
  };
}

export interface SubmitOptions {
  /** Our id for the task; AIReiter uses it as `out_task_id`, its idempotency key. */
  readonly clientTaskId: string;
  /**
   * Where an image that comes inside the answer (`b64_json`) is written as it is decoded: image
   * `index` (from 0) of the answer. Only the first `count` images of an answer are kept.
   */
  readonly openImage: (index?: number) => Promise<ImageSink>;
  /** Images to make in this one request (OpenAI `n`; see ImageProvider.imagesPerRequest); 1 when absent. */
  readonly count?: number;
  readonly signal?: AbortSignal;
  /** Partial images a streaming provider sends while it renders (OpenAI `partial_images`). */
  readonly onPreview?: (preview: ImagePreview) => void;
  /**
   * The task may already exist at the provider (a reload or an ambiguous failure came between
   * submit and its answer): a provider that can look it up does so before sending anything.
   */
  readonly mayExist?: boolean;
}

/** One partial image of a streamed generation; `index` counts from 1 up to `total`. */
export interface ImagePreview {
  readonly index: number;
  readonly total: number;
  /** The image in order; each part owns its whole ArrayBuffer, so it can be posted as it is. */
  readonly parts: readonly Uint8Array<ArrayBuffer>[];
  readonly byteLength: number;
  readonly mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
}

export type ImageResult = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'saved'; readonly image: SavedImage };

export type TaskStatus =
  | { readonly state: 'queued' }
  | { readonly state: 'running'; readonly progress?: number; readonly unknownStatus?: string }
  /** `brokeOff`: the answer broke off after these images; the ones missing may have been made (and billed). */
  | { readonly state: 'succeeded'; readonly images: readonly ImageResult[]; readonly creditsUsed?: number; readonly brokeOff?: boolean }
  | { readonly state: 'failed'; readonly error: ProviderError }
  | { readonly state: 'cancelled' };

/** Everything needed to query a task again, also after a reload: plain data only. */
export interface TaskHandle {
  readonly provider: ProviderId;
  readonly modelKey: string;
  readonly clientTaskId: string;
  readonly taskId?: string;
  readonly estimatedCredits?: number;
  /** Set when the provider answered synchronously. */
  readonly completed?: TaskStatus;
}

export interface ImageProvider {
  readonly id: ProviderId;
  /** How many images one request may make (OpenAI's `n`); a provider without it makes one per request. */
  imagesPerRequest?(): number;
  submit(request: GenerationRequest, options: SubmitOptions): Promise<TaskHandle>;
  query(handle: TaskHandle, signal?: AbortSignal): Promise<TaskStatus>;
}

export interface ProviderConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly http: HttpClient;
}

/**
 * Every provider path is absolute from the API root. Users paste base URLs in the SDK convention
 * too (`https://host/v1`), so one trailing `/v1` (and any trailing slashes) is dropped first.
 */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '').replace(/\/v1$/i, '')}${path}`;
}

export function authHeaders(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}
