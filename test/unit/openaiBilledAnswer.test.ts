// An OpenAI-compatible generation is billed when it runs and answers (2xx) only when done: whatever
// breaks while that answer is read and its image saved (the connection, the disk, the folder) ends
// the task as "may have been charged", so its Retry warns that it may charge again (issue 23's review).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { describeFailure } from '../../src/engine/failureMessage';
import { HttpClient } from '../../src/providers/httpClient';
import { OpenaiProvider } from '../../src/providers/openai/openaiProvider';
import type { ImageSink } from '../../src/providers/provider';
import { ImageFileWriter } from '../../src/saving/imageFileWriter';
import { noisePngOfSize } from '../simulator/png';
import { apiKey, requestFor } from './support/engineHarness';

const png = noisePngOfSize(4096).toString('base64');

/** A provider whose every answer is a 200 that sends `head` and then ends, or breaks off when `breaks`. */
function answering(head: string, breaks: boolean): OpenaiProvider {
  const http = new HttpClient({
    userAgent: 'ImageGen-test/1.0',
    maxAttempts: 1,
    fetch: async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(head));
            if (breaks) controller.error(new Error('the peer went away'));
            else controller.close();
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      ),
  });
  return new OpenaiProvider({ baseUrl: 'https://api.example', apiKey, http }, { maxImageBytes: 1 << 20, requestTimeoutMs: 5_000 });
}

const request = () => requestFor({ modelKey: 'openai:gpt-image-2', aspectRatio: '1:1', resolution: '1K' });
const failureOf = (promise: Promise<unknown>) => promise.then(() => assert.fail('expected a failure'), (error: unknown) => error as Error & { details?: { mayHaveCharged?: boolean } });

test('an answer that breaks off mid-image is "may have been charged"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-billed-'));
  try {
    const provider = answering(`{"data":[{"b64_json":"${png.slice(0, 2000)}`, true);
    const error = await failureOf(provider.submit(request(), { clientTaskId: 'b-1', openImage: () => ImageFileWriter.create({ folder: dir, baseName: 'b', provider: 'test', maxBytes: 1 << 20 }) }));
    assert.equal(error.details?.mayHaveCharged, true, error.message);
    assert.equal(describeFailure(error).mayHaveCharged, true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an image that cannot be saved (its folder is gone) keeps its own words and is "may have been charged"', async () => {
  const provider = answering(`{"data":[{"b64_json":"${png}"}]}`, false);
  const openImage = () => ImageFileWriter.create({ folder: join(tmpdir(), `imagegen-missing-${process.pid}`), baseName: 'b', provider: 'test', maxBytes: 1 << 20 });
  const error = await failureOf(provider.submit(request(), { clientTaskId: 'b-2', openImage }));
  assert.equal(error.name, 'ImageWriteError');
  assert.match(error.message, /does not exist/);
  const described = describeFailure(error);
  assert.equal(described.mayHaveCharged, true);
  assert.equal(described.unexpected, false);
});

test('any other failure while the image is saved says it was generated and may be charged', async () => {
  const provider = answering(`{"data":[{"b64_json":"${png}"}]}`, false);
  const openImage = (): Promise<ImageSink> => Promise.reject(new Error('the sink is broken'));
  const error = await failureOf(provider.submit(request(), { clientTaskId: 'b-3', openImage }));
  assert.match(error.message, /answered with the image, but reading or saving it failed: the image was generated and may be charged/);
  assert.doesNotMatch(error.message, /Could not reach the provider/);
  assert.equal(error.details?.mayHaveCharged, true);
});
