// `imagegen models`: the catalog, exactly as the MCP server's list_models gives it (one shared
// description, core/catalog/modelDescriptions.ts), and for a person also whether each provider
// has a key in the environment.
import { describeOfferedModels, unlistedModelsNote, type ModelDescription } from '../core/catalog/modelDescriptions';
import { providerIds } from '../core/catalog/models';
import { providerNames } from '../core/catalog/providerNames';
import { envNames } from '../features/mcpPublishing/serverEnvironment';
import { exitCodes, type ExitCode } from './failures';
import type { Terminal } from './terminal';

export async function runModels(command: { readonly json: boolean }, terminal: Terminal, env: NodeJS.ProcessEnv): Promise<ExitCode> {
  const models = describeOfferedModels();
  if (command.json) {
    await terminal.printJson({ command: 'models', models, note: unlistedModelsNote });
    return exitCodes.saved;
  }
  const keys = providerIds.map((id) => `${providerNames[id]}: ${env[envNames.apiKey(id)]?.trim() ? 'key set' : `no key (${envNames.apiKey(id)})`}`).join('; ');
  await terminal.print(`${models.map(describe).join('\n\n')}\n\n${unlistedModelsNote}\n\nKeys: ${keys}\n`);
  return exitCodes.saved;
}

function describe(model: ModelDescription): string {
  const size = model.exactSize;
  const exact = size === null ? 'no exact sizes' : 'sizes' in size ? `exact sizes ${(size.sizes ?? []).join(', ')}` : 'checkedBy' in size ? 'exact sizes checked by the provider' : `exact sizes ${size.minPixels.toLocaleString('en-US')}–${size.maxPixels.toLocaleString('en-US')} pixels${'multipleOf' in size ? `, edges multiples of 16 up to ${size.maxEdge}, ratio up to ${size.maxRatio}:1` : ''}`;
  return [
    `${model.model}  (${model.label})`,
    `  ratios: ${model.aspectRatios.join(', ')}`,
    `  resolutions: ${model.resolutions.join(', ')}${model.ratiosAt4K ? ` (4K only at ${model.ratiosAt4K.join(', ')})` : ''}`,
    `  qualities: ${model.qualities.length > 0 ? model.qualities.join(', ') : 'none'}`,
    `  ${exact}; up to ${model.maxReferenceImages} reference image(s)`,
  ].join('\n');
}
