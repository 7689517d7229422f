import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { welcomeContextKeys } from '../../src/core/welcomeContextKeys';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('activation: after start-up (so interrupted tasks resume by themselves), otherwise only through the extension’s own commands and views, never `*`', () => {
  const events: string[] = (manifest.activationEvents ?? []).filter((event: string) => event !== 'onStartupFinished');
  assert.ok(manifest.activationEvents.includes('onStartupFinished'));
  assert.ok(!manifest.activationEvents.includes('*'));
  const ownCommands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const ownViews = new Set(Object.values(manifest.contributes.views).flat().map((v) => (v as { id: string }).id));
  for (const event of events) {
    const [kind, id] = event.split(':');
    const own = (kind === 'onCommand' && ownCommands.has(id)) || (kind === 'onView' && ownViews.has(id)) || (kind === 'onWebviewPanel' && id?.startsWith('imagegen.'));
    assert.ok(own, `activation event ${event} is not one of ImageGen's own`);
  }
});

test('every command is in the ImageGen category and engines match @types/vscode', () => {
  for (const command of manifest.contributes.commands) {
    assert.equal(command.category, 'ImageGen', command.command);
    assert.match(command.command, /^imagegen\./);
  }
  const engine = manifest.engines.vscode.replace(/^\^/, '');
  assert.equal(manifest.devDependencies['@types/vscode'], engine);
  assert.equal(manifest.name, 'imagegen');
  assert.equal(manifest.displayName, 'ImageGen');
});

test('engines.vscode is not newer than the code-server test host', async () => {
  const { HOST_VSCODE_VERSION } = await import(join(root, 'scripts', 'lib', 'codeServer.mjs'));
  const [, engineMinor] = manifest.engines.vscode.replace(/^\^/, '').split('.').map(Number);
  const [, hostMinor] = HOST_VSCODE_VERSION.split('.').map(Number);
  assert.ok(engineMinor <= hostMinor, `engines ${manifest.engines.vscode} vs host VS Code ${HOST_VSCODE_VERSION}`);
});

test('settings that could redirect keys or writes are user-only or restricted in untrusted workspaces', () => {
  const properties = manifest.contributes.configuration.properties;
  for (const provider of ['aireiter', 'jimmyai', 'openai']) {
    assert.equal(properties[`imagegen.${provider}.baseUrl`].scope, 'application', `${provider}.baseUrl`);
  }
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  assert.deepEqual([...restricted].sort(), ['imagegen.aireiter.baseUrl', 'imagegen.assetsFolder', 'imagegen.jimmyai.baseUrl', 'imagegen.openai.baseUrl']);
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(!JSON.stringify(properties).toLowerCase().includes('apikey'), 'no setting holds an API key');
});

test('the store page: a 128×128 PNG icon that ships in the vsix, fitting categories and keywords, no placeholder repository', () => {
  const icon = readFileSync(join(root, manifest.icon));
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
  assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
  assert.ok(icon.length < 50_000, 'small');
  assert.ok(/^!media\/\*\*$/m.test(readFileSync(join(root, '.vscodeignore'), 'utf8')) && manifest.icon.startsWith('media/'), 'the icon is packaged');
  assert.deepEqual(manifest.categories, ['AI', 'Visualization']);
  assert.ok(manifest.keywords.length >= 5 && manifest.keywords.length <= 30 && manifest.keywords.every((k: string) => k.length <= 30));
  const repository = JSON.stringify(manifest.repository ?? '');
  assert.doesNotMatch(repository, /example\.(invalid|com|org)|localhost|TODO/i, 'the repository is real or absent');
});

test('every picture the README shows ships in the vsix (the Extensions view shows the packaged README) and is small', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
  assert.ok(images.length >= 4, 'the README shows screenshots');
  const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
  for (const image of images) {
    assert.ok(image.startsWith('media/') && /^!media\/\*\*$/m.test(ignore), `${image} is packaged (.vscodeignore keeps media/**)`);
    const bytes = readFileSync(join(root, image));
    assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', image);
    assert.ok(bytes.length < 150_000, `${image} is small`);
  }
});

test('the walkthrough: each step has a picture that ships, completes on a real event (a context key the extension sets, its view, its command), and links only to ImageGen commands', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.equal(walkthrough.steps.length, 3);
  const contextKeys = new Set(Object.values(welcomeContextKeys));
  const commands = new Set(manifest.contributes.commands.map((c: { command: string }) => c.command));
  const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => (v as { id: string }).id));
  const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
  for (const step of walkthrough.steps) {
    const picture = readFileSync(join(root, step.media.image));
    assert.equal(picture.subarray(1, 4).toString('latin1'), 'PNG', step.id);
    assert.ok(picture.length < 60_000, `${step.id}: a small picture`);
    assert.ok(step.completionEvents.length > 0);
    for (const event of step.completionEvents as string[]) {
      const [kind, id] = [event.slice(0, event.indexOf(':')), event.slice(event.indexOf(':') + 1)];
      const real = (kind === 'onContext' && contextKeys.has(id as never)) || (kind === 'onView' && views.has(id)) || (kind === 'onCommand' && commands.has(id));
      assert.ok(real, `${step.id}: ${event} is an event ImageGen really causes`);
    }
    // Opening a question and pressing Escape is not doing the step: a key stored, an image made.
    if (step.id !== 'gallery') assert.deepEqual(step.completionEvents.map((event: string) => event.split(':')[0]), ['onContext'], `${step.id} completes on its outcome, not its command`);
    const description = nls[step.description.slice(1, -1)] as string;
    for (const [, command] of description.matchAll(/\(command:([\w.]+)\)/g)) assert.ok(commands.has(command!), `${step.id} links to ${command}`);
  }
});

test('imagegen.defaultModel and the agent tool\'s model are provider:model strings, not closed enums; the examples are usable models', async () => {
  const { modelKeyProblem } = await import('../../src/core/catalog/modelKeys');
  const { findModel } = await import('../../src/core/catalog/models');
  const setting = manifest.contributes.configuration.properties['imagegen.defaultModel'];
  assert.equal(setting.enum, undefined, 'no closed enum: any openai:<id> is a valid default');
  const pattern = new RegExp(setting.pattern);
  for (const key of ['openai:gpt-image-2.5', 'openai:a-gateway-name', 'aireiter:gpt_image_2']) assert.ok(pattern.test(key), key);
  assert.ok(!pattern.test('midjourney:v7') && !pattern.test('gpt-image-2'));
  assert.ok(setting.examples.includes('openai:gpt-image-2.5'));
  for (const example of [setting.default, ...setting.examples]) {
    assert.equal(modelKeyProblem(example), undefined, example);
    assert.ok(!findModel(example)?.retired, `${example} is not shut down`);
  }
  const tool = manifest.contributes.languageModelTools.find((candidate: { name: string }) => candidate.name === 'imagegen_generateImage');
  const model = tool.inputSchema.properties.model;
  assert.equal(model.enum, undefined);
  assert.ok(new RegExp(model.pattern).test('openai:gpt-image-2.5'));
  assert.doesNotMatch(`${tool.modelDescription} ${model.description}`, /gpt-image-1\b/, 'no shut-down model is suggested to agents');
});

// A provider is one folder (src/providers/<id>/) plus these manifest entries: the checks below
// read them against the provider profiles, so a provider added, renamed or removed in code and
// not in package.json (or the other way round) fails here.
const nlsFiles = ['package.nls.json', 'package.nls.ko.json', 'package.nls.zh-cn.json'];

test('each provider has its base URL setting with the descriptor\'s default, a description in every package.nls, and the restriction in untrusted workspaces; no provider setting without a descriptor', async () => {
  const { providerProfiles } = await import('../../src/providers/profiles');
  const ids: string[] = providerProfiles.map((profile) => profile.id);
  const properties = manifest.contributes.configuration.properties;
  const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
  const nlsTables = nlsFiles.map((file) => [file, JSON.parse(readFileSync(join(root, file), 'utf8'))] as const);
  for (const profile of providerProfiles) {
    // The id names a setting, a secret and environment variables: letters and digits only.
    assert.match(profile.id, /^[a-z][a-z0-9]*$/, profile.id);
    const setting = properties[`imagegen.${profile.id}.baseUrl`];
    assert.ok(setting, `imagegen.${profile.id}.baseUrl is declared`);
    assert.equal(setting.type, 'string');
    assert.equal(setting.default, profile.defaultBaseUrl, `imagegen.${profile.id}.baseUrl's default is the descriptor's defaultBaseUrl`);
    assert.equal(setting.scope, 'application', 'the key is sent to it: user-only');
    assert.equal(setting.markdownDescription, `%config.${profile.id}.baseUrl%`);
    for (const [file, nls] of nlsTables) assert.equal(typeof nls[`config.${profile.id}.baseUrl`], 'string', `${file} describes imagegen.${profile.id}.baseUrl`);
    assert.ok(restricted.includes(`imagegen.${profile.id}.baseUrl`), `imagegen.${profile.id}.baseUrl is restricted in untrusted workspaces`);
  }
  const providerOf = (key: string) => /^(?:imagegen|config)\.([^.]+)\.baseUrl$/.exec(key)?.[1];
  const declared = [...Object.keys(properties), ...restricted, ...nlsTables.flatMap(([, nls]) => Object.keys(nls))].map(providerOf).filter((id) => id !== undefined);
  assert.deepEqual([...new Set(declared)].filter((id) => !ids.includes(id)), [], 'a base URL setting or description for a provider that has no descriptor');
});

test('the model patterns of imagegen.defaultModel and the agent tool name exactly the descriptors\' providers', async () => {
  const { providerIds } = await import('../../src/providers/profiles');
  const tool = manifest.contributes.languageModelTools.find((candidate: { name: string }) => candidate.name === 'imagegen_generateImage');
  for (const pattern of [manifest.contributes.configuration.properties['imagegen.defaultModel'].pattern, tool.inputSchema.properties.model.pattern] as string[]) {
    const alternatives = /^\^\(([^)]+)\):/.exec(pattern)?.[1]?.split('|');
    assert.deepEqual(alternatives?.sort(), [...providerIds].sort(), pattern);
  }
});

test('the MCP server (and the command line, which reads the same variables) takes IMAGEGEN_<PROVIDER>_API_KEY and _BASE_URL for each descriptor, and the README lists them', async () => {
  const { providerProfiles } = await import('../../src/providers/profiles');
  const { envNames, readServerEnvironment, usage } = await import('../../src/features/mcpPublishing/serverEnvironment');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const env: Record<string, string> = {};
  for (const [index, profile] of providerProfiles.entries()) {
    const upper = profile.id.toUpperCase();
    assert.equal(envNames.apiKey(profile.id), `IMAGEGEN_${upper}_API_KEY`);
    assert.equal(envNames.baseUrl(profile.id), `IMAGEGEN_${upper}_BASE_URL`);
    env[`IMAGEGEN_${upper}_API_KEY`] = `key-${index}`;
    env[`IMAGEGEN_${upper}_BASE_URL`] = `http://127.0.0.1:${9000 + index}/`;
    assert.ok(usage.includes(`IMAGEGEN_${upper}_API_KEY`), `the usage line names IMAGEGEN_${upper}_API_KEY`);
    for (const name of [`IMAGEGEN_${upper}_API_KEY`, `IMAGEGEN_${upper}_BASE_URL`]) assert.ok(readme.includes(`\`${name}\``), `README lists ${name}`);
  }
  const read = readServerEnvironment(['--workspace', '/w'], env);
  assert.ok(read.ok);
  assert.deepEqual(read.environment.apiKeys, Object.fromEntries(providerProfiles.map((profile, index) => [profile.id, `key-${index}`])));
  assert.deepEqual(read.environment.baseUrls, Object.fromEntries(providerProfiles.map((profile, index) => [profile.id, `http://127.0.0.1:${9000 + index}/`])));
  const defaults = readServerEnvironment(['--workspace', '/w'], {});
  assert.ok(defaults.ok);
  assert.deepEqual(defaults.environment.baseUrls, Object.fromEntries(providerProfiles.map((profile) => [profile.id, profile.defaultBaseUrl])));
});
