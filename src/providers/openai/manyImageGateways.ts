// Which OpenAI-compatible base URLs make several images in one request (`n`). OpenAI takes n 1–10
// [providers.md §3]; gateways copy /v1/images with n ≤ 1 (JimmyAI's docs) and answer one image
// whatever was asked. A base URL that answered fewer images than asked is not asked for several
// again while the host lives: its candidates go as separate requests from then on. (Only the images
// made were billed; the missing candidates end as not made, never re-sent on their own.)
import { gatewayKey } from './streamingGateways';

/** OpenAI's limit for `n`; a group of candidates is at most 8 (issue 25), so one request takes it whole. */
export const maxImagesPerRequest = 10;

const oneImageOnly = new Set<string>();

/** How many images one request to this base URL may ask for. */
export function imagesPerRequestAt(baseUrl: string): number {
  return oneImageOnly.has(gatewayKey(baseUrl)) ? 1 : maxImagesPerRequest;
}

/** The gateway answered fewer images than `n` asked for: one per request from now on. */
export function makesOneImageAt(baseUrl: string): void {
  oneImageOnly.add(gatewayKey(baseUrl));
}
