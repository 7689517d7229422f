// The catalog as outside callers read it: every offered model with its ratios, resolutions,
// qualities, exact-size rule and reference limit, in one plain shape. The MCP server's
// list_models tool and the command line's `models` print exactly this, so an agent and a script
// see the same facts.
import { models, offeredModels, type ModelSpec } from './models';
import { providerNames } from './providerNames';
import { retiredSentence } from './retiredModels';

export function describeModel(model: ModelSpec) {
  return {
    model: model.key,
    label: model.label,
    provider: providerNames[model.provider],
    aspectRatios: model.ratios,
    resolutions: model.resolutions,
    ...(model.fourKRatios ? { ratiosAt4K: model.fourKRatios } : {}),
    qualities: model.qualities,
    exactSize: model.custom?.kind === 'fixed' ? { sizes: model.custom.sizes } : model.custom?.kind === 'providerChecked' ? { checkedBy: 'provider' } : model.custom ? { minPixels: model.custom.minPixels, maxPixels: model.custom.maxPixels, ...(model.custom.kind === 'multipleOf16' ? { multipleOf: 16, maxEdge: model.custom.maxEdge, maxRatio: model.custom.maxRatio } : {}) } : null,
    maxReferenceImages: model.maxReferenceImages,
  };
}

export type ModelDescription = ReturnType<typeof describeModel>;

/** Every model a generation may use, described. */
export const describeOfferedModels = (): ModelDescription[] => offeredModels.map(describeModel);

/** What the list cannot say: ids it does not list, and the shut-down ones. */
export const unlistedModelsNote = `Any other openai:<model id> the OpenAI-compatible endpoint serves works too, with gpt-image-2's ratios and qualities and exact sizes checked by the provider. Shut down, not usable: ${models
  .filter((model) => model.retired)
  .map((model) => retiredSentence(model.model, model.retired!))
  .join(' ')}`;
