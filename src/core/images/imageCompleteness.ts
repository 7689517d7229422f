// Whether an image's bytes reached their end, told from the bytes alone: a body sent without
// Content-Length (chunked, or closed by the server) that stops early looks complete to HTTP. Each
// format says where it ends: PNG its IEND chunk, JPEG the EOI marker after the scan (the final
// one: a second image appended after the first is followed to its own end), WebP the size in its
// RIFF header, AVIF (ISO-BMFF) its top-level boxes, whose sizes must add up to the last byte
// after both `meta` and `mdat` came.
// Fed chunk by chunk as they stream; only a box or chunk header's few bytes are ever held.

export type CompletenessFormat = 'png' | 'jpeg' | 'webp' | 'avif';

export type CompletenessVerdict = { readonly complete: true } | { readonly complete: false; readonly missing: string };

export interface CompletenessTracker {
  push(chunk: Uint8Array): void;
  /** Bytes pushed so far. */
  readonly bytes: number;
  verdict(): CompletenessVerdict;
}

/** The container the first bytes announce (AVIF by its ISO-BMFF `ftyp` brand), or undefined. */
export function completenessFormatOf(head: Uint8Array): CompletenessFormat | undefined {
  const text = (start: number, length: number) => String.fromCharCode(...head.subarray(start, start + length));
  if (head.length >= 8 && head[0] === 0x89 && text(1, 3) === 'PNG') return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 12 && text(0, 4) === 'RIFF' && text(8, 4) === 'WEBP') return 'webp';
  if (head.length >= 12 && text(4, 4) === 'ftyp' && ['avif', 'avis', 'mif1', 'msf1'].includes(text(8, 4))) return 'avif';
  return undefined;
}

export function completenessTracker(format: CompletenessFormat): CompletenessTracker {
  switch (format) {
    case 'png':
      return new PngTracker();
    case 'jpeg':
      return new JpegTracker();
    case 'webp':
      return new WebpTracker();
    case 'avif':
      return new BoxTracker();
  }
}

/** Collects up to `size` header bytes across chunk boundaries. */
class HeaderBytes {
  private readonly bytes: Uint8Array;
  filled = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }
  /** Takes from `chunk` at `offset` until `needed` bytes are held; returns how many it took. */
  fill(chunk: Uint8Array, offset: number, needed = this.bytes.length): number {
    const taken = Math.max(0, Math.min(needed - this.filled, chunk.length - offset));
    this.bytes.set(chunk.subarray(offset, offset + taken), this.filled);
    this.filled += taken;
    return taken;
  }
  get full(): boolean {
    return this.filled === this.bytes.length;
  }
  view(): DataView {
    return new DataView(this.bytes.buffer);
  }
  reset(): void {
    this.filled = 0;
  }
}

/** Signature, then chunks of length(4) type(4) data crc(4), until IEND. */
class PngTracker implements CompletenessTracker {
  bytes = 0;
  private signatureLeft = 8;
  private readonly header = new HeaderBytes(8);
  private skip = 0;
  private lastWasEnd = false;
  private ended = false;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length && !this.ended) {
      if (this.signatureLeft > 0) {
        const taken = Math.min(this.signatureLeft, chunk.length - offset);
        this.signatureLeft -= taken;
        offset += taken;
      } else if (this.skip > 0) {
        const taken = Math.min(this.skip, chunk.length - offset);
        this.skip -= taken;
        offset += taken;
        if (this.skip === 0 && this.lastWasEnd) this.ended = true;
      } else {
        offset += this.header.fill(chunk, offset);
        if (!this.header.full) continue;
        const view = this.header.view();
        this.lastWasEnd = view.getUint32(4) === 0x49454e44; // 'IEND'
        this.skip = view.getUint32(0) + 4; // data, then the CRC
        this.header.reset();
      }
    }
  }

  verdict(): CompletenessVerdict {
    return this.ended ? { complete: true } : { complete: false, missing: this.lastWasEnd ? 'the IEND chunk is cut short' : 'no IEND chunk' };
  }
}

type JpegState = 'marker' | 'code' | 'length' | 'skip' | 'scan' | 'scanMarker' | 'afterEnd' | 'afterEndMarker' | 'trailing';

/** Segments (skipped by their lengths), the entropy-coded scan after SOS (FF00 stuffing, RSTn), to EOI. */
class JpegTracker implements CompletenessTracker {
  bytes = 0;
  private state: JpegState = 'marker';
  private readonly length = new HeaderBytes(2);
  private code = 0;
  private skip = 0;
  private scanned = false;
  private ended = false;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let i = 0;
    while (i < chunk.length) {
      switch (this.state) {
        case 'trailing':
          return; // Bytes after the image (padding, a vendor's tail): not part of it.
        case 'skip': {
          const taken = Math.min(this.skip, chunk.length - i);
          this.skip -= taken;
          i += taken;
          if (this.skip === 0) this.state = this.code === 0xda ? 'scan' : 'marker';
          break;
        }
        case 'scan': {
          const next = chunk.indexOf(0xff, i);
          if (next < 0) return;
          i = next + 1;
          this.state = 'scanMarker';
          break;
        }
        case 'length':
          i += this.length.fill(chunk, i);
          if (this.length.full) {
            this.skip = Math.max(0, this.length.view().getUint16(0) - 2);
            this.length.reset();
            this.state = this.skip > 0 ? 'skip' : this.code === 0xda ? 'scan' : 'marker';
          }
          break;
        default:
          this.step(chunk[i]!);
          i += 1;
      }
    }
  }

  /** One byte outside segments and scan data. */
  private step(byte: number): void {
    switch (this.state) {
      case 'marker':
        if (byte === 0xff) this.state = 'code'; // Anything else between segments is ignored, as decoders do.
        return;
      case 'scanMarker':
        if (byte === 0x00 || (byte >= 0xd0 && byte <= 0xd7)) this.state = 'scan'; // Stuffing, restart marker.
        else if (byte !== 0xff) this.marker(byte);
        return;
      case 'code':
        if (byte !== 0xff) this.marker(byte); // FF FF… is fill.
        return;
      case 'afterEnd':
        this.state = byte === 0xff ? 'afterEndMarker' : 'trailing';
        return;
      case 'afterEndMarker':
        if (byte === 0xd8) {
          // A second image follows (MPF, a burst): the file ends with its EOI.
          this.ended = false;
          this.scanned = false;
          this.state = 'marker';
        } else {
          this.state = 'trailing';
        }
        return;
    }
  }

  private marker(code: number): void {
    this.code = code;
    if (code === 0xd9) {
      this.ended = this.scanned;
      this.state = this.scanned ? 'afterEnd' : 'marker';
    } else if (code === 0xd8 || code === 0x01 || (code >= 0xd0 && code <= 0xd7)) {
      this.state = 'marker'; // No length follows.
    } else {
      if (code === 0xda) this.scanned = true;
      this.state = 'length';
    }
  }

  verdict(): CompletenessVerdict {
    return this.ended ? { complete: true } : { complete: false, missing: this.scanned ? 'no end-of-image marker' : 'no image data (no scan)' };
  }
}

/** `RIFF` size(u32 LE) `WEBP`: the file is 8 + size bytes. */
class WebpTracker implements CompletenessTracker {
  bytes = 0;
  private readonly header = new HeaderBytes(8);

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    if (!this.header.full) this.header.fill(chunk, 0);
  }

  verdict(): CompletenessVerdict {
    if (!this.header.full) return { complete: false, missing: 'no RIFF header' };
    const declared = 8 + this.header.view().getUint32(4, true);
    return this.bytes >= declared ? { complete: true } : { complete: false, missing: `its RIFF header declares ${declared} bytes` };
  }
}

/** ISO-BMFF top-level boxes: size(u32) type(4), size 1 = a 64-bit size follows, size 0 = to the end of the file. */
class BoxTracker implements CompletenessTracker {
  bytes = 0;
  private readonly header = new HeaderBytes(16);
  private headerNeeded = 8;
  private skip = 0;
  /** Top-level box types seen: an image needs its `meta` (the items) and `mdat` (their data). */
  private readonly seen = new Set<string>();
  private toEnd = false;
  private broken: string | undefined;

  push(chunk: Uint8Array): void {
    this.bytes += chunk.length;
    let offset = 0;
    while (offset < chunk.length && !this.toEnd && !this.broken) {
      if (this.skip > 0) {
        const taken = Math.min(this.skip, chunk.length - offset);
        this.skip -= taken;
        offset += taken;
        continue;
      }
      offset += this.header.fill(chunk, offset, this.headerNeeded);
      if (this.header.filled < this.headerNeeded) continue;
      const view = this.header.view();
      const size = view.getUint32(0);
      if (size === 1 && this.headerNeeded === 8) {
        this.headerNeeded = 16; // The 64-bit largesize follows the type.
        continue;
      }
      const boxSize = size === 1 ? view.getUint32(8) * 2 ** 32 + view.getUint32(12) : size;
      this.seen.add(String.fromCharCode(view.getUint8(4), view.getUint8(5), view.getUint8(6), view.getUint8(7)));
      if (size === 0) {
        this.toEnd = true;
      } else if (boxSize < this.headerNeeded) {
        this.broken = `a box declares ${boxSize} bytes, less than its own header`;
      } else {
        this.skip = boxSize - this.headerNeeded;
      }
      this.header.reset();
      this.headerNeeded = 8;
    }
  }

  verdict(): CompletenessVerdict {
    if (this.broken) return { complete: false, missing: this.broken };
    if (this.toEnd) return { complete: true };
    if (this.skip > 0 || this.header.filled > 0) return { complete: false, missing: 'its last box is cut short' };
    // A cut that falls between boxes still lacks the image's description or its data.
    const lacking = ['meta', 'mdat'].filter((type) => !this.seen.has(type));
    return lacking.length === 0 ? { complete: true } : { complete: false, missing: `no ${lacking.join(' or ')} box` };
  }
}
