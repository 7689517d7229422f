// A reference image given as a link is downloaded before the OpenAI-compatible edit is sent: when
// that download breaks (a reset, a timeout, an HTTP error) nothing has gone to the provider, so the
// failure says nothing was charged and is never "may have been charged" (issue 23's review).
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { HttpClient } from '../../src/providers/httpClient';
import { OpenaiProvider } from '../../src/providers/openai/openaiProvider';
import { apiKey, expectError, requestFor } from './support/engineHarness';

const reference = 'https://refs.example/cat.png';

/** An OpenAI-compatible provider whose reference download gets `answer`; the paths it was asked for. */
function providerWhereReference(answer: (signal: AbortSignal | undefined) => Promise<Response>): { provider: OpenaiProvider; asked: string[] } {
  const asked: string[] = [];
  const http = new HttpClient({
    userAgent: 'ImageGen-test/1.0',
    maxAttempts: 1,
    headersTimeoutMs: 50,
    fetch: async (input, init) => {
      asked.push(new URL(String(input)).host + new URL(String(input)).pathname);
      if (String(input) === reference) return answer(init.signal ?? undefined);
      return silent(init.signal ?? undefined);
    },
  });
  return { provider: new OpenaiProvider({ baseUrl: 'https://api.example', apiKey, http }, { maxImageBytes: 1 << 20, requestTimeoutMs: 50 }), asked };
}

/** An answer that never comes; the request's own timer aborts it. */
const silent = (signal: AbortSignal | undefined) => new Promise<Response>((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));

const edit = () => requestFor({ modelKey: 'openai:gpt-image-2', aspectRatio: '1:1', resolution: '1K', referenceImages: [reference] });
const open = () => Promise.reject(new Error('no image expected'));

const failures: [string, (signal: AbortSignal | undefined) => Promise<Response>, 'network' | 'timeout' | 'invalidRequest'][] = [
  ['a reset connection', () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' }) })), 'network'],
  ['no answer in time', silent, 'timeout'],
  ['HTTP 404', async () => new Response('gone', { status: 404 }), 'invalidRequest'],
];
for (const [label, answer, kind] of failures) {
  test(`a reference download that fails with ${label} says nothing was sent or charged, and is not "may have been charged"`, async () => {
    const { provider, asked } = providerWhereReference(answer);
    const error = await expectError(kind, () => provider.submit(edit(), { clientTaskId: 'ref-1', openImage: open }));
    assert.deepEqual(asked, ['refs.example/cat.png'], 'the edit itself was never sent');
    assert.match(error.message, /reference image could not be (downloaded|fetched).*nothing was sent to the provider and nothing was charged/);
    assert.doesNotMatch(error.message, /may (still )?have (generated|started)|may charge|may be charged/);
    assert.notEqual(error.details.mayHaveCharged, true);
  });
}
