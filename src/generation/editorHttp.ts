// The editor's HTTP client: VS Code's global fetch, which the extension host patches for proxies
// (http.proxy, PAC, system), http.noProxy, proxy authentication and system certificates. Looked up
// at each call, so the patch is in place whenever it was applied.
import type * as vscode from 'vscode';
import { HttpClient } from '../providers/httpClient';
import { describeProxy } from './proxyDescription';

export function editorHttpClient(userAgent: string, log: vscode.LogOutputChannel): HttpClient {
  return new HttpClient({
    fetch: (input, init) => globalThis.fetch(input, init),
    userAgent,
    describeProxy,
    onRetry: (event) => log.info(`Retrying ${new URL(event.url).host}${new URL(event.url).pathname} in ${event.delayMs} ms after ${event.reason} (attempt ${event.attempt})`),
  });
}
