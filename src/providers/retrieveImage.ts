// Puts a finished task's image at `target`, whether it came as a URL or as a staged file.
import { link, unlink } from 'node:fs/promises';
import { downloadImage } from './downloadImage';
import type { HttpClient } from './httpClient';
import type { SavedImage } from './imageFileWriter';
import type { ImageResult } from './provider';

export interface RetrieveOptions {
  readonly provider: string;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

export async function retrieveImage(http: HttpClient, image: ImageResult, target: string, options: RetrieveOptions): Promise<SavedImage> {
  if (image.kind === 'url') {
    return downloadImage(http, image.url, target, options);
  }
  // link, not rename: it fails instead of replacing a file that appeared at `target`.
  await link(image.image.path, target);
  await unlink(image.image.path).catch(() => undefined);
  return { ...image.image, path: target };
}
