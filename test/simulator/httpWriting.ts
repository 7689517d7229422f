// Writing an answer, with the transport faults that disturb it on the way out: a dropped
// connection, malformed JSON, a body cut in half, or a body sent slowly in pieces.
import type { ServerResponse } from 'node:http';
import type { TransportFault } from './faults';

/** A JSON answer, never disturbed: the simulator's own errors and the control endpoints. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, Buffer.from(JSON.stringify(body)), 'application/json', undefined);
}

/** A provider's JSON answer, subject to the request's transport fault. */
export function reply(res: ServerResponse, status: number, body: unknown, transport: TransportFault | undefined): void {
  if (transport?.kind === 'dropAnswer') {
    // The request was processed (and charged); the answer is lost on the way back.
    setTimeout(() => res.socket?.destroy(), transport.delayMs ?? 0);
    return;
  }
  if (transport?.kind === 'malformedJson') {
    send(res, status, Buffer.from('{"statusCode": 200, "data": {"status": "compl'), 'application/json', undefined);
    return;
  }
  send(res, status, Buffer.from(JSON.stringify(body)), 'application/json', transport);
}

export function send(res: ServerResponse, status: number, bytes: Buffer, contentType: string, transport: TransportFault | undefined): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(bytes.length) });
  if (transport?.kind === 'truncatedBody') {
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.destroy());
    return;
  }
  if (transport?.kind === 'slowBody') {
    const pieces = 4;
    const step = Math.ceil(bytes.length / pieces);
    let offset = 0;
    const next = () => {
      if (res.destroyed) return;
      if (offset >= bytes.length) {
        res.end();
        return;
      }
      res.write(bytes.subarray(offset, offset + step));
      offset += step;
      setTimeout(next, transport.delayMs);
    };
    next();
    return;
  }
  res.end(bytes);
}
