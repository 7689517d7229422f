import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HttpProtocolError, ResponseReader, type ResponseHead } from '../../src/core/http/responseReader';

const bytes = (text: string) => Buffer.from(text, 'latin1');

/** Feeds the answer in pieces of `size` bytes and collects what the reader makes of it. */
function readInPieces(answer: Buffer, size: number): { head?: ResponseHead; body: Buffer; done: boolean } {
  const reader = new ResponseReader();
  let head: ResponseHead | undefined;
  const body: Buffer[] = [];
  let done = false;
  for (let offset = 0; offset < answer.length && !done; offset += size) {
    const result = reader.read(answer.subarray(offset, offset + size));
    head ??= result.head;
    body.push(...result.body.map((piece) => Buffer.from(piece)));
    done = result.done;
  }
  return { ...(head ? { head } : {}), body: Buffer.concat(body), done };
}

const payload = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));

test('a Content-Length body, in pieces of every size from one byte up', () => {
  const answer = Buffer.concat([bytes(`HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: ${payload.length}\r\nX-Twice: a\r\nx-twice: b\r\n\r\n`), payload, bytes('trailing garbage')]);
  for (const size of [1, 2, 3, 7, 64, 1000, answer.length]) {
    const result = readInPieces(answer, size);
    assert.equal(result.head?.status, 200, `pieces of ${size}`);
    assert.equal(result.head?.headers['content-type'], 'image/png');
    assert.deepEqual(result.head?.headers['x-twice'], ['a', 'b']);
    assert.ok(result.body.equals(payload), `pieces of ${size}: the body, and nothing after it`);
    assert.equal(result.done, true);
  }
});

test('a chunked body with extensions and trailers, in pieces of every size', () => {
  const chunks = [payload.subarray(0, 1), payload.subarray(1, 4000), payload.subarray(4000)];
  const answer = Buffer.concat([
    bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n'),
    ...chunks.flatMap((chunk, i) => [bytes(`${chunk.length.toString(16)}${i === 1 ? ';name=value' : ''}\r\n`), chunk, bytes('\r\n')]),
    bytes('0\r\nX-Checksum: 1\r\n\r\n'),
  ]);
  for (const size of [1, 2, 5, 100, answer.length]) {
    const result = readInPieces(answer, size);
    assert.ok(result.body.equals(payload), `pieces of ${size}`);
    assert.equal(result.done, true, `pieces of ${size}: ends at the last chunk and its trailers`);
  }
});

test('without a length the body runs until the connection closes; 204 and 304 have none', () => {
  const reader = new ResponseReader();
  const result = reader.read(Buffer.concat([bytes('HTTP/1.0 200 OK\r\n\r\n'), payload]));
  assert.ok(Buffer.concat(result.body).equals(payload));
  assert.equal(result.done, false);
  assert.equal(reader.endsAtClose, true);
  assert.equal(new ResponseReader().read(bytes('HTTP/1.1 204 No Content\r\n\r\n')).done, true);
  assert.equal(new ResponseReader().read(bytes('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n')).done, true);
});

test('an interim 103 answer is skipped for the real one', () => {
  const result = readInPieces(Buffer.concat([bytes('HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno')]), 4);
  assert.equal(result.head?.status, 404);
  assert.equal(result.body.toString(), 'no');
});

test('a body cut short is not complete: the connection closing then is an error for the caller', () => {
  const reader = new ResponseReader();
  const result = reader.read(bytes('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345'));
  assert.equal(result.done, false);
  assert.equal(reader.endsAtClose, false);
  const chunked = new ResponseReader();
  chunked.read(bytes('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n'));
  assert.equal(chunked.endsAtClose, false);
});

test('malformed or unsupported answers are refused, not guessed at', () => {
  const refused: Array<[string, string | Buffer]> = [
    ['not HTTP', 'SSH-2.0-OpenSSH\r\n\r\n'],
    ['HTTP/2 text', 'HTTP/2 200\r\n\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nbroken header\r\n\r\n'],
    ['a folded header', 'HTTP/1.1 200 OK\r\nA: b\r\n  c\r\n\r\n'],
    ['a header name with a space', 'HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n'],
    ['a negative length', 'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n'],
    ['two different lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n'],
    ['a compressed transfer', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'],
    ['a chunk size that is not hex', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
    ['a chunk longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n'],
    ['a bare LF in a chunk line', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\nab'],
    ['a head over 64 KB', `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(70 * 1024)}\r\n\r\n`],
  ];
  for (const [what, answer] of refused) {
    assert.throws(() => readInPieces(typeof answer === 'string' ? bytes(answer) : answer, 3), HttpProtocolError, what);
  }
  // The same length twice is one length.
  assert.equal(readInPieces(bytes('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nok'), 5).body.toString(), 'ok');
});
