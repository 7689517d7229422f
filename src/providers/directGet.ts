// A GET on its own connection whose every read lands in one reused buffer (`onread`), used for
// image downloads when no proxy is configured. Node's socket streams, which undici reads
// through, allocate a fresh 64 KB Buffer per read: a 25 MB image left ~25 MB of garbage until
// the next collection and faulted in new pages on every download (bench/downloadVariants.ts).
// Errors carry the codes undici uses, so one retry policy and one error taxonomy serve both paths.
import { connect as connectTcp, isIP } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';
import { ResponseReader, type ResponseHead } from '../core/http/responseReader';

/**
 * Receives a body. `take` copies the bytes before it returns (the read buffer is reused at once);
 * a returned promise asks the source to pause until it settles.
 */
export interface BodySink {
  take(chunk: Uint8Array): Promise<void> | undefined;
}

export interface DirectGetOptions {
  readonly headers: Record<string, string>;
  readonly connectTimeoutMs: number;
  readonly headersTimeoutMs: number;
  readonly bodyTimeoutMs: number;
  readonly signal?: AbortSignal;
  /** Extra trusted certificates (tests with a loopback TLS server); the system's are always trusted. */
  readonly ca?: ConnectionOptions['ca'];
}

const readBufferBytes = 256 * 1024;

function codedError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

export function directGet(url: URL, options: DirectGetOptions, onHead: (head: ResponseHead) => BodySink): Promise<ResponseHead> {
  return new Promise<ResponseHead>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      return;
    }
    for (const [name, value] of Object.entries(options.headers)) {
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value)) {
        reject(codedError(`header ${name} contains a line break`, 'ERR_INVALID_CHAR'));
        return;
      }
    }
    const secure = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = Number(url.port) || (secure ? 443 : 80);
    const reader = new ResponseReader();
    const readBuffer = Buffer.allocUnsafe(readBufferBytes);
    let head: ResponseHead | undefined;
    let sink: BodySink | undefined;
    let settled = false;

    const onread = {
      buffer: readBuffer,
      callback: (length: number, buffer: Uint8Array): boolean => {
        if (settled) return false;
        try {
          const result = reader.read(buffer.subarray(0, length));
          if (result.head) {
            head = result.head;
            socket.setTimeout(options.bodyTimeoutMs);
            sink = onHead(result.head);
          }
          let pending: Promise<void> | undefined;
          for (const piece of result.body) {
            pending = sink!.take(piece) ?? pending;
          }
          if (result.done) {
            succeed(); // Everything is copied; the sink finishes its writes when asked.
            return false;
          }
          if (pending) {
            // The disk is behind: stop reading until it catches up (TLS may still hand over the
            // records it has decrypted, which is why take() copies before it returns).
            socket.setTimeout(0);
            pending.then(() => {
              if (!settled) {
                socket.setTimeout(options.bodyTimeoutMs);
                socket.resume();
              }
            }, fail);
            return false;
          }
          return true;
        } catch (error) {
          fail(error);
          return false;
        }
      },
    };
    // tls.connect takes onread like net.connect (Node documents it; @types/node lacks it).
    const tlsOptions = { host, port, ...(isIP(host) ? {} : { servername: host }), ALPNProtocols: ['http/1.1'], onread, ...(options.ca ? { ca: options.ca } : {}) };
    const socket = secure ? connectTls(tlsOptions as ConnectionOptions) : connectTcp({ host, port, onread });

    const connectTimer = setTimeout(() => fail(codedError(`could not connect to ${url.host} in time`, 'UND_ERR_CONNECT_TIMEOUT')), options.connectTimeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(connectTimer);
      socket.setTimeout(options.headersTimeoutMs);
      const lines = [`GET ${url.pathname}${url.search} HTTP/1.1`, `host: ${url.host}`, ...Object.entries(options.headers).map(([name, value]) => `${name}: ${value}`), 'accept-encoding: identity', 'connection: close'];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('timeout', () => fail(head ? codedError('the image stopped arriving', 'UND_ERR_BODY_TIMEOUT') : codedError('no answer in time', 'UND_ERR_HEADERS_TIMEOUT')));
    socket.on('error', fail);
    socket.on('end', () => {
      if (head && reader.endsAtClose) {
        succeed();
      } else {
        fail(codedError(head ? 'the connection closed before the image was complete' : 'the connection closed before an answer', 'UND_ERR_SOCKET'));
      }
    });
    socket.on('close', () => fail(codedError('the connection closed', 'UND_ERR_SOCKET')));
    const onAbort = () => fail(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    function finish(): void {
      settled = true;
      clearTimeout(connectTimer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    }
    function succeed(): void {
      if (settled) return;
      finish();
      resolve(head!);
    }
    function fail(error: unknown): void {
      if (settled) return;
      finish();
      reject(error);
    }
  });
}
