// Reading a request's body as the simulator records it: JSON parsed (undefined if it does not
// parse), multipart forms as fields with files summarised by name, size and type.
import type { IncomingMessage } from 'node:http';

export async function readRequestBody(req: IncomingMessage): Promise<unknown> {
  const raw = await readBytes(req);
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('application/json') && raw.length > 0) {
    try {
      return JSON.parse(raw.toString('utf8'));
    } catch {
      return undefined;
    }
  }
  if (contentType.startsWith('multipart/form-data')) {
    return readForm(raw, contentType);
  }
  return undefined;
}

async function readBytes(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Fields named `…[]` collect every value; other fields keep the last. */
async function readForm(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  const result: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    const entry = typeof value === 'string' ? value : { name: (value as File).name, size: (value as File).size, type: (value as File).type };
    if (key.endsWith('[]')) {
      ((result[key] ??= []) as unknown[]).push(entry);
    } else {
      result[key] = entry;
    }
  }
  return result;
}
