// "Remove a flat background" (issue 24) for models without native transparency: the model is asked
// for a plain background (flatBackgroundPrompt) and this keys it out of the decoded RGBA pixels.
// It reads the background colour from the image's border, not from what was asked, so it works
// whatever shade the model actually painted, and refuses when the border is not one flat colour.
// Only the background reachable from the border goes: a flood fill from the border, so a part of
// the subject that shares the background colour but is enclosed by it (the white of an eye, the
// hole of a ring) stays opaque. The rim next to the removed background gets soft alpha, with the
// background's colour taken out of its semi-transparent pixels (no halo on another background).

/** RGBA, 4 bytes a pixel, row after row (the image library's RawImage). */
export interface RgbaPixels {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface KeyOutOptions {
  /** Colour distance (RGB, 0–441) up to which a pixel is background: noise and compression. */
  readonly innerTolerance?: number;
  /** Distance from which a rim pixel that is no mix of background and subject is fully opaque. */
  readonly outerTolerance?: number;
  /** The share of border pixels that must be within innerTolerance of the border's median. */
  readonly minUniformBorder?: number;
  /** How many pixels into the subject the soft rim reaches. */
  readonly edgeWidth?: number;
}

export type KeyOutRefusal = 'tooSmall' | 'alreadyTransparent' | 'notFlat' | 'noSubject';

export type KeyOutResult =
  | { readonly ok: true; readonly image: RgbaPixels; readonly background: readonly [number, number, number]; readonly removedFraction: number }
  | { readonly ok: false; readonly reason: KeyOutRefusal; readonly message: string };

// 24 covers the noise and JPEG ringing of a "pure white" a model paints (±6 per channel is ~10)
// and a faint vignette; 64 keeps real colours near the background (a pale shadow, cream) opaque.
const defaults = { innerTolerance: 24, outerTolerance: 64, minUniformBorder: 0.7, edgeWidth: 3 };
/** More than this share of the image keyed out means there was no subject to keep. */
const maxRemoved = 0.995;

const background = 1;
const rim = 2;

/**
 * White, because models paint it most faithfully: "on a plain white background" is the product-
 * shot idiom, so it comes out flat, while a chroma green is often drawn as a lit "green screen"
 * with falloff and tints the subject. White parts of the subject enclosed by it survive the flood
 * fill; a white part touching the outline may lose some of its rim, which is the trade-off.
 */
export const flatBackgroundSentence = 'Place the subject on a plain, uniform, solid pure white background (no gradient, no shadow, no texture).';

/**
 * The one rule for when a background is keyed out: transparent was asked and the model cannot make
 * it itself (ModelSpec.takesBackground). The request then asks for a flat background
 * (flatBackgroundPrompt) and the finishing step removes it.
 */
export function keysOutBackground(takesBackground: boolean | undefined, background: string | undefined): boolean {
  return background === 'transparent' && takesBackground !== true;
}

/** The prompt with the sentence that asks for a background keyOut can remove; unchanged if it is there. */
export function flatBackgroundPrompt(prompt: string): string {
  const text = prompt.trim();
  if (text.endsWith(flatBackgroundSentence)) return text;
  if (text === '') return flatBackgroundSentence;
  return `${text}${/[.!?…]$/.test(text) ? '' : '.'} ${flatBackgroundSentence}`;
}

/** Keys out a flat background; the image keeps its size. Pure and synchronous: typed arrays, one queue. */
export function keyOutBackground(image: RgbaPixels, options: KeyOutOptions = {}): KeyOutResult {
  const { innerTolerance, outerTolerance, minUniformBorder, edgeWidth } = { ...defaults, ...options };
  const { data, width, height } = image;
  if (width < 3 || height < 3) {
    return refuse('tooSmall', 'The image is too small to tell a background from a subject: it needs at least 3×3 pixels.');
  }
  const border = borderIndices(width, height);
  const [r0, g0, b0, a0] = borderMedian(data, border);
  if (a0 < 128) {
    return refuse('alreadyTransparent', 'The image already has a transparent background, so there is nothing to remove.');
  }
  const colour = [r0, g0, b0] as const;
  const distance = colourDistances(data, colour);
  let uniform = 0;
  for (const i of border) if (distance[i]! < innerTolerance) uniform++;
  if (uniform < minUniformBorder * border.length) {
    return refuse(
      'notFlat',
      `Only ${Math.round((100 * uniform) / border.length)} % of the image's border is one colour, so it has no flat background to remove: ask for the transparent background again, or choose opaque.`,
    );
  }
  const flood = floodFromBorder(distance, width, border, innerTolerance, edgeWidth);
  const count = width * height;
  if (flood.removed > maxRemoved * count) {
    return refuse('noSubject', 'The whole image is the background colour, so nothing would be left: generate it again with a visible subject.');
  }
  const out = new Uint8Array(data);
  const { state, queue, visited } = flood;
  const reach = edgeWidth + 2;
  for (let n = 0; n < visited; n++) {
    const i = queue[n]!;
    const p = i * 4;
    if (state[i] === background) {
      out[p] = r0;
      out[p + 1] = g0;
      out[p + 2] = b0;
      out[p + 3] = 0;
      continue;
    }
    const alpha = rimAlpha(data, distance, state, width, height, i, colour, innerTolerance, outerTolerance, reach);
    if (alpha >= 1) continue;
    for (let c = 0; c < 3; c++) {
      // Un-mix: the pixel is alpha·subject + (1 − alpha)·background; keep the subject's part.
      const unmixed = colour[c]! + (data[p + c]! - colour[c]!) / alpha;
      out[p + c] = Math.min(255, Math.max(0, Math.round(unmixed)));
    }
    out[p + 3] = Math.round(alpha * data[p + 3]!);
  }
  return { ok: true, image: { data: out, width, height }, background: colour, removedFraction: flood.removed / count };
}

/** Each pixel's RGB distance from the background colour. */
function colourDistances(data: Uint8Array, [r0, g0, b0]: readonly [number, number, number]): Float32Array {
  const distance = new Float32Array(data.length / 4);
  for (let i = 0, p = 0; i < distance.length; i++, p += 4) {
    const dr = data[p]! - r0;
    const dg = data[p + 1]! - g0;
    const db = data[p + 2]! - b0;
    distance[i] = Math.sqrt(dr * dr + dg * dg + db * db);
  }
  return distance;
}

interface Flood {
  /** background, rim or 0 (kept as it is) for each pixel. */
  readonly state: Uint8Array;
  /** The visited pixels, in the order reached: `queue[0 … visited − 1]`. */
  readonly queue: Int32Array;
  readonly visited: number;
  readonly removed: number;
}

/**
 * One breadth-first pass from the border's background pixels (a queue, no recursion): background
 * spreads through background-coloured neighbours, and from it a rim reaches `edgeWidth` pixels
 * into whatever is not background.
 */
function floodFromBorder(distance: Float32Array, width: number, border: Int32Array, inner: number, edgeWidth: number): Flood {
  const count = distance.length;
  const state = new Uint8Array(count);
  const depth = new Uint8Array(count);
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  let removed = 0;
  for (const i of border) {
    if (state[i] === 0 && distance[i]! < inner) {
      state[i] = background;
      queue[tail++] = i;
    }
  }
  const reach = (i: number, j: number, fromBackground: boolean) => {
    if (state[j] !== 0) return;
    if (distance[j]! < inner) {
      // Background colour reached only through the rim stays: it may be enclosed by a thin outline.
      if (!fromBackground) return;
      state[j] = background;
    } else {
      state[j] = rim;
      depth[j] = fromBackground ? 1 : depth[i]! + 1;
    }
    queue[tail++] = j;
  };
  while (head < tail) {
    const i = queue[head++]!;
    const fromBackground = state[i] === background;
    if (fromBackground) removed++;
    else if (depth[i]! >= edgeWidth) continue;
    const x = i % width;
    if (x > 0) reach(i, i - 1, fromBackground);
    if (x < width - 1) reach(i, i + 1, fromBackground);
    if (i >= width) reach(i, i - width, fromBackground);
    if (i + width < count) reach(i, i + width, fromBackground);
  }
  return { state, queue, visited: tail, removed };
}

/**
 * A rim pixel's opacity. When it lies on the line from the background colour to the most distinct
 * subject colour near it, it is a mix of the two (antialiasing, a soft edge) and its position on
 * that line is its coverage. Otherwise it is a colour of its own: opaque, ramping down only when
 * it is nearly the background colour (between the two tolerances).
 */
function rimAlpha(
  data: Uint8Array,
  distance: Float32Array,
  state: Uint8Array,
  width: number,
  height: number,
  i: number,
  colour: readonly [number, number, number],
  inner: number,
  outer: number,
  reach: number,
): number {
  const x0 = i % width;
  const y0 = (i - x0) / width;
  let ref = -1;
  let refDistance = 0;
  for (let y = Math.max(0, y0 - reach); y <= Math.min(height - 1, y0 + reach); y++) {
    for (let x = Math.max(0, x0 - reach); x <= Math.min(width - 1, x0 + reach); x++) {
      const j = y * width + x;
      if (state[j] !== background && distance[j]! > refDistance) {
        refDistance = distance[j]!;
        ref = j;
      }
    }
  }
  const ramp = Math.min(1, Math.max(0, (distance[i]! - inner) / (outer - inner)));
  if (ref < 0 || refDistance < outer) return ramp;
  const p = i * 4;
  const q = ref * 4;
  let dot = 0;
  let offLine = 0;
  for (let c = 0; c < 3; c++) dot += (data[p + c]! - colour[c]) * (data[q + c]! - colour[c]);
  const t = dot / (refDistance * refDistance);
  for (let c = 0; c < 3; c++) {
    const residual = data[p + c]! - colour[c] - t * (data[q + c]! - colour[c]);
    offLine += residual * residual;
  }
  if (Math.sqrt(offLine) > inner) return ramp;
  // Within noise of the subject colour is the subject, as within noise of the background is background.
  return (1 - t) * refDistance < inner ? 1 : Math.max(0, t);
}

function refuse(reason: KeyOutRefusal, message: string): KeyOutResult {
  return { ok: false, reason, message };
}

/** The pixel indices of the outermost rows and columns, each once. */
function borderIndices(width: number, height: number): Int32Array {
  const indices = new Int32Array(2 * width + 2 * (height - 2));
  let n = 0;
  for (let x = 0; x < width; x++) {
    indices[n++] = x;
    indices[n++] = (height - 1) * width + x;
  }
  for (let y = 1; y < height - 1; y++) {
    indices[n++] = y * width;
    indices[n++] = y * width + width - 1;
  }
  return indices;
}

/** The per-channel median of the border: a subject touching one side does not move it. */
function borderMedian(data: Uint8Array, border: Int32Array): [number, number, number, number] {
  const histograms = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (const i of border) for (let c = 0; c < 4; c++) histograms[c]![data[i * 4 + c]!]!++;
  const half = border.length / 2;
  return histograms.map((histogram) => {
    let seen = 0;
    for (let value = 0; value < 256; value++) {
      seen += histogram[value]!;
      if (seen >= half) return value;
    }
    return 255;
  }) as [number, number, number, number];
}
