// An `output` block from outside (a preset in .vscode/imagegen.json, a scripted generate command),
// written either as the wizard's one line ("1600x900 webp q80") or as an object with the output
// options' fields. Read here once, so every caller gets the same options and the same words, and a
// bad block is a problem, never dropped.
import { parseOutputLine } from './outputLine';
import { outputOptionsSchema, resolveOutput, type OutputOptions } from './outputOptions';

export type OutputBlockRead = { readonly ok: true; readonly options: OutputOptions | undefined } | { readonly ok: false; readonly problems: readonly string[]; readonly path: readonly (string | number)[] };

const shape = 'write it as one line like "1600x900 webp q80", or as an object such as { "format": "webp", "quality": 80, "size": { "width": 1600, "height": 900 } }';

/** The options an `output` block asks for; undefined (ok) when there is none. Problems start with `output`; `path` is where the first one is. */
export function readOutputBlock(raw: unknown): OutputBlockRead {
  if (raw === undefined) return { ok: true, options: undefined };
  if (typeof raw === 'string') {
    if (raw.length > 200) return { ok: false, problems: ['output: the line is longer than 200 characters'], path: ['output'] };
    const line = parseOutputLine(raw);
    return line.ok ? { ok: true, options: line.options } : { ok: false, problems: line.problems.map((problem) => `output: ${problem}`), path: ['output'] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [`output: ${shape}`], path: ['output'] };
  }
  const parsed = outputOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return { ok: false, problems: parsed.error.issues.map((issue) => `output.${issue.path.join('.')}: ${issue.message}`), path: ['output', ...(first.path as (string | number)[])] };
  }
  const resolved = resolveOutput(parsed.data);
  return resolved.ok ? { ok: true, options: parsed.data } : { ok: false, problems: resolved.problems.map((problem) => `output: ${problem}`), path: ['output'] };
}
