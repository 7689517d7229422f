// Shared by the OpenAI-compatible client's tests: a provider on the simulator (or on a scripted
// fetch), a request, and an assertion on the ProviderError a submit ends with.
import { strict as assert } from 'node:assert';
import { createProvider } from '../../../src/providers/createProvider';
import { HttpClient } from '../../../src/providers/httpClient';
import { OpenaiProvider } from '../../../src/providers/openai/openaiProvider';
import type { GenerationRequest, ImageProvider } from '../../../src/providers/provider';
import { apiKey, requestFor, type Harness } from './engineHarness';

export { expectError } from './engineHarness';

export function openaiOn(h: Harness, partialImages: number, openaiTimeoutMs = 5_000): ImageProvider {
  return createProvider('openai', { baseUrl: h.simulator.url, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs, partialImages });
}

export function openaiRequest(prompt = 'a lighthouse at dusk', extra: Record<string, unknown> = {}): GenerationRequest {
  return requestFor({ modelKey: 'openai:gpt-image-2', aspectRatio: '1:1', resolution: '1K', quality: 'low', prompt, ...extra });
}

/** A provider whose every request gets `answer()`: for answers the simulator does not give. */
export function scriptedOpenai(answer: () => Response, partialImages = 2): { provider: OpenaiProvider; requests: number } {
  const state = { provider: undefined as unknown as OpenaiProvider, requests: 0 };
  const http = new HttpClient({
    userAgent: 'ImageGen-test/1.0',
    fetch: async () => {
      state.requests += 1;
      return answer();
    },
  });
  // A base URL per call: the streaming verdicts are remembered per base URL.
  state.provider = new OpenaiProvider({ baseUrl: `https://scripted-${Math.random().toString(36).slice(2)}.example/v1`, apiKey, http }, { maxImageBytes: 64 * 1024 * 1024, requestTimeoutMs: 5_000, partialImages });
  return state;
}

export function eventStream(text: string): Response {
  return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}


/** No image and no `.part` left in the harness's folder. */
export function assertNoImageFiles(h: Harness): void {
  assert.deepEqual(h.files().filter((name) => name.endsWith('.part') || name.endsWith('.png')), []);
}
