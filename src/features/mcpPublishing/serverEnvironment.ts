// What the standalone MCP server is told: the workspace on its command line, keys and endpoints in
// its environment (never on the command line, where any process list shows them). Checked before
// the server starts; each problem says which variable or flag to fix.
import * as z from 'zod/mini';
import { providerIds, type ProviderId } from '../../core/catalog/models';
import { defaultBaseUrls } from '../../core/catalog/providerEndpoints';

export const envNames = {
  apiKey: (provider: ProviderId) => `IMAGEGEN_${provider.toUpperCase()}_API_KEY`,
  baseUrl: (provider: ProviderId) => `IMAGEGEN_${provider.toUpperCase()}_BASE_URL`,
  /** imagegen.fileName's template for saved images (default `${prompt}-${date}-${time}`). */
  fileName: 'IMAGEGEN_FILE_NAME',
  /** imagegen.polling.timeoutSeconds: how long a task is followed at the normal pace before it is overdue (default: each model's own). */
  pollingTimeoutSeconds: 'IMAGEGEN_POLLING_TIMEOUT_SECONDS',
};

export interface ServerEnvironment {
  /** The workspace folder every read and write is confined to (as given; its real path is checked later). */
  readonly workspace: string;
  readonly apiKeys: Readonly<Partial<Record<ProviderId, string>>>;
  readonly baseUrls: Readonly<Record<ProviderId, string>>;
  /** The file-name template (imagegen.fileName), when the environment gives one. */
  readonly fileName?: string;
  /** The polling deadline in seconds (imagegen.polling.timeoutSeconds), when the environment gives one. */
  readonly pollingTimeoutSeconds?: number;
}

export type EnvironmentRead = { readonly ok: true; readonly environment: ServerEnvironment } | { readonly ok: false; readonly problems: readonly string[] };

const httpUrl = z.url({ protocol: /^https?$/ });

/** A flag that looks like it carries a key (`--api-key`, `--token`, …): refused, its value never echoed. */
export const isKeyFlag = (name: string) => /key|token|secret|password/i.test(name);

/** The variables keys are read from, as a list for messages. */
export const keyVariableNames = () => providerIds.map(envNames.apiKey).join(', ');
export const usage = `Usage: node dist/mcp.js --workspace DIR   (keys in ${providerIds.map(envNames.apiKey).join(', ')}; endpoints in IMAGEGEN_*_BASE_URL)`;

/** Reads the flags and variables; a key given as a flag is refused, not used. */
export function readServerEnvironment(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): EnvironmentRead {
  const problems: string[] = [];
  let workspace: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    if (name === '--workspace') {
      workspace = inline ?? argv[(index += 1)];
    } else if (isKeyFlag(name)) {
      // Its value is skipped, never echoed.
      if (inline === undefined) index += 1;
      problems.push(`${name}: keys are never taken from the command line (other users and logs can read it); set ${keyVariableNames()} in the server's environment instead.`);
    } else if (name.startsWith('-')) {
      problems.push(`${name}: unknown option. ${usage}`);
    } else {
      // A stray word may be a secret pasted in the wrong place: it is not repeated.
      problems.push(`An argument that is not an option was given (not shown). ${usage}`);
    }
  }
  if (!workspace) problems.push(`--workspace DIR is required: the folder images are saved into and references are read from. ${usage}`);
  const apiKeys: Partial<Record<ProviderId, string>> = {};
  const baseUrls = { ...defaultBaseUrls };
  for (const provider of providerIds) {
    const key = env[envNames.apiKey(provider)]?.trim();
    if (key) apiKeys[provider] = key;
    const url = env[envNames.baseUrl(provider)]?.trim();
    if (url) {
      if (httpUrl.safeParse(url).success) baseUrls[provider] = url;
      else problems.push(`${envNames.baseUrl(provider)} must be an http(s) URL, e.g. ${defaultBaseUrls[provider]}.`);
    }
  }
  const fileName = env[envNames.fileName]?.trim();
  if (fileName !== undefined && fileName.length > 500) problems.push(`${envNames.fileName} must be at most 500 characters long.`);
  const timeoutText = env[envNames.pollingTimeoutSeconds]?.trim();
  const timeout = timeoutText ? Number(timeoutText) : undefined;
  if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 1 && timeout <= 86_400)) problems.push(`${envNames.pollingTimeoutSeconds} must be a number of seconds from 1 to 86400.`);
  const optional = { ...(fileName ? { fileName } : {}), ...(timeout !== undefined ? { pollingTimeoutSeconds: timeout } : {}) };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, environment: { workspace: workspace!, apiKeys, baseUrls, ...optional } };
}
