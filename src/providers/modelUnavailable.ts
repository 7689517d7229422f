// A provider's "this model does not exist / is deprecated" refusal, said as what it means: the
// model is not available there, with the model to use instead. The refusal was not billed: the
// request is not sent again by itself.
import type { ModelSpec } from '../core/catalog/models';
import { retiredSentence } from '../core/catalog/retiredModels';
import { isProviderError, providerError } from './errors';
import { providerProfile } from './profiles';

// OpenAI answers 404 `{error: {code: "model_not_found"}}` [docs: error codes]; gateways word it
// in their own way ("has been deprecated", "unsupported model: …", Chinese "模型不存在"); a refused
// model *parameter* ("Unsupported model parameter: quality") is not a refused model.
const unavailableCodes = new Set(['model_not_found', 'model_deprecated', 'model_not_available', 'unsupported_model']);
const unavailableWords =
  /\bmodel\b(?!\s*(?:parameters?|params?|options?|fields?|arguments?|settings?)\b)[^.]{0,80}?\b(?:not found|does not exist|doesn't exist|is deprecated|has been deprecated|deprecated|retired|shut ?down|no longer (?:available|exists|supported|served))|\b(?:unknown|unsupported|invalid|deprecated) model\b(?!\s*(?:parameters?|params?|options?|fields?|arguments?|settings?)\b)|模型不存在|模型已下线|模型已停用|不支持的模型|不支持该模型|模型不可用/i;

/** What to use instead: the retirement the catalog knows, or the provider's own advice (its profile's). */
function suggestion(model: ModelSpec): string {
  if (model.retired) return retiredSentence(model.model, model.retired);
  return providerProfile(model.provider).unavailableAdvice?.(model.model) ?? 'Pick another of its models.';
}

/** `error` reworded when it is a refusal of the model itself; any other error unchanged. */
export function explainUnavailableModel(error: unknown, model: ModelSpec): unknown {
  if (!isProviderError(error, 'invalidRequest') && !isProviderError(error, 'taskFailed')) return error;
  const { code, serverMessage } = error.details;
  if (!(code !== undefined && unavailableCodes.has(code)) && !unavailableWords.test(serverMessage ?? '')) return error;
  return providerError('invalidRequest', { ...error.details, code: code ?? 'model_not_found', retryable: false }, `${error.details.provider} does not offer the model ${model.model}. ${suggestion(model)}`);
}
