// A TLS certificate Node (or VS Code) does not trust: a request that creates a task was not sent
// (the handshake ends before any byte of it), while a status query or an image download fails for
// a task already made, which may be charged. The words say which, and what to trust.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isAmbiguousSubmitFailure } from '../../src/providers/ambiguousSubmit';
import { RequestErrors } from '../../src/providers/http/requestErrors';

const errors = new RequestErrors(() => 'http://proxy.corp:3128');
const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }) });

test('a submit refused by the certificate says nothing was sent and how to trust the CA, and is not an ambiguous submit', () => {
  const error = errors.transportError({ provider: 'JimmyAI', method: 'POST', url: 'https://api.example/x', idempotent: false }, 'https://api.example/x', 'SELF_SIGNED_CERT_IN_CHAIN', refused, 1);
  assert.equal(error.kind, 'network');
  assert.match(error.message, /not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); nothing was sent\..*NODE_EXTRA_CA_CERTS/);
  assert.match(error.message, /through the proxy http:\/\/proxy\.corp:3128/);
  assert.equal(isAmbiguousSubmitFailure(error), false, 'never "may have been charged"');
});

test('a download or status query refused by the certificate says the task was made and may be charged', () => {
  const error = errors.transportError({ provider: 'JimmyAI', method: 'GET', url: 'https://cdn.example/i.png', idempotent: false }, 'https://cdn.example/i.png', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', refused, 1);
  assert.match(error.message, /certificate of cdn\.example is not trusted \(UNABLE_TO_GET_ISSUER_CERT_LOCALLY\): the task was made and may be charged/);
  assert.doesNotMatch(error.message, /nothing was sent/);
});
