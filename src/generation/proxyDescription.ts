// Which proxy a request would go through, for error messages only: routing is done by VS Code's
// patched fetch (http.proxy, PAC and system proxies, http.noProxy). A message that says "through
// the proxy http://proxy:3128" tells a user where to look; credentials in it are never shown.
import * as vscode from 'vscode';

function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.href.replace(/\/$/, '');
  } catch {
    return '(unreadable proxy setting)';
  }
}

function exempt(host: string, noProxy: readonly string[]): boolean {
  return noProxy.some((entry) => {
    const pattern = entry.trim().toLowerCase().replace(/^\*?\./, '');
    return pattern === '*' || host === pattern || host.endsWith(`.${pattern}`);
  });
}

export function describeProxy(url: string): string | undefined {
  const host = new URL(url).hostname.toLowerCase();
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off' || http.get<boolean>('fetchAdditionalSupport') === false) {
    return undefined; // VS Code does not route fetch through a proxy then.
  }
  const noProxy = http.get<string[]>('noProxy') ?? [];
  if (['localhost', '127.0.0.1', '::1', '[::1]'].includes(host) || exempt(host, noProxy)) {
    return undefined; // VS Code sends these direct.
  }
  const setting = http.get<string>('proxy')?.trim();
  if (setting) {
    return `${withoutCredentials(setting)} (http.proxy)`;
  }
  const variable = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].find((name) => process.env[name]?.trim());
  return variable ? `${withoutCredentials(process.env[variable]!.trim())} (${variable})` : undefined;
}
