// The errors a request can end in, worded for the user: which host, through which proxy, after
// how many attempts, and whether the provider may have started the task.
import { isProviderError, providerError, type ProviderError } from '../errors';
import type { HttpRequest, RequestRole } from './httpTypes';
import { type Exchange, isTimeoutAbort, type TimeoutAbort } from './timedBody';
import { certificateCodes, errorCode, errorText, resetCodes } from './transportErrors';

export class RequestErrors {
  constructor(private readonly describeProxy: ((url: string) => string | undefined) | undefined) {}

  /**
   * What a body that broke off while the caller read it means: the caller's cancel or deadline,
   * one of our timers, or the connection; never a raw abort reason.
   */
  bodyError(provider: string, url: string, exchange: Exchange, error: unknown): unknown {
    const req = { provider, method: 'GET' as const, url, idempotent: false, role: 'follow' as const, ...(exchange.callerSignal ? { signal: exchange.callerSignal } : {}) };
    if (exchange.cancelledByCaller) {
      return this.callerAbort(req, url);
    }
    const timeout = exchange.timeout;
    if (timeout) {
      return this.timeoutError(req, url, timeout);
    }
    if (isProviderError(error)) {
      return error;
    }
    const code = errorCode(error);
    return providerError('network', { provider, ...(code ? { code } : {}), retryable: true, serverMessage: `${new URL(url).host}${this.viaProxy(url)}: the answer broke off (${code ?? errorText(error)})` });
  }

  /** The caller aborted: a cancel, or its own deadline (a TimeoutAbort as the reason). */
  callerAbort(req: HttpRequest, url: string): ProviderError {
    const reason: unknown = req.signal?.reason;
    return isTimeoutAbort(reason) ? this.timeoutError(req, url, reason, 'task') : providerError('cancelled', { provider: req.provider });
  }

  viaProxy(url: string): string {
    const proxy = this.describeProxy?.(url);
    return proxy ? ` through the proxy ${proxy}` : '';
  }

  /** `whose`: the request's own timers, or the caller's (the task's) deadline. */
  timeoutError(req: HttpRequest, url: string, timeout: TimeoutAbort, whose: 'request' | 'task' = 'request'): ProviderError {
    const host = new URL(url).host;
    return providerError('timeout', { provider: req.provider, code: whose === 'task' ? 'timeout:task' : `timeout:${timeout.phase}`, retryable: true, serverMessage: `${host}${this.viaProxy(url)}: ${timeout.message}` });
  }

  transportError(req: HttpRequest, url: string, code: string | undefined, error: unknown, attempts: number): ProviderError {
    const host = new URL(url).host;
    const tried = attempts > 1 ? ` after ${attempts} attempts` : '';
    const detail = `${host}${this.viaProxy(url)}: ${code ?? errorText(error)}${tried}`;
    const role = roleOf(req);
    if (code !== undefined && certificateCodes.has(code)) {
      // One advice for every host: the editor trusts what the system store holds, Node outside it
      // what NODE_EXTRA_CA_CERTS adds. The handshake ends before any byte of the request: a
      // submit was not sent, a request before it sent nothing either, while a status query or an
      // image download is about a task already made.
      const trust = `Behind a TLS-inspecting proxy, trust its CA: in VS Code, install it in the system's certificate store (VS Code reads it); for the MCP server and the command line, set NODE_EXTRA_CA_CERTS to the CA's PEM file.`;
      const what = {
        submit: `The provider's TLS certificate is not trusted (${code}); nothing was sent.`,
        prepare: `The TLS certificate of ${host} is not trusted (${code}): ImageGen sent no task to the provider, so nothing was charged.`,
        follow: `The TLS certificate of ${host} is not trusted (${code}): the task was made and may be charged, but ImageGen could not reach ${host} to follow it or fetch its image.`,
      }[role];
      return providerError('network', { provider: req.provider, code, retryable: role === 'follow', serverMessage: detail }, `${what} ${trust}`);
    }
    if (role === 'submit' && code !== undefined && resetCodes.has(code)) {
      return providerError(
        'network',
        { provider: req.provider, code, retryable: true, serverMessage: detail },
        'The connection was reset while the request was being sent. The provider may or may not have started the task; check Show Tasks and your provider dashboard before retrying.',
      );
    }
    return providerError('network', { provider: req.provider, ...(code ? { code } : {}), retryable: true, serverMessage: detail });
  }
}

/** What a request is to its task: as its caller says, else a request that is not idempotent creates it. */
function roleOf(req: HttpRequest): RequestRole {
  return req.role ?? (req.idempotent ? 'follow' : 'submit');
}
