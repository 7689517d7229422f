// A reference image as a provider gets it, the same in the extension (generation/referenceRead)
// and the standalone server (engine/referenceReader.ts): within its provider's size limit, an image by
// its bytes (never its name), sent as a data URI of the type its bytes say.
import { sniffFormat } from '../core/images/imageInfo';
import { perProvider, providerProfile, type ProviderId } from '../providers/profiles';

const MB = 1024 * 1024;

/**
 * The largest reference image each provider takes, in MB: its profile's `referenceLimit`
 * (src/providers/<id>/profile.ts, with the documents it comes from).
 */
export const referenceMegabytes: Readonly<Record<ProviderId, number>> = perProvider((profile) => profile.referenceLimit.megabytes);

/** Whether a reference of `bytes` is within `provider`'s limit (OpenAI's is "less than", JimmyAI's "at most"). */
export function referenceFits(provider: ProviderId, bytes: number): boolean {
  const { megabytes: limit, inclusive } = providerProfile(provider).referenceLimit;
  return inclusive ? bytes <= limit * MB : bytes < limit * MB;
}

/** A size in MB as the too-large messages show it (one decimal). */
export function megabytes(bytes: number): string {
  return (bytes / MB).toFixed(1);
}

/** The bytes as a data URI, or undefined when they are no PNG, JPEG or WebP image. */
export function referenceDataUri(bytes: Uint8Array): string | undefined {
  const format = sniffFormat(bytes.subarray(0, 64));
  return format ? `data:image/${format};base64,${Buffer.from(bytes).toString('base64')}` : undefined;
}
