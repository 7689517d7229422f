// What the catalog knows of one model: its ratios, resolutions, qualities, size rules, reference
// limit and polling advice. Generic in its provider id so a provider's profile can declare its
// models (`ModelSpecOf<'aireiter'>`) without importing the list of providers, which is built from
// those profiles (see src/providers/profiles.ts); `ModelSpec` in ./models is the usual spelling.
import type { Retirement } from './retiredModels';
import type { PixelSize } from './sizes';

export type Resolution = '1K' | '2K' | '4K';
export type Quality = 'low' | 'medium' | 'high' | 'auto';
/** OpenAI's `background` values [docs: openai-images.openapi.json]; `auto` lets the model choose. */
export const backgrounds = ['transparent', 'opaque', 'auto'] as const;
export type Background = (typeof backgrounds)[number];

export type CustomSizeRule =
  /** AIReiter gpt_image_2 `size`: any WxH whose pixel count is in range; below `warnBelow` the upstream swaps sizes. */
  | { readonly kind: 'pixelRange'; readonly minPixels: number; readonly maxPixels: number; readonly warnBelow: number; readonly suggestions: readonly string[] }
  /** OpenAI gpt-image-2: both sides multiples of 16, ratio within 1:3…3:1, within 3840×2160. */
  | { readonly kind: 'multipleOf16'; readonly minPixels: number; readonly maxPixels: number; readonly maxEdge: number; readonly maxRatio: number }
  /** gpt-image-1 family: a fixed list of sizes. */
  | { readonly kind: 'fixed'; readonly sizes: readonly string[] }
  /** A model id ImageGen does not know: any WIDTHxHEIGHT is sent, the provider checks it. */
  | { readonly kind: 'providerChecked' };

export interface CellSize {
  readonly size: PixelSize;
  readonly alternative?: PixelSize;
  /** True where no provider table exists and the size is our estimate; the file's header is the truth. */
  readonly approximate: boolean;
}

export interface PollingAdvice {
  readonly initialDelayMs: number;
  readonly intervalMs: number;
  readonly timeoutMs: number;
}

export interface ModelSpecOf<Provider extends string> {
  readonly key: string;
  readonly provider: Provider;
  readonly model: string;
  readonly label: string;
  /** Selectable ratios in display order; `auto` lets the provider choose. */
  readonly ratios: readonly string[];
  readonly defaultRatio: string;
  readonly resolutions: readonly Resolution[];
  /** Ratios allowed at 4K when the model restricts them. */
  readonly fourKRatios?: readonly string[];
  readonly qualities: readonly Quality[];
  readonly defaultQuality?: Quality;
  readonly custom?: CustomSizeRule;
  readonly maxReferenceImages: number;
  readonly maxPromptLength: number;
  /**
   * The provider takes `background` for this model (OpenAI-compatible gpt-image models); for the
   * others a transparent background has to be made after the image arrives (a key-out step).
   */
  readonly takesBackground?: true;
  readonly polling: PollingAdvice;
  /** Shut down by its maker: kept so history, resumes and messages know it, never offered. */
  readonly retired?: Retirement;
  /** An OpenAI-compatible id the catalog does not list: generic gpt-image rules, sizes checked by the provider. */
  readonly unlisted?: true;
  cellSize(ratio: string, resolution: Resolution): CellSize | undefined;
}
