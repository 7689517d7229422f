// ImageGen's settings, validated with zod before use: a bad value gets a message that names the
// setting, never a silent fallback.
import * as z from 'zod/mini';
import { defaultFileNameTemplate } from '../core/assets/fileNameTemplate';
import { modelKeyProblem } from '../core/catalog/modelKeys';
import { providerIds, type ProviderId } from '../core/catalog/models';
import { perProvider } from '../providers/profiles';
import { invalidSettingsMessage, plainReason, settingKeyOf, type InvalidSetting } from './settingProblems';

export const settingKeys = {
  defaultModel: 'defaultModel',
  baseUrl: (provider: ProviderId) => `${provider}.baseUrl`,
  assetsFolder: 'assetsFolder',
  initialDelaySeconds: 'polling.initialDelaySeconds',
  intervalSeconds: 'polling.intervalSeconds',
  timeoutSeconds: 'polling.timeoutSeconds',
  maxDownloadMegabytes: 'download.maxMegabytes',
  downloadTimeoutSeconds: 'download.timeoutSeconds',
  openaiTimeoutSeconds: 'openai.timeoutSeconds',
  openaiPartialImages: 'openai.partialImages',
  linkStyle: 'link.style',
  linkSiteRoot: 'link.siteRoot',
  linkWidth: 'link.width',
  fileName: 'fileName',
  /** The user's spending caps (src/generation/editorBudget.ts reads it: user settings only). */
  budget: 'budget',
} as const;

const httpUrl = z.string().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);

const seconds = (max: number) => z.number().check(z.minimum(0), z.maximum(max));

export const settingsSchema = z.object({
  // provider:model, checked by the catalog's rules (any openai:<id>; known AIReiter/JimmyAI models).
  defaultModel: z.string().check(z.refine((key) => modelKeyProblem(key) === undefined, { error: (issue) => modelKeyProblem(String(issue.input)) ?? 'unknown model' })),
  // imagegen.<id>.baseUrl for each provider profile (src/providers/profiles.ts).
  baseUrls: z.object(perProvider(() => httpUrl)),
  assetsFolder: z.string(),
  // VS Code's markdown.copyFiles.destination, only when imagegen.assetsFolder is not set anywhere.
  // Read as it is: only the entry that matches a document is checked, when it is used.
  copyFilesDestination: z.optional(z.unknown()),
  // null (the default): each model's own advice (catalog/models.ts); a number overrides it.
  polling: z.object({
    initialDelaySeconds: z.nullable(seconds(600)),
    intervalSeconds: z.nullable(z.number().check(z.minimum(0.05), z.maximum(600))),
    timeoutSeconds: z.nullable(z.number().check(z.minimum(1), z.maximum(86_400))),
  }),
  maxDownloadMegabytes: z.number().check(z.minimum(1), z.maximum(500)),
  download: z.object({ timeoutSeconds: z.number().check(z.minimum(1), z.maximum(3600)) }),
  openai: z.object({ timeoutSeconds: z.number().check(z.minimum(1), z.maximum(3600)), partialImages: z.number().check(z.int(), z.minimum(0), z.maximum(3)) }),
  fileName: z.string().check(z.maxLength(500)),
  link: z.object({ style: z.enum(['relative', 'rootRelative', 'html']), siteRoot: z.string().check(z.maxLength(1_000)), width: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(10_000))) }),
});

export type Settings = z.infer<typeof settingsSchema>;

/**
 * `invalid`: every setting that did not pass, by name. When some did not, `withDefaults` (given
 * `defaultOf`, the manifest's defaults) holds the settings with those replaced by their defaults,
 * for work that must go on whatever an unrelated setting became (a task the provider accepted).
 */
export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings; readonly invalid: readonly InvalidSetting[] }
  | { readonly ok: false; readonly message: string; readonly invalid: readonly InvalidSetting[]; readonly withDefaults?: Settings };

/**
 * Reads settings through `get` (the host passes workspace configuration) and validates them;
 * `copyFilesDestination` is the Markdown setting when ImageGen's own folder is not set.
 */
export function readSettings(get: (key: string) => unknown, copyFilesDestination?: unknown, defaultOf?: (key: string) => unknown): SettingsResult {
  const parsed = settingsSchema.safeParse(rawSettings(get, copyFilesDestination));
  if (parsed.success) {
    return { ok: true, settings: parsed.data, invalid: [] };
  }
  const badKeys = [...new Set(parsed.error.issues.map((issue) => settingKeyOf(issue.path)))];
  const invalid = badKeys.map((key) => ({ key: `imagegen.${key}`, reason: plainReason(parsed.error.issues.find((issue) => settingKeyOf(issue.path) === key)!) }));
  const message = invalidSettingsMessage(invalid);
  if (!defaultOf) {
    return { ok: false, message, invalid };
  }
  const repaired = settingsSchema.safeParse(rawSettings((key) => (badKeys.includes(key) ? defaultOf(key) : get(key)), copyFilesDestination));
  return { ok: false, message, invalid, ...(repaired.success ? { withDefaults: repaired.data } : {}) };
}

function rawSettings(get: (key: string) => unknown, copyFilesDestination: unknown): unknown {
  return {
    defaultModel: get(settingKeys.defaultModel),
    baseUrls: Object.fromEntries(providerIds.map((id) => [id, get(settingKeys.baseUrl(id))])),
    assetsFolder: get(settingKeys.assetsFolder),
    ...(copyFilesDestination === undefined ? {} : { copyFilesDestination }),
    polling: {
      initialDelaySeconds: get(settingKeys.initialDelaySeconds) ?? null,
      intervalSeconds: get(settingKeys.intervalSeconds) ?? null,
      timeoutSeconds: get(settingKeys.timeoutSeconds) ?? null,
    },
    maxDownloadMegabytes: get(settingKeys.maxDownloadMegabytes),
    download: { timeoutSeconds: get(settingKeys.downloadTimeoutSeconds) },
    openai: { timeoutSeconds: get(settingKeys.openaiTimeoutSeconds), partialImages: get(settingKeys.openaiPartialImages) },
    fileName: get(settingKeys.fileName) ?? defaultFileNameTemplate,
    link: { style: get(settingKeys.linkStyle) ?? 'relative', siteRoot: get(settingKeys.linkSiteRoot) ?? '', width: get(settingKeys.linkWidth) ?? null },
  };
}
