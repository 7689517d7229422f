// Providers as descriptors: src/providers/profiles.ts is the one list, and every other list of
// providers (ids, names, endpoints, the catalog, reference limits, the factory) is its image. The
// static half (profiles) stays free of provider HTTP code, so core can read it.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import * as z from 'zod/mini';
import { findModel, models, offeredModels, providerIds, type ModelSpec, type ProviderId } from '../../src/core/catalog/models';
import { defaultBaseUrls } from '../../src/core/catalog/providerEndpoints';
import { providerIdOf, providerNames } from '../../src/core/catalog/providerNames';
import { createProvider } from '../../src/providers/createProvider';
import { providerDescriptors } from '../../src/providers/descriptors';
import { providerProfiles } from '../../src/providers/profiles';
import { referenceFits, referenceMegabytes } from '../../src/saving/referenceImage';
import { pollToEnd, requestFor, startHarness, apiKey } from './support/engineHarness';

const root = resolve(__dirname, '..', '..', '..');

test('ProviderId is the profiles\' ids, a const tuple zod takes as an enum', () => {
  type Widened = string extends ProviderId ? true : false;
  const widened: Widened = false;
  assert.equal(widened, false);
  assert.deepEqual([...providerIds], providerProfiles.map((profile) => profile.id));
  assert.deepEqual([...providerIds], ['aireiter', 'jimmyai', 'openai']);
  const providerSchema = z.enum(providerIds);
  for (const id of providerIds) assert.ok(providerSchema.safeParse(id).success, id);
  assert.ok(!providerSchema.safeParse('midjourney').success);
});

test('one descriptor per profile, each the profile plus its factory', () => {
  assert.deepEqual(Object.keys(providerDescriptors).sort(), [...providerIds].sort());
  for (const profile of providerProfiles) {
    const descriptor = providerDescriptors[profile.id];
    assert.equal(descriptor.id, profile.id);
    assert.equal(descriptor.name, profile.name);
    assert.equal(descriptor.defaultBaseUrl, profile.defaultBaseUrl);
    assert.equal(descriptor.models, profile.models);
    assert.equal(typeof descriptor.create, 'function');
  }
});

test('names, endpoints, reference limits and the catalog derive from the profiles', () => {
  for (const profile of providerProfiles) {
    assert.equal(providerNames[profile.id], profile.name);
    assert.equal(defaultBaseUrls[profile.id], profile.defaultBaseUrl);
    assert.equal(referenceMegabytes[profile.id], profile.referenceLimit.megabytes);
    const limit = profile.referenceLimit.megabytes * 1024 * 1024;
    assert.equal(referenceFits(profile.id, limit), profile.referenceLimit.inclusive, `${profile.id}: exactly the limit`);
    assert.ok(!referenceFits(profile.id, limit + 1) && referenceFits(profile.id, limit - 1));
    assert.ok(profile.models.length > 0, `${profile.id} has models`);
    for (const model of profile.models) {
      assert.equal(model.provider, profile.id);
      assert.equal(model.key, `${profile.id}:${model.model}`);
      assert.equal(findModel(model.key), model);
      assert.equal(providerIdOf(model.key), profile.id);
    }
  }
  assert.deepEqual(models, providerProfiles.flatMap((profile): readonly ModelSpec[] => profile.models));
  assert.equal(new Set(models.map((model) => model.key)).size, models.length, 'model keys are unique');
  // Only a profile that takes unlisted ids answers for a model it does not list.
  for (const profile of providerProfiles) assert.equal(findModel(`${profile.id}:not-a-listed-model`) !== undefined, profile.unlistedModels !== undefined, profile.id);
});

test('each descriptor\'s factory builds the client that generates its provider\'s first offered model against the simulator', async () => {
  const h = await startHarness();
  try {
    for (const descriptor of Object.values(providerDescriptors)) {
      const limits = { maxImageBytes: h.maxImageBytes, openaiTimeoutMs: 30_000, partialImages: 0, aireiterLookupDelayMs: 0 };
      const client = descriptor.create({ baseUrl: h.simulator.url, apiKey, http: h.http }, limits);
      assert.equal(client.id, descriptor.id);
      assert.equal(createProvider(descriptor.id, { baseUrl: h.simulator.url, apiKey, http: h.http }, limits).constructor, client.constructor, 'createProvider is the descriptor\'s factory');
      const model = offeredModels.find((candidate) => candidate.provider === descriptor.id)!;
      const handle = await client.submit(requestFor({ modelKey: model.key }), { clientTaskId: `descriptor-${descriptor.id}`, openImage: () => h.openImage(descriptor.id) });
      const last = (await pollToEnd(client, handle)).at(-1);
      assert.equal(last?.state, 'succeeded', `${model.key}: ${JSON.stringify(last)}`);
    }
  } finally {
    await h.close();
  }
});

// The layering that keeps core free of provider HTTP code and import circles out.
const sources = (dir: string) => readdirSync(join(root, dir), { recursive: true }).map(String).filter((name) => name.endsWith('.ts')).map((name) => join(dir, name));
const importsOf = (file: string) => [...readFileSync(join(root, file), 'utf8').matchAll(/^(?:import|export)[^'"]*from '([^']+)'/gm)].map((match) => match[1]!).filter((path) => path.startsWith('.')).map((path) => relative(root, resolve(root, dirname(file), path)));
const staticSide = (file: string) => file === 'src/providers/profiles' || /^src\/providers\/[^/]+\/profile$/.test(file);

test('core reads providers only through profiles.ts; the profiles import only core and each other, never a provider\'s HTTP code', () => {
  for (const file of sources('src/core')) {
    const fromProviders = importsOf(file).filter((path) => path.startsWith('src/providers/'));
    assert.deepEqual(fromProviders.filter((path) => path !== 'src/providers/profiles'), [], `${file} imports provider code`);
  }
  const profileFiles = sources('src/providers').map((file) => file.replace(/\.ts$/, '')).filter(staticSide);
  assert.equal(profileFiles.length, providerProfiles.length + 1, 'profiles.ts and one profile.ts per provider');
  for (const file of profileFiles) {
    for (const path of importsOf(`${file}.ts`)) assert.ok(path.startsWith('src/core/') || staticSide(path), `${file}.ts imports ${path}`);
  }
  // Core imports profiles.ts, so nothing the profiles import may lead back to it (an import circle).
  const reached = new Set<string>();
  const walk = (file: string, trail: readonly string[]): void => {
    for (const path of importsOf(`${file}.ts`)) {
      assert.notEqual(path, 'src/providers/profiles', `import circle: ${[...trail, file, path].join(' → ')}`);
      if (!reached.has(path)) {
        reached.add(path);
        walk(path, [...trail, file]);
      }
    }
  };
  walk('src/providers/profiles', []);
  assert.ok(reached.has('src/core/catalog/modelSpec'));
});

test('only createProvider reads the descriptors, so the activation bundle carries no provider client', () => {
  const readers = sources('src').filter((file) => importsOf(file).includes('src/providers/descriptors'));
  assert.deepEqual(readers, ['src/providers/createProvider.ts']);
});
