// How each provider words a refusal: the error bodies of HTTP failures, of HTTP 200 answers that
// carry a failing body code, and of a missing or wrong API key, plus the Rejection a handler throws
// to answer with one of them.
import type { Operation } from './faults';
import type { ProviderName } from './simTasks';

/** Thrown by a handler to answer `status` with `body` instead of its usual answer. */
export class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(JSON.stringify(body));
  }
}

function providerOf(operation: Exclude<Operation, '*'>): ProviderName | 'image' {
  return operation === 'image' ? 'image' : (operation.split('.')[0] as ProviderName);
}

/** The body of an HTTP error answer (a simulated 5xx, a 429 …). */
export function errorShape(operation: Exclude<Operation, '*'>, status: number, message: string): unknown {
  switch (providerOf(operation)) {
    case 'aireiter':
      return { statusCode: status, message, data: null };
    case 'jimmyai':
      return { code: String(status >= 500 ? -1 : status), msg: message, data: null };
    case 'openai':
      return { error: { message, type: status >= 500 ? 'server_error' : 'invalid_request_error', code: status === 429 ? 'rate_limit_exceeded' : null, param: null } };
    case 'image':
      return { error: message };
  }
}

/** The body of an HTTP 200 answer whose own code says it failed. */
export function bodyCodeShape(operation: Exclude<Operation, '*'>, code: number | string, message?: string): unknown {
  const provider = providerOf(operation);
  const text = message ?? (String(code) === '433' ? 'not enough credits' : String(code) === '20001' ? 'invalid token' : String(code) === '20002' ? 'invalid parameter' : 'internal error');
  if (provider === 'jimmyai') {
    return { code: String(code), msg: text, data: null };
  }
  if (provider === 'openai') {
    return { code: Number(code), msg: text, data: null };
  }
  return { statusCode: Number(code), message: text, data: null };
}

/** The body of the 401 for a missing or unknown key. */
export function authFailure(operation: Exclude<Operation, '*'>): unknown {
  switch (providerOf(operation)) {
    case 'jimmyai':
      return { code: '20001', msg: 'invalid or missing token', data: null };
    case 'openai':
      return { error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key', param: null } };
    default:
      return { statusCode: 401, message: 'invalid api key', data: null };
  }
}
