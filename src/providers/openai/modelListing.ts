// The model ids an OpenAI-compatible endpoint serves, from GET {base}/v1/models, so the wizard and
// the studio can offer them. Not every gateway has the route (404): then there is no list, and a
// typed id is used as it is. Answers are cached per endpoint and key for a while: the list changes
// monthly, not per image, and the wizard should not wait on it twice.
import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import type { HttpClient } from '../httpClient';
import { authHeaders, joinUrl } from '../provider';

export interface ListedModel {
  readonly id: string;
  /** YYYY-MM-DD when the endpoint announces a shutdown [docs: OpenAI deprecations page, `shutdown_date` on GET /v1/models]. */
  readonly shutdownDate?: string;
}

/** The endpoint's models, or `unlisted` when it has no /v1/models (or it could not be read now). */
export type ModelListingResult = { readonly kind: 'listed'; readonly models: readonly ListedModel[] } | { readonly kind: 'unlisted'; readonly reason: string };

// Read leniently: only `data[].id` is needed; `shutdown_date` may be missing, null or another shape.
const listingAnswer = z.object({
  data: z.array(z.object({ id: z.string().check(z.minLength(1), z.maxLength(200)), shutdown_date: z.optional(z.unknown()) })),
});

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const maxModels = 2_000;

export interface ModelListingOptions {
  readonly ttlMs?: number;
  readonly now?: () => number;
}

export class OpenaiModelListing {
  private readonly cache = new Map<string, { readonly at: number; readonly result: Promise<ModelListingResult> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly http: () => HttpClient,
    options: ModelListingOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The endpoint's models; concurrent and repeated calls within the cache time share one request. */
  list(baseUrl: string, apiKey: string): Promise<ModelListingResult> {
    // The key is part of what is cached (another key may see other models) but never kept as it is.
    const cacheKey = `${baseUrl}\n${createHash('sha256').update(apiKey).digest('hex')}`;
    const cached = this.cache.get(cacheKey);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.result;
    const result = this.fetch(baseUrl, apiKey);
    this.cache.set(cacheKey, { at: this.now(), result });
    // A failure to reach the endpoint is not remembered: the next wizard asks again.
    void result.then((answer) => answer.kind === 'unlisted' && answer.reason !== 'no /v1/models' && this.cache.delete(cacheKey));
    return result;
  }

  private async fetch(baseUrl: string, apiKey: string): Promise<ModelListingResult> {
    let response;
    try {
      response = await this.http().json({ provider: 'OpenAI-compatible', method: 'GET', url: joinUrl(baseUrl, '/v1/models'), headers: authHeaders(apiKey), idempotent: true, role: 'prepare', headersTimeoutMs: 10_000, idleTimeoutMs: 10_000 });
    } catch (error) {
      return { kind: 'unlisted', reason: error instanceof Error ? error.message : 'the endpoint could not be reached' };
    }
    if (response.status === 404 || response.status === 405) return { kind: 'unlisted', reason: 'no /v1/models' };
    if (response.status < 200 || response.status >= 300) return { kind: 'unlisted', reason: `HTTP ${response.status}` };
    const parsed = listingAnswer.safeParse(response.body);
    if (!parsed.success) return { kind: 'unlisted', reason: 'the answer has no data[].id' };
    const models = parsed.data.data.slice(0, maxModels).map(({ id, shutdown_date }): ListedModel => (typeof shutdown_date === 'string' && datePattern.test(shutdown_date) ? { id, shutdownDate: shutdown_date } : { id }));
    return { kind: 'listed', models };
  }
}

// The endpoint lists chat, audio and embedding models too; these words mark image models. A
// gateway's image model named otherwise is still usable by typing its id.
const imageWords = /image|dall-?e|banana|flux|seedream|imagen|midjourney|kolor|sdxl|stable-?diffusion|recraft|ideogram/i;

/**
 * The ids worth offering for images, in the endpoint's order: image models whose shutdown date
 * (if any) is after `today` (YYYY-MM-DD). With no image-like id at all, every live id.
 */
export function offerableModelIds(models: readonly ListedModel[], today: string): string[] {
  const live = models.filter((model) => !model.shutdownDate || model.shutdownDate > today);
  const images = live.filter((model) => imageWords.test(model.id));
  return [...new Set((images.length > 0 ? images : live).map((model) => model.id))];
}
