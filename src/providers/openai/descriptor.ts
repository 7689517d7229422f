// OpenAI-compatible endpoints: their profile and the client for the Images API (synchronous,
// optionally streaming previews).
import type { ProviderDescriptor } from '../providerDescriptor';
import { OpenaiProvider } from './openaiProvider';
import { openaiProfile } from './profile';

export const openaiDescriptor: ProviderDescriptor<'openai'> = {
  ...openaiProfile,
  create: (config, limits) => new OpenaiProvider(config, { ...limits, requestTimeoutMs: limits.openaiTimeoutMs }),
};
