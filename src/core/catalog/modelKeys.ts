// `provider:model` keys as users, settings and agents write them: which ones ImageGen can use, and
// a sentence for the ones it cannot. OpenAI-compatible endpoints take any model id; AIReiter and
// JimmyAI only their known models.
import { providerProfiles } from '../../providers/profiles';
import { findModel, offeredModels, providerIds } from './models';

const known = (provider: string) => offeredModels.filter((model) => model.provider === provider).map((model) => model.key).join(', ');

/** Why `key` names no usable model, or undefined when it does (a retired model is refused later, with its replacement). */
export function modelKeyProblem(key: string): string | undefined {
  if (findModel(key)) return undefined;
  const separator = key.indexOf(':');
  const provider = separator > 0 ? key.slice(0, separator) : '';
  const profile = providerProfiles.find((candidate) => candidate.id === provider);
  if (!profile) {
    return `Unknown model "${key}": write provider:model, where the provider is one of ${providerIds.join(', ')} (for example aireiter:gpt_image_2 or openai:gpt-image-2).`;
  }
  if (profile.unlistedModels) {
    return `Unknown model "${key}": write a model id after "${provider}:" (${profile.unlistedModels.idRule}).`;
  }
  return `Unknown model "${key}": ${provider} has no model "${key.slice(separator + 1)}"; it takes ${known(provider)}.`;
}

/** The provider a bare model id is meant for: the one that takes ids the catalog does not list. */
const bareIdProvider = providerProfiles.find((profile) => profile.unlistedModels);

/**
 * What the user typed into a model list, as a model key: `openai:<id>` for a bare id (only
 * OpenAI-compatible endpoints take ids ImageGen does not list); undefined when no usable model
 * could be meant (a shut-down model is not offered this way either).
 */
export function typedModelKey(text: string): string | undefined {
  const value = text.trim();
  if (!value || /\s/.test(value)) return undefined;
  const key = providerIds.some((id) => value.startsWith(`${id}:`)) ? value : bareIdProvider && `${bareIdProvider.id}:${value}`;
  const model = key === undefined ? undefined : findModel(key);
  return model && !model.retired ? key : undefined;
}
