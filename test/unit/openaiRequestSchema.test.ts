// Every body the OpenAI client puts on the wire is valid against OpenAI's own schema:
// test/fixtures/openai/openai-images.openapi.json is an excerpt of openai/openai-openapi
// (openapi.json, MIT License, Copyright OpenAI; see its `source` field), validated with Ajv.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import { offeredModels } from '../../src/core/catalog/models';
import { createProvider } from '../../src/providers/createProvider';
import { gradientPng } from '../simulator/png';
import { apiKey, requestFor, startHarness, type Harness } from './support/engineHarness';

const document = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'openai', 'openai-images.openapi.json'), 'utf8')) as { source: string };

/** OpenAPI 3.0's `nullable: true` in JSON Schema terms: the schema, or null. */
function withNulls(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNulls);
  if (typeof schema !== 'object' || schema === null) return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, withNulls(value)]));
  return nullable === true ? { anyOf: [converted, { type: 'null' }] } : converted;
}

/** JSON bodies are checked as they are; multipart fields are text on the wire, so types are coerced. */
function validator(name: string, coerceTypes: boolean): ValidateFunction {
  const ajv = new Ajv({ strict: false, validateFormats: false, coerceTypes, allErrors: true });
  ajv.addSchema({ ...(withNulls(document) as object), $id: 'openai' });
  return ajv.compile({ $ref: `openai#/components/schemas/${name}` });
}

const generation = validator('CreateImageRequest', false);
const edit = validator('CreateImageEditRequest', true);

function check(validate: ValidateFunction, body: unknown, what: string): void {
  assert.ok(validate(body), `${what}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(body).slice(0, 400)}`);
}

/** The simulator's reading of a multipart body, as the schema sees it: files are binary strings. */
function asEditBody(form: Record<string, unknown>): Record<string, unknown> {
  const { 'image[]': images, ...fields } = form;
  return { ...fields, image: (images as unknown[]).map(() => 'binary') };
}

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => h.close());

test('the vendored excerpt says where it comes from', () => {
  assert.match(document.source, /openai\/openai-openapi.*MIT/);
});

test('the schema check has teeth: n as a string, partial_images 5, an unknown quality are refused', () => {
  const valid = { model: 'gpt-image-2', prompt: 'p', n: 1, size: '1024x1024', output_format: 'png', stream: true, partial_images: 2 };
  check(generation, valid, 'a valid body');
  assert.equal(generation({ ...valid, n: '1' }), false);
  assert.equal(generation({ ...valid, partial_images: 5 }), false);
  assert.equal(generation({ ...valid, quality: 'ultra' }), false);
});

const reference = `data:image/png;base64,${gradientPng(64, 64).toString('base64')}`;
// The shut-down models are never sent (validation refuses them before any request).
const openaiModels = offeredModels.filter((model) => model.provider === 'openai');

for (const partialImages of [0, 2]) {
  for (const model of openaiModels) {
    for (const references of [[], [reference, reference]]) {
      const kind = `${references.length > 0 ? 'edit' : 'generation'}${partialImages > 0 ? ', streaming' : ''}`;
      test(`${model.key}: the ${kind} body matches OpenAI's schema`, async () => {
        const before = h.simulator.requests.length;
        const provider = createProvider('openai', { baseUrl: h.simulator.url, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs: 30_000, partialImages });
        const quality = model.qualities.includes('high') ? { quality: 'high' as const } : {};
        const size = model.custom?.kind === 'fixed' ? { size: '1536x1024' } : { aspectRatio: '16:9', resolution: '2K' as const };
        await provider.submit(requestFor({ modelKey: model.key, prompt: `schema ${kind}`, referenceImages: references, ...quality, ...size }), { clientTaskId: `schema-${model.key}-${kind}`, openImage: () => h.openImage('schema') });
        const sent = h.simulator.requests.slice(before).filter((r) => r.operation === 'openai.generate' || r.operation === 'openai.edit');
        assert.equal(sent.length, 1);
        const body = sent[0]!.body as Record<string, unknown>;
        if (references.length > 0) {
          check(edit, asEditBody(body), kind);
          assert.equal((body['image[]'] as unknown[]).length, 2);
        } else {
          check(generation, body, kind);
        }
        assert.equal(body.stream === true || body.stream === 'true', partialImages > 0);
      });
    }
  }
}

for (const references of [[], [reference]]) {
  const kind = references.length > 0 ? 'edit' : 'generation';
  test(`a transparent-background ${kind} body matches OpenAI's schema (background with output_format png)`, async () => {
    const before = h.simulator.requests.length;
    const provider = createProvider('openai', { baseUrl: h.simulator.url, apiKey, http: h.http }, { maxImageBytes: h.maxImageBytes, openaiTimeoutMs: 30_000, partialImages: 0 });
    await provider.submit(requestFor({ modelKey: 'openai:gpt-image-2', prompt: `schema transparent ${kind}`, referenceImages: references, output: { background: 'transparent' } }), { clientTaskId: `schema-transparent-${kind}`, openImage: () => h.openImage('schema') });
    const body = h.simulator.requests.slice(before).find((r) => r.operation === 'openai.generate' || r.operation === 'openai.edit')!.body as Record<string, unknown>;
    if (references.length > 0) check(edit, asEditBody(body), kind);
    else check(generation, body, kind);
    assert.equal(body.background, 'transparent');
    assert.equal(body.output_format, 'png');
  });
}
