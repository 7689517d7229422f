// The command line as typed, turned into one checked command: node:util's parseArgs reads the
// flags of the command's table (commandSpecs.ts), zod checks their shapes, and every problem is a
// UsageError naming the flag and what it allows. A flag that looks like a key is refused before
// anything else, and its value is never repeated. The model rules themselves (ratios, sizes,
// paths inside the workspace) are the catalog's, checked by the commands with every host's code.
import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { modelKeyProblem } from '../core/catalog/modelKeys';
import { candidateCountProblem, maxCandidates } from '../core/candidates/candidateCount';
import { isKeyFlag, keyVariableNames } from '../features/mcpPublishing/serverEnvironment';
import { commandNames, commandSpecs, flagList, type CommandName } from './commandSpecs';
import { UsageError } from './failures';

export interface GenerateCommand {
  readonly kind: 'generate';
  readonly prompt: string;
  readonly model: string;
  readonly aspectRatio?: string;
  readonly resolution?: string;
  readonly size?: string;
  readonly quality?: string;
  readonly references: readonly string[];
  readonly outputFolder?: string;
  /** Candidates of the request, 1–8 (absent: 1). */
  readonly count?: number;
  // What is delivered, as typed: read by core/output/outputParams with these flags' names.
  readonly outputFormat?: string;
  readonly outputQuality?: string;
  readonly outputSize?: string;
  readonly fit?: string;
  readonly background?: string;
  readonly assetSet?: string;
  readonly widths?: string;
  readonly avif?: true;
  readonly workspace: string;
  readonly json: boolean;
}

export type Command =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'version' }
  | GenerateCommand
  | { readonly kind: 'models'; readonly json: boolean }
  | { readonly kind: 'tasks'; readonly workspace: string; readonly json: boolean }
  | { readonly kind: 'unused'; readonly workspace: string; readonly json: boolean }
  | { readonly kind: 'resume'; readonly id?: string; readonly workspace: string; readonly json: boolean };

const choice = (flag: string) => z.optional(z.string().check(z.minLength(1, `--${flag} needs a value`), z.maxLength(20, `--${flag} is at most 20 characters`)));
const path = (flag: string) => z.optional(z.string().check(z.minLength(1, `--${flag} needs a value`), z.maxLength(1_000, `--${flag} is at most 1000 characters`)));

const generateSchema = z.object({
  prompt: z.string().check(z.trim(), z.minLength(1, 'PROMPT is empty: say what the image shows'), z.maxLength(32_000, 'PROMPT is at most 32000 characters')),
  model: z.string().check(
    z.maxLength(200, '--model is at most 200 characters'),
    z.refine((key) => modelKeyProblem(key) === undefined, { error: (issue) => `--model: ${modelKeyProblem(String(issue.input)) ?? 'unknown model'} (see \`imagegen models\`)` }),
  ),
  aspectRatio: choice('aspect-ratio'),
  resolution: choice('resolution'),
  size: choice('size'),
  quality: choice('quality'),
  references: z.array(z.string().check(z.minLength(1, '--reference needs a path'), z.maxLength(1_000))).check(z.maxLength(16, 'at most 16 --reference images')),
  outputFolder: path('output-folder'),
  // Digits only ("3", not "3.0" or "three"), then the bounds every host refuses in the same words.
  count: z.optional(
    z.pipe(
      z.string().check(z.regex(/^\d{1,3}$/, `--count takes a whole number from 1 to ${maxCandidates} in digits, e.g. --count 3.`)),
      z.transform((digits) => Number(digits)),
    ).check(z.refine((count) => candidateCountProblem(count) === undefined, { error: (issue) => `--count: ${candidateCountProblem(Number(issue.input))}` })),
  ),
  outputFormat: choice('output-format'),
  outputQuality: choice('output-quality'),
  outputSize: choice('output-size'),
  fit: choice('fit'),
  background: choice('background'),
  assetSet: choice('asset-set'),
  widths: z.optional(z.string().check(z.minLength(1, '--widths needs a value'), z.maxLength(200, '--widths is at most 200 characters'))),
  avif: z.optional(z.literal(true)),
  workspace: z.string().check(z.minLength(1, '--workspace needs a folder')),
  json: z.boolean(),
});

const idSchema = z.optional(z.string().check(z.minLength(1), z.maxLength(200, 'a task id is at most 200 characters')));

/** Reads `argv` (without node and the script); `cwd` is the default workspace. */
export function parseCommandLine(argv: readonly string[], cwd: string): Command {
  refuseKeyFlags(argv);
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError(`No command given: one of ${commandNames.join(', ')}. imagegen --help says more.`);
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (!(commandNames as readonly string[]).includes(first)) {
    throw new UsageError(first.startsWith('-') ? `${optionName(first)}: unknown option; the commands are ${commandNames.join(', ')} (imagegen --help).` : `${/^[a-z-]{1,20}$/.test(first) ? `${first}: unknown command` : 'Unknown command (not shown)'}: the commands are ${commandNames.join(', ')} (imagegen --help).`);
  }
  const command = first as CommandName;
  const { values, positionals } = readFlags(command, rest);
  if (values.help === true) return { kind: 'help', command };
  const json = values.json === true;
  const workspace = typeof values.workspace === 'string' ? values.workspace : cwd;
  switch (command) {
    case 'generate':
      return parseGenerate(values, positionals, workspace, json);
    case 'models':
      noPositionals(command, positionals);
      return { kind: 'models', json };
    case 'tasks':
    case 'unused':
      noPositionals(command, positionals);
      return { kind: command, workspace, json };
    case 'resume': {
      if (positionals.length > 1) throw new UsageError(`resume takes at most one task id (imagegen tasks lists them); ${positionals.length} were given.`);
      const id = checked(idSchema, positionals[0]);
      return { kind: 'resume', ...(id !== undefined ? { id } : {}), workspace, json };
    }
  }
}

type FlagValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parseGenerate(values: FlagValues, positionals: readonly string[], workspace: string, json: boolean): GenerateCommand {
  if (positionals.length === 0) throw new UsageError(`generate needs a PROMPT. Usage: ${commandSpecs.generate.usage}`);
  if (positionals.length > 1) throw new UsageError(`generate takes one PROMPT: put it in quotes ("a red fox in the snow"); ${positionals.length} arguments were given.`);
  if (values.model === undefined) throw new UsageError('--model P:M is required: provider:model, e.g. jimmyai:nano-banana-pro or aireiter:gpt_image_2 (imagegen models lists them).');
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const data = checked(generateSchema, {
    prompt: positionals[0],
    model: values.model,
    aspectRatio: text('aspect-ratio'),
    resolution: text('resolution'),
    size: text('size'),
    quality: text('quality'),
    references: (values.reference as string[] | undefined) ?? [],
    outputFolder: text('output-folder'),
    count: text('count'),
    outputFormat: text('output-format'),
    outputQuality: text('output-quality'),
    outputSize: text('output-size'),
    fit: text('fit'),
    background: text('background'),
    assetSet: text('asset-set'),
    widths: text('widths'),
    avif: values.avif === true ? true : undefined,
    workspace,
    json,
  });
  // Flags not given are absent, not undefined: the command carries only what was asked for.
  const given = Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as typeof data;
  return { kind: 'generate', ...given };
}

/** Keys come from IMAGEGEN_* variables only: a command line is visible to other users and kept in shell history. */
function refuseKeyFlags(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    if (!arg.startsWith('-')) continue;
    const name = optionName(arg);
    if (isKeyFlag(name)) throw new UsageError(`${name}: keys are never taken from the command line (other users and shell history can read it); set ${keyVariableNames()} in the environment instead.`);
  }
}

/** A flag's name without its value (`--x=value` → `--x`): a value is never repeated. */
const optionName = (arg: string) => (arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg);

function readFlags(command: CommandName, args: readonly string[]): { values: FlagValues; positionals: string[] } {
  const options = Object.fromEntries(Object.entries(commandSpecs[command].flags).map(([name, spec]) => [name, { type: spec.type, ...(spec.multiple ? { multiple: true } : {}) }]));
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true }) as { values: FlagValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(flagProblem(command, error));
  }
}

/** parseArgs' complaint, said with the flag and what the command allows. */
function flagProblem(command: CommandName, error: unknown): string {
  const code = (error as { code?: string }).code;
  const flag = /'(-{1,2}[^' =<]+)/.exec((error as Error).message ?? '')?.[1] ?? 'an option';
  const spec = commandSpecs[command].flags[flag.replace(/^-+/, '')];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `${flag}: unknown option for ${command}. It takes ${flagList(command)}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return spec?.type === 'boolean' ? `${flag} takes no value.` : `${flag} needs a value${spec?.value ? ` (${spec.value})` : ''}: ${spec?.help ?? ''}. To give a value that starts with a dash, write ${flag}=VALUE.`;
  }
  return `The options of ${command} could not be read: ${flagList(command)}.`;
}

function noPositionals(command: CommandName, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments besides its options (${flagList(command)}); ${positionals.length} were given (not shown).`);
}

function checked<T>(schema: z.ZodMiniType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join(' '));
  return result.data;
}
