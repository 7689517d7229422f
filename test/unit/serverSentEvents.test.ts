// The byte-level server-sent-events framer (src/providers/openai/serverSentEvents.ts): the same
// events whatever the chunking — boundaries inside `data:` lines, inside CRLF pairs, one byte at
// a time — and the HTML standard's rules for line ends, comments, multi-line data and empty events.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readServerSentEvents } from '../../src/providers/openai/serverSentEvents';

interface Seen {
  readonly name: string | undefined;
  readonly data: string;
}

/** Every way of cutting `text`: fixed sizes and a pseudo-random pattern of 1–9 bytes. */
function chunkings(text: string | Buffer): { label: string; chunks: Buffer[] }[] {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const result = [1, 2, 3, 5, 7, 64, bytes.length].map((size) => {
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    return { label: `chunks of ${size}`, chunks };
  });
  const irregular: Buffer[] = [];
  let seed = 11;
  for (let i = 0; i < bytes.length; ) {
    seed = (seed * 48271) % 2147483647;
    const size = 1 + (seed % 9);
    irregular.push(bytes.subarray(i, i + size));
    i += size;
  }
  return [...result, { label: 'irregular chunks', chunks: irregular }];
}

async function frame(chunks: readonly Buffer[]): Promise<Seen[]> {
  const events: Seen[] = [];
  let data: Buffer[] = [];
  async function* body() {
    for (const chunk of chunks) yield chunk;
  }
  await readServerSentEvents(body(), {
    data: (chunk) => void data.push(Buffer.from(chunk)), // Copied: the framer hands out views.
    end: (name) => {
      events.push({ name, data: Buffer.concat(data).toString() });
      data = [];
    },
  });
  return events;
}

async function expectEvents(text: string | Buffer, expected: Seen[]): Promise<void> {
  for (const { label, chunks } of chunkings(text)) {
    assert.deepEqual(await frame(chunks), expected, label);
  }
}

test('LF, CRLF and CR line ends, comments, id and retry lines, events with and without a name', async () => {
  const text = ': comment\r\nevent: one\r\ndata: {"a":1}\r\n\r\nid: 7\nretry: 100\ndata:second\n\nevent:third\rdata: x\r\r';
  await expectEvents(text, [
    { name: 'one', data: '{"a":1}' },
    { name: undefined, data: 'second' },
    { name: 'third', data: 'x' },
  ]);
});

test('multi-line data is joined with "\\n"; only one space after the colon is dropped', async () => {
  await expectEvents('data: {"a":\r\ndata:  1}\r\ndata\r\n\r\n', [{ name: undefined, data: '{"a":\n 1}\n' }]);
});

test('a long data line split anywhere reaches the consumer byte for byte', async () => {
  const payload = Buffer.alloc(300_000, 'QUJD').toString('latin1');
  const text = `event: image_generation.partial_image\r\ndata: {"b64_json":"${payload}"}\r\n\r\n`;
  for (const { label, chunks } of chunkings(text).filter((c) => c.chunks.length < 100_000)) {
    const [event] = await frame(chunks);
    assert.equal(event?.data.length, payload.length + 15, label);
    assert.equal(event?.name, 'image_generation.partial_image', label);
  }
});

test('an event without data is not dispatched, and its name does not carry over', async () => {
  const names: (string | undefined)[] = [];
  async function* body() {
    yield Buffer.from('event: ping\n\ndata:\n\ndata: real\n\n');
  }
  const ends: (string | undefined)[] = [];
  await readServerSentEvents(body(), { data: () => undefined, end: (name) => void ends.push(name), name: (name) => void names.push(name) });
  assert.deepEqual(ends, [undefined], 'only the event with data, without the earlier name');
  assert.deepEqual(names, ['ping', undefined]);
});

test('a byte order mark at the start is ignored, also when it is split across chunks', async () => {
  const text = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('data: first\n\n')]);
  await expectEvents(text, [{ name: undefined, data: 'first' }]);
});

test('a last event without its blank line is still handed over (its consumer checks it is whole)', async () => {
  await expectEvents('data: a\n\ndata: b', [
    { name: undefined, data: 'a' },
    { name: undefined, data: 'b' },
  ]);
});

test('a data promise pauses the framer until the consumer is ready', async () => {
  let inFlight = 0;
  let most = 0;
  async function* body() {
    for (let i = 0; i < 20; i++) yield Buffer.from(`data: ${i}\n\n`);
  }
  await readServerSentEvents(body(), {
    data: async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
    },
    end: () => undefined,
  });
  assert.equal(most, 1);
});
