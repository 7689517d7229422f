// A TLS certificate Node (or VS Code) does not trust: a request that creates a task was not sent
// (the handshake ends before any byte of it), nor was anything by a request before it (a
// reference image, the model list), while a status query or an image download fails for a task
// already made, which may be charged. The words say which, by what the request is to the task
// (not by its method: AIReiter's queries are POSTs), and what to trust.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isAmbiguousSubmitFailure } from '../../src/providers/ambiguousSubmit';
import { AireiterProvider } from '../../src/providers/aireiter/aireiterProvider';
import type { ProviderError } from '../../src/providers/errors';
import { RequestErrors } from '../../src/providers/http/requestErrors';
import { HttpClient } from '../../src/providers/httpClient';
import { OpenaiModelListing } from '../../src/providers/openai/modelListing';
import { referenceImageBlob } from '../../src/providers/openai/referenceImages';

const errors = new RequestErrors(() => 'http://proxy.corp:3128');
const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) });

test('a submit refused by the certificate says nothing was sent and how to trust the CA, and is not an ambiguous submit', () => {
  const error = errors.transportError({ provider: 'JimmyAI', method: 'POST', url: 'https://api.example/x', idempotent: false }, 'https://api.example/x', 'SELF_SIGNED_CERT_IN_CHAIN', refused, 1);
  assert.equal(error.kind, 'network');
  assert.match(error.message, /not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); nothing was sent\..*NODE_EXTRA_CA_CERTS/);
  assert.match(error.message, /through the proxy http:\/\/proxy\.corp:3128/);
  assert.equal(isAmbiguousSubmitFailure(error), false, 'never "may have been charged"');
});

/** An HttpClient whose every request fails the TLS handshake with `code`. */
const untrusted = (code = 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY') =>
  new HttpClient({ userAgent: 'ImageGen-test/1.0', maxAttempts: 1, fetch: async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('unable to get local issuer certificate'), { code }) })) });

test('an image download (a GET that is not repeated) refused by the certificate says the task was made and may be charged', async () => {
  const error = await untrusted()
    .download({ provider: 'JimmyAI', url: 'https://cdn.example/i.png', policy: { providerIsLoopback: false }, deadlineMs: 5_000 }, () => ({ take: () => undefined }))
    .then(() => assert.fail('refused'), (problem: unknown) => problem as Error);
  assert.match(error.message, /certificate of cdn\.example is not trusted \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\): the task was made and may be charged/);
  assert.doesNotMatch(error.message, /nothing was sent/);
});

test('an AIReiter status query (an idempotent POST) refused by the certificate is about a task already made, not "nothing was sent"', async () => {
  const provider = new AireiterProvider({ baseUrl: 'https://api.aireiter.example', apiKey: 'k', http: untrusted() });
  const error = await provider.query({ provider: 'aireiter', modelKey: 'aireiter:gpt_image_2', clientTaskId: 'q-1', taskId: 'task_1' }).then(
    () => assert.fail('refused'),
    (problem: unknown) => problem as ProviderError,
  );
  assert.match(error.message, /certificate of api\.aireiter\.example is not trusted .*: the task was made and may be charged/);
  assert.doesNotMatch(error.message, /nothing was sent/);
  assert.equal(error.details.retryable, true, 'the task is still followed');
});

test('a reference image (fetched before anything is sent) or the model list refused by the certificate says no task was sent and nothing was charged', async () => {
  const reference = await referenceImageBlob({ baseUrl: 'https://api.example', http: untrusted() }, 'https://refs.example/cat.png').then(
    () => assert.fail('refused'),
    (problem: unknown) => problem as ProviderError,
  );
  const listing = await new OpenaiModelListing(() => untrusted()).list('https://api.example', 'k');
  assert.equal(listing.kind, 'unlisted');
  for (const message of [reference.message, listing.kind === 'unlisted' ? listing.reason : '']) {
    assert.match(message, /is not trusted \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\): ImageGen sent no task to the provider, so nothing was charged\..*NODE_EXTRA_CA_CERTS/);
    assert.doesNotMatch(message, /the task was made|may be charged/);
  }
  assert.equal(reference.details.mayHaveCharged, undefined);
});
