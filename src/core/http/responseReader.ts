// Reads one HTTP/1.1 response to a GET, incrementally, from whatever pieces the socket delivers:
// the head, then the body as views on the bytes given (nothing is copied, so a download can read
// into one reused buffer). Content-Length, chunked and close-delimited bodies; anything else,
// or anything malformed, is an error rather than a guess.

export interface ResponseHead {
  readonly status: number;
  /** Lower-case names; a repeated header keeps every value. */
  readonly headers: Record<string, string | string[]>;
}

export interface ReadResult {
  /** Present once, in the call where the head completes. */
  readonly head?: ResponseHead;
  /** Body bytes in this piece, as views on it. */
  readonly body: Uint8Array[];
  /** The body is complete; bytes after it are ignored. */
  readonly done: boolean;
}

export const httpProtocolErrorCode = 'IMAGEGEN_HTTP_PROTOCOL';

export class HttpProtocolError extends Error {
  readonly code = httpProtocolErrorCode;
}

const maxHeadBytes = 64 * 1024;
const maxChunkLineBytes = 4 * 1024;
const maxTrailerBytes = 16 * 1024;
const CR = 13;
const LF = 10;

type State = 'head' | 'length' | 'chunkSize' | 'chunkData' | 'chunkDataEnd' | 'trailers' | 'untilClose' | 'done';

export class ResponseReader {
  private state: State = 'head';
  private line: number[] = [];
  private headText = '';
  private remaining = 0;
  private trailerBytes = 0;

  /** Whether the connection closing now ends the body properly. */
  get endsAtClose(): boolean {
    return this.state === 'untilClose' || this.state === 'done';
  }

  read(piece: Uint8Array): ReadResult {
    let head: ResponseHead | undefined;
    const body: Uint8Array[] = [];
    let offset = 0;
    while (offset < piece.length && this.state !== 'done') {
      switch (this.state) {
        case 'head': {
          const end = this.scanHead(piece, offset);
          offset = end.offset;
          if (end.head) {
            if (end.head.status >= 100 && end.head.status < 200) {
              this.headText = ''; // An interim answer (103 Early Hints): the real one follows.
              break;
            }
            head = end.head;
            this.state = this.bodyStateFor(end.head);
          }
          break;
        }
        case 'length':
        case 'chunkData': {
          const take = Math.min(this.remaining, piece.length - offset);
          body.push(piece.subarray(offset, offset + take));
          offset += take;
          this.remaining -= take;
          if (this.remaining === 0) {
            this.state = this.state === 'length' ? 'done' : 'chunkDataEnd';
          }
          break;
        }
        case 'untilClose':
          body.push(piece.subarray(offset));
          offset = piece.length;
          break;
        case 'chunkSize': {
          const line = this.takeLine(piece, offset, maxChunkLineBytes, 'chunk size line');
          offset = line.offset;
          if (line.text !== undefined) {
            const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line.text);
            if (!size) throw new HttpProtocolError(`malformed chunk size "${line.text.slice(0, 40)}"`);
            this.remaining = Number.parseInt(size[1]!, 16);
            this.state = this.remaining === 0 ? 'trailers' : 'chunkData';
          }
          break;
        }
        case 'chunkDataEnd': {
          const line = this.takeLine(piece, offset, 2, 'chunk end');
          offset = line.offset;
          if (line.text !== undefined) {
            if (line.text !== '') throw new HttpProtocolError('chunk data longer than its size');
            this.state = 'chunkSize';
          }
          break;
        }
        case 'trailers': {
          const line = this.takeLine(piece, offset, maxTrailerBytes, 'trailer');
          this.trailerBytes += line.offset - offset;
          offset = line.offset;
          if (this.trailerBytes > maxTrailerBytes) throw new HttpProtocolError('trailers too large');
          if (line.text === '') this.state = 'done';
          break;
        }
      }
    }
    return { ...(head ? { head } : {}), body, done: this.state === 'done' };
  }

  private scanHead(piece: Uint8Array, from: number): { offset: number; head?: ResponseHead } {
    for (let i = from; i < piece.length; i++) {
      const byte = piece[i]!;
      this.headText += String.fromCharCode(byte);
      if (this.headText.length > maxHeadBytes) throw new HttpProtocolError('response head larger than 64 KB');
      if (byte === LF && this.headText.endsWith('\r\n\r\n')) {
        return { offset: i + 1, head: parseHead(this.headText.slice(0, -4)) };
      }
    }
    return { offset: piece.length };
  }

  /** One CRLF-terminated line, possibly spread over pieces; text is set once it is complete. */
  private takeLine(piece: Uint8Array, from: number, limit: number, what: string): { offset: number; text?: string } {
    for (let i = from; i < piece.length; i++) {
      const byte = piece[i]!;
      if (byte === LF) {
        if (this.line.at(-1) !== CR) throw new HttpProtocolError(`${what} not ended by CRLF`);
        const text = String.fromCharCode(...this.line.slice(0, -1));
        this.line = [];
        return { offset: i + 1, text };
      }
      this.line.push(byte);
      if (this.line.length > limit + 1) throw new HttpProtocolError(`${what} too long`);
    }
    return { offset: piece.length };
  }

  private bodyStateFor(head: ResponseHead): State {
    if (head.status === 204 || head.status === 304) return 'done';
    const transferEncoding = single(head.headers['transfer-encoding']);
    if (transferEncoding !== undefined) {
      if (transferEncoding.trim().toLowerCase() !== 'chunked') throw new HttpProtocolError(`unsupported transfer-encoding "${transferEncoding}"`);
      return 'chunkSize'; // Transfer-Encoding overrides Content-Length (RFC 9112 §6.3).
    }
    const lengths = head.headers['content-length'];
    if (lengths !== undefined) {
      const values = new Set((Array.isArray(lengths) ? lengths : [lengths]).flatMap((value) => value.split(',')).map((value) => value.trim()));
      const [value] = values;
      if (values.size !== 1 || !/^\d{1,15}$/.test(value!)) throw new HttpProtocolError('invalid content-length');
      this.remaining = Number(value);
      return this.remaining === 0 ? 'done' : 'length';
    }
    return 'untilClose';
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function parseHead(text: string): ResponseHead {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
  if (!status) throw new HttpProtocolError(`not an HTTP/1.1 status line: "${statusLine.slice(0, 60)}"`);
  const headers: Record<string, string | string[]> = {};
  for (const line of lines) {
    const field = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/.exec(line);
    if (!field) throw new HttpProtocolError(`malformed header line "${line.slice(0, 60)}"`);
    const name = field[1]!.toLowerCase();
    const previous = headers[name];
    headers[name] = previous === undefined ? field[2]! : [...(Array.isArray(previous) ? previous : [previous]), field[2]!];
  }
  return { status: Number(status[1]), headers };
}
