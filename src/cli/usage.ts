// The help the command line prints for `--help`, for `imagegen COMMAND --help`, and with a usage
// problem: where keys come from is always part of it, since no flag takes one.
import { providerIds } from '../core/catalog/models';
import { envNames, keyVariableNames } from '../features/mcpPublishing/serverEnvironment';
import { commandNames, commandSpecs, type CommandName } from './commandSpecs';

declare const IMAGEGEN_VERSION: string;
export const cliVersion = typeof IMAGEGEN_VERSION === 'string' ? IMAGEGEN_VERSION : '0.0.0-dev';

const environmentHelp = [
  'Keys and endpoints come from the environment only, never from a flag:',
  `  ${keyVariableNames()}`,
  `  ${providerIds.map(envNames.baseUrl).join(', ')} (optional)`,
  '  HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.',
].join('\n');

const exitHelp =
  'Exit codes: 0 every image saved (with --count: every candidate), 1 a generation failed (with --count: any candidate; the last lines say which), 2 bad input or usage (nothing sent) or a task `imagegen resume` cannot follow from this environment (no key, another base URL: it stays in the journal and may be billed; the line says what to set), 130/143 interrupted (the journal keeps the task: `imagegen resume ID`).';

export function generalHelp(): string {
  const width = Math.max(...commandNames.map((name) => name.length));
  return [
    `ImageGen ${cliVersion}: generate images from the command line with the engine of the ImageGen extension and its MCP server.`,
    '',
    'Usage: imagegen COMMAND [options]   (node dist/cli.js COMMAND …)',
    '',
    'Commands:',
    ...commandNames.map((name) => `  ${name.padEnd(width)}  ${commandSpecs[name].summary}`),
    '',
    'imagegen COMMAND --help shows its options; imagegen --version prints the version.',
    '',
    environmentHelp,
    '',
    exitHelp,
  ].join('\n');
}

export function commandHelp(command: CommandName): string {
  const spec = commandSpecs[command];
  const flags = Object.entries(spec.flags).map(([name, flag]) => [`--${name}${flag.value ? ` ${flag.value}` : ''}`, flag.help] as const);
  const width = Math.max(...flags.map(([left]) => left.length));
  return [`Usage: ${spec.usage}`, '', `${spec.summary[0]!.toUpperCase()}${spec.summary.slice(1)}.`, '', 'Options:', ...flags.map(([left, text]) => `  ${left.padEnd(width)}  ${text}`), '', environmentHelp, '', exitHelp].join('\n');
}
