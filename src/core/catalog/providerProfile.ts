// What ImageGen knows of a provider without talking to it: the static half of a provider's
// descriptor (src/providers/<id>/profile.ts). It is plain data over core types so the catalog,
// validation and settings (all in core or below) can read every provider's models and endpoint
// without importing any provider's HTTP code; the factory half is in src/providers/<id>/descriptor.ts.
import type { SpendingProfile } from '../budget/expectedCost';
import type { ModelSpecOf } from './modelSpec';

export interface ProviderProfile<Id extends string = string> {
  /** Lower-case letters and digits: it names the settings (`imagegen.<id>.baseUrl`), the secret, the `IMAGEGEN_<ID>_*` variables and the `<id>:` of model keys. */
  readonly id: Id;
  /** What messages call it; ids are never shown. */
  readonly name: string;
  /** Where its API is unless the user says otherwise; package.json's `imagegen.<id>.baseUrl` declares the same default. */
  readonly defaultBaseUrl: string;
  /** Its models in display order, shut-down ones included (kept for history and messages, never offered). */
  readonly models: readonly ModelSpecOf<Id>[];
  /** For a provider that takes model ids the catalog does not list (OpenAI-compatible endpoints); a bare id a user types is taken as one of these. */
  readonly unlistedModels?: {
    /** How such an id is written, for the message that refuses one. */
    readonly idRule: string;
    /** The generic rules for `model`, or undefined when it cannot be an id there. */
    rules(model: string): ModelSpecOf<Id> | undefined;
  };
  /** What to use instead when it refuses `model` as unknown or shut down (a model the catalog marks retired is said for every provider); undefined: "Pick another of its models." */
  readonly unavailableAdvice?: (model: string) => string | undefined;
  /** The unit its budgets are in (what it reports) and ImageGen's estimate per image until the ledger has its own figure. */
  readonly spending: SpendingProfile;
  /** The largest reference image it takes; `inclusive` false when exactly `megabytes` is already too large. */
  readonly referenceLimit: { readonly megabytes: number; readonly inclusive: boolean };
}
