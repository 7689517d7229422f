// Wires real provider clients to a running simulator and drives one task to its end, the way
// the extension's poller will: submit, query until terminal, retrieve the image.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateGeneration, type GenerationInput } from '../../../src/core/catalog/validateGeneration';
import { createProvider } from '../../../src/providers/createProvider';
import { HttpClient, type HttpClientOptions } from '../../../src/providers/httpClient';
import { isProviderError, type ProviderError, type ProviderErrorKind } from '../../../src/providers/errors';
import { requestFromValidation, type GenerationRequest, type ImageProvider, type ImageSink, type SavedImage, type TaskHandle, type TaskStatus } from '../../../src/providers/provider';
import { undiciTransport } from '../../../src/providers/undiciFetch';
import { ImageFileWriter } from '../../../src/saving/imageFileWriter';
import { saveImage } from '../../../src/saving/saveImage';
import { ProviderSimulator, type SimulatorOptions } from '../../simulator/simulator';

export const apiKey = 'sim-key';

export interface Harness {
  readonly simulator: ProviderSimulator;
  readonly http: HttpClient;
  readonly dir: string;
  readonly delays: number[];
  readonly maxImageBytes: number;
  provider(id: 'aireiter' | 'jimmyai' | 'openai', key?: string): ImageProvider;
  /** The saving pipeline into the work folder, under `baseName` (default `out`). */
  openImage(baseName?: string): Promise<ImageSink>;
  close(): Promise<void>;
  /** Files left in the work folder, temp files included. */
  files(): string[];
}

export async function startHarness(simulatorOptions: SimulatorOptions = {}, httpOptions: Partial<HttpClientOptions> = {}, maxImageBytes = 64 * 1024 * 1024): Promise<Harness> {
  const simulator = new ProviderSimulator({ lifecycle: { queuedMs: 40, processingMs: 120 }, syncDelayMs: 10, ...simulatorOptions });
  await simulator.start();
  const delays: number[] = [];
  const transport = undiciTransport();
  const http = new HttpClient({
    fetch: transport.fetch,
    userAgent: 'ImageGen-test/1.0',
    baseDelayMs: 5,
    maxDelayMs: 20,
    // Waits are recorded, then shortened, so Retry-After is observable without slow tests.
    sleep: (ms) => {
      delays.push(ms);
      return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20)));
    },
    ...httpOptions,
  });
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-engine-'));
  return {
    simulator,
    http,
    dir,
    delays,
    maxImageBytes,
    provider: (id, key = apiKey) => createProvider(id, { baseUrl: simulator.url, apiKey: key, http }, { maxImageBytes, openaiTimeoutMs: 30_000, partialImages: 0, aireiterLookupDelayMs: 0 }),
    openImage: (baseName = 'out') => ImageFileWriter.create({ folder: dir, baseName, provider: 'test', maxBytes: maxImageBytes }),
    files: () => readdirSync(dir, { recursive: true }).map(String),
    async close() {
      await transport.close();
      await simulator.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function requestFor(input: Omit<GenerationInput, 'prompt'> & { prompt?: string }): GenerationRequest {
  const result = validateGeneration({ prompt: 'a lighthouse at dusk', ...input });
  if (!result.ok) {
    throw new Error(`invalid test request: ${result.issues.map((issue) => issue.message).join('; ')}`);
  }
  return requestFromValidation(result, input.prompt ?? 'a lighthouse at dusk');
}

let counter = 0;

export async function submit(harness: Harness, request: GenerationRequest, clientTaskId = `it-${process.pid}-${++counter}`): Promise<{ provider: ImageProvider; handle: TaskHandle }> {
  const provider = harness.provider(request.model.provider);
  const handle = await provider.submit(request, { clientTaskId, openImage: () => harness.openImage() });
  return { provider, handle };
}

/** Queries until the task is terminal (or `maxQueries` is reached); returns every status seen. */
export async function pollToEnd(provider: ImageProvider, handle: TaskHandle, maxQueries = 200): Promise<TaskStatus[]> {
  const seen: TaskStatus[] = [];
  for (let i = 0; i < maxQueries; i++) {
    const status = await provider.query(handle);
    seen.push(status);
    if (status.state === 'succeeded' || status.state === 'failed' || status.state === 'cancelled') {
      return seen;
    }
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  return seen;
}

/** Submits, polls and saves the image into the work folder as `baseName.<ext>` (or the next free name). */
export async function generate(harness: Harness, request: GenerationRequest, baseName = 'out'): Promise<{ statuses: TaskStatus[]; image: SavedImage; handle: TaskHandle }> {
  const { provider, handle } = await submit(harness, request);
  const statuses = await pollToEnd(provider, handle);
  const last = statuses.at(-1)!;
  if (last.state !== 'succeeded') {
    throw last.state === 'failed' ? last.error : new Error(`task ended ${last.state}`);
  }
  const image = await saveImage(harness.http, last.images[0]!, { folder: harness.dir, baseName, provider: request.model.provider, maxBytes: harness.maxImageBytes }, { policy: { providerIsLoopback: true }, deadlineMs: 30_000 });
  return { statuses, image, handle };
}

/** Runs `action`, expecting it to end in a ProviderError of `kind` whose message never holds the key. */
export async function expectError(kind: ProviderErrorKind, action: () => Promise<unknown>): Promise<ProviderError> {
  try {
    await action();
  } catch (error) {
    assert.ok(isProviderError(error), `expected a ProviderError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.ok(!error.message.includes(apiKey), 'the API key never appears in a message');
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}
