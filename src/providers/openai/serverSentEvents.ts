// Server-sent events (text/event-stream), framed byte by byte so that an event's data — several
// MB of base64 for an image — flows on to its consumer as it arrives and is never held whole.
// Not `eventsource-parser`: it hands over each event as one string, which would keep the whole
// base64 text and the decoded image in memory together.
// Framing follows the HTML standard (LF, CRLF or CR line ends; a leading BOM; `:` comments; an
// event whose data is empty is not dispatched), with one leniency: an event cut off by the end
// of the stream, without its blank line, is still dispatched — its consumer parses the data
// and notices when it is incomplete, while a complete last event (a gateway that closes early)
// still delivers its image.

export interface EventHandlers {
  /** Bytes of the current event's `data` (lines joined with "\n"); a promise pauses the stream. */
  data(chunk: Uint8Array): Promise<void> | void;
  /** The event ended (blank line); `event` is its `event:` field, when it had one. */
  end(event: string | undefined): Promise<void> | void;
  /**
   * An `event:` line, as soon as it is read (it usually comes before the data); `undefined` when
   * an event ended without data, so its name does not carry over to the next one.
   */
  name?(event: string | undefined): void;
}

const LF = 0x0a;
const CR = 0x0d;
const maxFieldNameBytes = 64;
const maxEventNameBytes = 256;

type LineState = 'start' | 'field' | 'dataValue' | 'eventValue' | 'ignored';

/**
 * Where the line that `from` is on ends in `chunk` (its CR or LF), or the chunk's length. The
 * next CR and LF found are kept (`seen`, per chunk), so many short lines in one large chunk do not
 * search to its end each time: streams rarely have a CR at all.
 */
function lineEnd(chunk: Buffer, from: number, seen: { lf: number; cr: number }): number {
  // Native searches: a data line is megabytes of base64, too long for a loop in script.
  if (seen.lf !== -1 && seen.lf < from) seen.lf = chunk.indexOf(LF, from);
  if (seen.cr !== -1 && seen.cr < from) seen.cr = chunk.indexOf(CR, from);
  const end = seen.lf < 0 ? seen.cr : seen.cr < 0 ? seen.lf : Math.min(seen.lf, seen.cr);
  return end < 0 ? chunk.length : end;
}

/** Feeds an event stream through `handlers`; returns when the stream ends. */
export async function readServerSentEvents(body: AsyncIterable<Uint8Array>, handlers: EventHandlers): Promise<void> {
  let state: LineState = 'start';
  let field: number[] = [];
  let eventName: number[] = [];
  /** Whether the event has data to dispatch: some bytes, or the "\n" between two data lines. */
  let hasData = false;
  let dataLines = 0;
  let skipSpace = false;
  let afterCR = false;
  let currentEvent: string | undefined;

  const endLine = async () => {
    if (state === 'start') {
      // A blank line dispatches the event.
      if (hasData) {
        await handlers.end(currentEvent);
      } else if (currentEvent !== undefined) {
        handlers.name?.(undefined);
      }
      hasData = false;
      dataLines = 0;
      currentEvent = undefined;
    } else if (state === 'field') {
      await fieldEnded(true);
    } else if (state === 'eventValue') {
      currentEvent = Buffer.from(eventName).toString('utf8');
      handlers.name?.(currentEvent);
    }
    state = 'start';
    field = [];
  };

  /** A field name ended, by ":" or by the end of its line (a field without a value). */
  const fieldEnded = async (atLineEnd: boolean) => {
    // A UTF-8 byte order mark may open the stream: it is read as the start of the first field name.
    const name = Buffer.from(field).toString('latin1').replace(/^\xef\xbb\xbf/, '');
    if (name === 'data') {
      if (dataLines > 0) {
        hasData = true;
        await handlers.data(Uint8Array.of(LF));
      }
      dataLines += 1;
      state = atLineEnd ? 'start' : 'dataValue';
    } else if (name === 'event') {
      eventName = [];
      state = atLineEnd ? 'start' : 'eventValue';
      if (atLineEnd) currentEvent = '';
    } else {
      state = 'ignored'; // Comments (":"), id, retry and unknown fields.
    }
    skipSpace = true;
  };

  for await (const raw of body) {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const seen = { lf: -2, cr: -2 };
    let index = 0;
    while (index < chunk.length) {
      const byte = chunk[index]!;
      if (afterCR && byte === LF) {
        afterCR = false;
        index++;
        continue; // CRLF: the CR ended the line.
      }
      afterCR = false;
      if (byte === CR || byte === LF) {
        afterCR = byte === CR;
        await endLine();
        index++;
        continue;
      }
      if ((state as LineState) === 'dataValue') {
        // Everything up to the end of the line is data: hand it on in one piece.
        if (skipSpace && byte === 0x20) {
          skipSpace = false;
          index++;
          continue;
        }
        skipSpace = false;
        const end = lineEnd(chunk, index, seen);
        hasData = true;
        await handlers.data(chunk.subarray(index, end));
        index = end;
        continue;
      }
      if (state === 'start') {
        state = byte === 0x3a ? 'ignored' : 'field';
        if (state === 'ignored') {
          index++;
          continue;
        }
      }
      if (state === 'field') {
        if (byte === 0x3a) {
          await fieldEnded(false);
        } else if (field.length < maxFieldNameBytes) {
          field.push(byte);
        }
      } else if ((state as LineState) === 'eventValue') {
        if (!(skipSpace && byte === 0x20) && eventName.length < maxEventNameBytes) eventName.push(byte);
        skipSpace = false;
      }
      index++;
    }
  }
  await endLine();
  if (hasData) {
    await handlers.end(currentEvent);
  }
}
