// GET /files/{id}.png: the image behind a task's link (a real PNG of the task's size, or what its
// fault makes of it: a 404, redirects, a drip, noise, an HTML page, another format sent chunked
// and perhaps cut short), and the static payloads registered for throughput tests.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { TransportFault } from './faults';
import { json, send } from './httpWriting';
import { avifContainer, flatJpeg, flatWebp, type SimImageFormat } from './imageFormats';
import { asksForFlatBackground, flatBackgroundPng, gradientPng, noisePngOfSize } from './png';
import type { SimContext } from './simTasks';

export function serveImage(sim: SimContext, imageId: string, res: ServerResponse, transport: TransportFault | undefined, query: URLSearchParams = new URLSearchParams()): void {
  const entry = sim.book.image(imageId);
  if (!entry || entry.fault?.kind === 'imageNotFound') {
    json(res, 404, { error: 'image not found or expired' });
    return;
  }
  const fault = entry.fault;
  if (fault?.kind === 'imageRedirect' && query.get('sig') === null) {
    // A CDN's signed link: N hops of 302, the last to the same path with a signature.
    const left = Number(query.get('hop') ?? fault.hops);
    res.writeHead(302, { location: left > 1 ? `/files/${imageId}.png?hop=${left - 1}` : `/files/${imageId}.png?sig=${randomUUID()}` }).end();
    return;
  }
  if (fault?.kind === 'imageRedirectTo') {
    res.writeHead(302, { location: fault.target === 'file' ? 'file:///etc/passwd' : 'http://10.0.0.7/files/image.png' }).end();
    return;
  }
  if (fault?.kind === 'dripImage') {
    const png = gradientPng(entry.width, entry.height);
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(png.subarray(0, 64));
    const timer = setInterval(() => res.write(Buffer.alloc(1)), 200);
    res.once('close', () => clearInterval(timer));
    return;
  }
  if (fault?.kind === 'chunkedImage') {
    sendChunked(res, imageOfFormat(fault.format, entry.width, entry.height, entry.prompt), fault.format, fault.truncated);
    return;
  }
  if (!entry.bytes) {
    entry.bytes =
      entry.fault?.kind === 'oversizeImage'
        ? noisePngOfSize(entry.fault.bytes)
        : entry.fault?.kind === 'notImage'
          ? Buffer.from('<!DOCTYPE html><html><body>Access denied</body></html>')
          : asksForFlatBackground(entry.prompt)
            ? flatBackgroundPng(entry.width, entry.height)
            : gradientPng(entry.width, entry.height, { prompt: entry.prompt.slice(0, 200).replace(/[^\x20-\x7e]/g, '?') });
  }
  send(res, 200, entry.bytes, entry.fault?.kind === 'notImage' ? 'text/html' : 'image/png', transport);
}

function imageOfFormat(format: SimImageFormat, width: number, height: number, prompt: string): Buffer {
  switch (format) {
    case 'png':
      return gradientPng(width, height);
    case 'jpeg':
      return flatJpeg(width, height);
    case 'webp':
      return flatWebp(width, height, `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description>${prompt.replace(/[<>&]/g, '')}${' '.repeat(2048)}</rdf:Description></x:xmpmeta>`);
    case 'avif':
      return avifContainer(width, height);
  }
}

/**
 * Without Content-Length (Node sends it chunked): a body that stops early ends as cleanly as a
 * whole one, with the last chunk, so HTTP alone cannot tell it was cut.
 */
function sendChunked(res: ServerResponse, bytes: Buffer, format: SimImageFormat, truncated: boolean): void {
  res.writeHead(200, { 'content-type': `image/${format}` });
  const end = truncated ? Math.floor(bytes.length * 0.6) : bytes.length;
  const half = Math.floor(end / 2);
  res.write(bytes.subarray(0, half));
  res.end(bytes.subarray(half, end));
}

/** Large payloads for throughput tests: `bytes` served as they are from memory; returns the link. */
export function registerStaticImage(sim: SimContext, bytes: Buffer): string {
  return `${sim.baseUrl()}/files/${sim.book.addStatic(bytes)}.png`;
}

/** An OpenAI-shaped answer holding `image` as b64_json, served as a static image; returns the link. */
export function registerStaticAnswer(sim: SimContext, image: Buffer): string {
  const answer = Buffer.from(JSON.stringify({ created: 0, data: [{ b64_json: image.toString('base64'), revised_prompt: 'static' }] }));
  return registerStaticImage(sim, answer);
}
