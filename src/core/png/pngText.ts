// Embeds text metadata (prompt, model, parameters, task id) in a PNG as iTXt chunks (UTF-8),
// right after IHDR, so the image carries how it was made.
import { crc32 } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([header, body, crc]);
}

function itxt(keyword: string, text: string): Buffer {
  // keyword \0, compression flag 0, method 0, empty language tag \0, empty translated keyword \0, text.
  return chunk('iTXt', Buffer.concat([Buffer.from(keyword.slice(0, 79), 'latin1'), Buffer.from([0, 0, 0, 0, 0]), Buffer.from(text, 'utf8')]));
}

/** The iTXt chunks for `entries`, to be placed right after IHDR. */
export function pngTextChunks(entries: Record<string, string>): Buffer {
  return Buffer.concat(Object.entries(entries).map(([key, value]) => itxt(key, value)));
}

/**
 * Where the IHDR chunk ends in a PNG's first bytes: the offset text chunks are inserted at.
 * Undefined while fewer bytes than that have arrived; throws when the header is not IHDR.
 */
export function pngHeaderEnd(head: Uint8Array): number | undefined {
  if (head.length < 16) {
    return undefined;
  }
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG with an IHDR chunk');
  }
  const end = 8 + 8 + bytes.readUInt32BE(8) + 4;
  return head.length >= end ? end : undefined;
}

export function addPngText(png: Uint8Array, entries: Record<string, string>): Buffer {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const end = pngHeaderEnd(bytes);
  if (end === undefined) {
    throw new Error('not a PNG with an IHDR chunk');
  }
  return Buffer.concat([bytes.subarray(0, end), pngTextChunks(entries), bytes.subarray(end)]);
}

/** Reads back iTXt/tEXt entries (for tests and the gallery). */
export function readPngText(png: Uint8Array): Record<string, string> {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  const result: Record<string, string> = {};
  let offset = 8;
  while (offset + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'tEXt' || type === 'iTXt') {
      const nul = data.indexOf(0);
      const key = data.toString('latin1', 0, nul);
      if (type === 'tEXt') {
        result[key] = data.toString('latin1', nul + 1);
      } else {
        const languageEnd = data.indexOf(0, nul + 3);
        const translatedEnd = data.indexOf(0, languageEnd + 1);
        result[key] = data.toString('utf8', translatedEnd + 1);
      }
    }
    if (type === 'IEND') break;
    offset += 12 + length;
  }
  return result;
}
