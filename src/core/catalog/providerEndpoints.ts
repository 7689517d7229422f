// Where each provider's API is unless the user says otherwise. The extension's settings declare
// the same defaults in package.json (a unit test keeps the two equal); the standalone MCP server,
// which has no settings, takes them from here.
import type { ProviderId } from './models';

export const defaultBaseUrls: Readonly<Record<ProviderId, string>> = {
  aireiter: 'https://aireiter.com',
  jimmyai: 'https://www.jimmyai.cn',
  openai: 'https://api.openai.com',
};
