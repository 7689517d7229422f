/** Pixel dimensions and the arithmetic every size rule needs. */
export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

export function pixelCount(size: PixelSize): number {
  return size.width * size.height;
}

export function formatSize(size: PixelSize): string {
  return `${size.width}x${size.height}`;
}

/** Parses `WxH` (also `W×H`, `W*H`, upper-case X); undefined when it is not two positive integers. */
export function parseSize(text: string): PixelSize | undefined {
  const match = /^\s*(\d{1,6})\s*[xX×*]\s*(\d{1,6})\s*$/.exec(text);
  if (!match) {
    return undefined;
  }
  const width = Number(match[1]);
  const height = Number(match[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/** `16:9` → 16/9. */
export function ratioValue(ratio: string): number {
  const [w, h] = ratio.split(':').map(Number);
  return (w ?? NaN) / (h ?? NaN);
}
