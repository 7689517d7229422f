// How OpenAI-compatible gateways word a successful image answer, selected per task with the
// `[sim:variant=a+b]` directive in the prompt (as answerVariants.ts does for the async providers).
// The image is always there; only the JSON around it differs. A client that reads only what it
// needs ends every one of them with the image saved.
//
//   createdString  `created` as a string, `usage` of odd types, extra and null fields on the item
//   wrapped        a gateway wrapper `{ code: 20000, msg, data: { created, data: [...] } }` (JimmyAI's
//                  /api/open-api/v1/images/generations answers so, providers.md §5)
//   trailing       bytes after the JSON (a gateway's debug line)

export type OpenaiVariant = 'createdString' | 'wrapped' | 'trailing';

const known = new Set<OpenaiVariant>(['createdString', 'wrapped', 'trailing']);

export function openaiVariantsOf(prompt: string): Set<OpenaiVariant> {
  const match = /\[sim:variant=([^\]]*)\]/.exec(prompt);
  return new Set((match?.[1] ?? '').split(/[+,]/).filter((name): name is OpenaiVariant => known.has(name as OpenaiVariant)));
}

/** The answer's bytes: `answer` (OpenAI's own shape) reworded by the prompt's variants. */
export function openaiAnswerBytes(answer: { created: number; data: Record<string, unknown>[]; usage: unknown }, prompt: string): Buffer | undefined {
  const variants = openaiVariantsOf(prompt);
  if (variants.size === 0) return undefined;
  let body: unknown = answer;
  if (variants.has('createdString')) {
    body = { ...answer, created: String(answer.created), usage: { total_tokens: '100', input_tokens_details: null, output_tokens: [50] }, data: answer.data.map((item) => ({ ...item, url: null, revised_prompt: { text: item.revised_prompt }, content_filter_results: { sexual: false } })) };
  }
  if (variants.has('wrapped')) {
    body = { code: 20000, msg: 'ok', data: body };
  }
  const text = JSON.stringify(body);
  return Buffer.from(variants.has('trailing') ? `${text}\n<!-- gateway: served in 48 ms -->\n` : text);
}
