// OpenAI-shaped answers carry images as `b64_json` strings of several MB. Instead of parsing the
// whole body (several copies of the image in memory), this lexer walks the JSON bytes once and
// streams every `b64_json` value through a base64 decoder into a sink; everything else is kept
// as a small skeleton (with "" in place of each image) that is parsed and validated as usual.

export interface Base64Sink {
  write(chunk: Buffer): Promise<void>;
}

export interface Base64JsonHandlers {
  /** Called when the n-th `b64_json` value starts; returns where its decoded bytes go. */
  openImage(index: number): Promise<Base64Sink>;
  closeImage(index: number): Promise<void>;
}

export interface ExtractResult {
  /** The answer with each `b64_json` value replaced by "". */
  readonly skeletonText: string;
  readonly images: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const imageKey = 'b64_json';

export class Base64JsonError extends Error {}

/**
 * Decodes base64 text incrementally, four characters at a time; whitespace and JSON escapes of
 * `/` are tolerated, anything else outside the alphabet is an error.
 */
class Base64Decoder {
  private pending = '';

  push(text: string): Buffer {
    const clean = this.pending + text;
    if (/[^A-Za-z0-9+/=]/.test(clean)) {
      throw new Base64JsonError('b64_json contains characters outside the base64 alphabet');
    }
    const usable = clean.length - (clean.length % 4);
    this.pending = clean.slice(usable);
    return usable > 0 ? Buffer.from(clean.slice(0, usable), 'base64') : Buffer.alloc(0);
  }

  end(): Buffer {
    const rest = this.pending;
    this.pending = '';
    if (rest.length % 4 === 1) {
      throw new Base64JsonError('b64_json ends in the middle of a base64 group');
    }
    return rest.length > 0 ? Buffer.from(rest, 'base64') : Buffer.alloc(0);
  }
}

/**
 * The next quote or backslash at or after `from`, or -1. The backslash is looked for only before
 * the quote: base64 with escaped slashes or wrapped lines has one every few bytes, and a search
 * to the chunk's end each time would make the reading quadratic.
 */
function nextSpecial(chunk: Buffer, from: number, quoteAt: { at: number }): number {
  if (quoteAt.at !== -1 && quoteAt.at < from) quoteAt.at = chunk.indexOf(QUOTE, from);
  const quote = quoteAt.at;
  const backslash = chunk.subarray(from, quote < 0 ? chunk.length : quote).indexOf(BACKSLASH);
  return backslash >= 0 ? from + backslash : quote;
}

export async function extractBase64Images(body: AsyncIterable<Uint8Array>, handlers: Base64JsonHandlers, maxSkeletonBytes = 1024 * 1024): Promise<ExtractResult> {
  const skeleton: Buffer[] = [];
  let skeletonBytes = 0;
  let inString = false;
  let escaped = false;
  let streamingImage = false;
  let stringBytes: number[] = [];
  let lastKey: string | undefined;
  let lastSignificant = 0;
  let images = 0;
  let sink: Base64Sink | undefined;
  let decoder: Base64Decoder | undefined;

  const keep = (bytes: Uint8Array) => {
    skeletonBytes += bytes.length;
    if (skeletonBytes > maxSkeletonBytes) {
      throw new Base64JsonError(`the answer outside its images is larger than ${maxSkeletonBytes} bytes`);
    }
    skeleton.push(Buffer.from(bytes));
  };

  for await (const raw of body) {
    const chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    // Where the next quote is in this chunk, kept between searches (-2: not looked for yet).
    const quoteAt = { at: -2 };
    let keptFrom = 0;
    let base64From = streamingImage ? 0 : -1;
    let base64Text = '';
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (streamingImage) {
        if (!escaped && byte !== BACKSLASH && byte !== QUOTE) {
          // Inside the base64: jump to the next quote or backslash with native searches (an
          // image is megabytes; a loop in script over each byte lags behind the network).
          const next = nextSpecial(chunk, i, quoteAt);
          if (next < 0) break;
          i = next - 1; // The loop's i++ lands on it.
          continue;
        }
        if (escaped) {
          escaped = false;
          // `\/` is the only escape base64 needs; `\n` and friends are line wrapping.
          if (byte === 0x2f) {
            base64Text += '/';
          } else if (byte !== 0x6e && byte !== 0x72 && byte !== 0x74) {
            throw new Base64JsonError('unexpected escape inside b64_json');
          }
          base64From = i + 1;
        } else if (byte === BACKSLASH) {
          base64Text += chunk.toString('latin1', base64From, i);
          escaped = true;
          base64From = i + 1;
        } else if (byte === QUOTE) {
          base64Text += chunk.toString('latin1', base64From, i);
          await sink!.write(decoder!.push(base64Text));
          await sink!.write(decoder!.end());
          base64Text = '';
          await handlers.closeImage(images - 1);
          streamingImage = false;
          sink = undefined;
          keptFrom = i; // The closing quote belongs to the skeleton.
          lastSignificant = QUOTE;
        }
        continue;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (byte === BACKSLASH) {
          escaped = true;
        } else if (byte === QUOTE) {
          inString = false;
          lastKey = stringBytes.length <= imageKey.length ? String.fromCharCode(...stringBytes) : undefined;
          lastSignificant = QUOTE;
        } else if (stringBytes.length <= imageKey.length) {
          stringBytes.push(byte);
        }
        continue;
      }
      if (byte === QUOTE) {
        if (lastSignificant === COLON && lastKey === imageKey) {
          keep(chunk.subarray(keptFrom, i + 1));
          streamingImage = true;
          base64From = i + 1;
          decoder = new Base64Decoder();
          sink = await handlers.openImage(images++);
        } else {
          inString = true;
          stringBytes = [];
        }
      } else if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) {
        // A key is only a key when a colon follows it; any other token forgets it.
        if (byte !== COLON) {
          lastKey = undefined;
        }
        lastSignificant = byte;
      }
    }
    if (streamingImage) {
      base64Text += chunk.toString('latin1', base64From);
      await sink!.write(decoder!.push(base64Text));
    } else {
      keep(chunk.subarray(keptFrom));
    }
  }
  if (streamingImage || inString) {
    throw new Base64JsonError('the answer ended inside a string');
  }
  return { skeletonText: Buffer.concat(skeleton).toString('utf8'), images };
}
