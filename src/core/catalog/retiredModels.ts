// Models their maker has shut down. They stay known (a task or an image in the history names
// them; a provider's "model not found" is explained with them) but are never offered, and a new
// request for one is refused before anything is sent, naming the replacement.

export interface Retirement {
  /** YYYY-MM-DD, as OpenAI's deprecations page and GET /v1/models' `shutdown_date` write it. */
  readonly shutdownDate: string;
  /** The model id to use instead, at the same provider. */
  readonly replacement: string;
}

// The replacement is gpt-image-2 [infer]: OpenAI's deprecations page recommends its newer
// gpt-image-2.5/2.6 "Sunburst or Flare" models [docs: developers.openai.com/api/docs/deprecations,
// two renderings name 2.5 and 2.6], whose exact ids and rules third-party pages disagree on;
// gpt-image-2 is live, takes the same request shape and has rules ImageGen knows exactly.
const replacement = 'gpt-image-2';

/** OpenAI model ids by shutdown date. */
const openaiShutdowns: Readonly<Record<string, string>> = {
  // [3p: issue 22 and the Fabric v1.4.534 release note "the image models OpenAI retires on 2026-10-23"]
  'gpt-image-1': '2026-10-23',
  // [docs: OpenAI deprecations page, "Dec 1, 2026 … gpt-image-1.5, gpt-image-1.5-2025-12-16 … gpt-image-1-mini … chatgpt-image-latest"]
  'gpt-image-1.5': '2026-12-01',
  'gpt-image-1.5-2025-12-16': '2026-12-01',
  'gpt-image-1-mini': '2026-12-01',
  'chatgpt-image-latest': '2026-12-01',
};

/** The retirement of an OpenAI(-compatible) model id, if OpenAI shut it down. */
export function retirementOf(model: string): Retirement | undefined {
  const shutdownDate = openaiShutdowns[model];
  return shutdownDate ? { shutdownDate, replacement } : undefined;
}

/** The sentence users and agents see for a retired model. */
export function retiredSentence(model: string, retirement: Retirement): string {
  return `${model} was shut down by OpenAI on ${retirement.shutdownDate}; use openai:${retirement.replacement} instead.`;
}
